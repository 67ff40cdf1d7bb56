function ConvertTo-ADPhotoUsersRequest {
    <#
    .SYNOPSIS
        The "users" object of a match or set request: a users CSV, or the directory.

    .DESCRIPTION
        -UsersCsv (a Get-ADUser | Export-Csv file) gives {"type": "csv", "path": ...}, with
        "encoding" when -Encoding names the file's code page;
        otherwise the directory options (-Server, -Credential, ...) give {"type": "ldap", ...}.
        Both at once is an error, as with the adphoto command line.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters.

    .PARAMETER Attribute
        The photo attribute (thumbnailPhoto or jpegPhoto).
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [string]$Attribute = 'thumbnailPhoto'
    )

    $csv = ''
    if ($BoundParameters.Contains('UsersCsv')) {
        $csv = "$($BoundParameters['UsersCsv'])".Trim()
    }
    if ($csv) {
        if ($BoundParameters.Contains('Server') -and "$($BoundParameters['Server'])".Trim()) {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.ServerAndUsersCsv' -Category InvalidArgument -Message 'Give either -Server (users from the directory) or -UsersCsv (users from a CSV), not both.')
        }
        $path = Resolve-ADPhotoPath -Path $csv
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            throw (New-ADPhotoErrorRecord -Kind 'missing-file' -ErrorId 'ADPhoto.UsersCsvNotFound' -Category ObjectNotFound -TargetObject $path -Message "The users CSV $path does not exist.")
        }
        $request = [ordered]@{ type = 'csv'; path = $path }
        if ($BoundParameters.Contains('Encoding') -and "$($BoundParameters['Encoding'])".Trim()) {
            $request['encoding'] = "$($BoundParameters['Encoding'])".Trim()
        }
        return $request
    }
    $users = [ordered]@{ type = 'ldap' }
    $directory = ConvertTo-ADPhotoDirectoryRequest -BoundParameters $BoundParameters -Attribute $Attribute
    foreach ($key in $directory.Keys) {
        $users[$key] = $directory[$key]
    }
    $users
}
