function ConvertTo-ADPhotoUsersRequest {
    <#
    .SYNOPSIS
        The "users" object of a match or set request (a users CSV, or a directory), with what the run writes and where.

    .DESCRIPTION
        -UsersCsv (a Get-ADUser | Export-Csv file) gives {"type": "csv", "path": ...}, with
        "encoding" when -Encoding names the file's code page; otherwise the command's directory
        (-Directory, or a service's parameters: Resolve-ADPhotoDirectory) gives its request.
        Returns Users (the request object, which may hold a secret: never print it), Attribute
        (the command's -Attribute, thumbnailPhoto when not given), Photo (what is written: the
        Attribute for Active Directory and a CSV, photo for Microsoft 365, googlePhoto for
        Google) and Label (the server, tenant or file, for messages).
        Throws the ErrorRecord of a users CSV that does not exist or of a directory whose
        parameters cannot work.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters (with -Attribute, the photo attribute of an
        Active Directory run: thumbnailPhoto or jpegPhoto).

    .PARAMETER Service
        The service of the parameters the command takes directly (see Resolve-ADPhotoDirectory).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [string]$Service = 'ActiveDirectory'
    )

    # -Attribute is in $BoundParameters only when given: the default is applied here, once for every command.
    $Attribute = 'thumbnailPhoto'
    if ($BoundParameters['Attribute']) {
        $Attribute = "$($BoundParameters['Attribute'])"
    }
    $csv = "$($BoundParameters['UsersCsv'])".Trim()
    if ($csv) {
        $path = Resolve-ADPhotoPath -Path $csv
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            throw (New-ADPhotoErrorRecord -Kind 'missing-file' -ErrorId 'ADPhoto.UsersCsvNotFound' -Category ObjectNotFound -TargetObject $path -Message "The users CSV $path does not exist.")
        }
        $users = [ordered]@{ type = 'csv'; path = $path }
        if ("$($BoundParameters['Encoding'])".Trim()) {
            $users['encoding'] = "$($BoundParameters['Encoding'])".Trim()
        }
        return [pscustomobject]@{ Users = $users; Attribute = $Attribute; Photo = $Attribute; Label = $path }
    }
    $directory = Resolve-ADPhotoDirectory -BoundParameters $BoundParameters -Service $Service
    $photo = $Attribute
    if ($directory.Service -ne 'ActiveDirectory') {
        if ($BoundParameters.Contains('Attribute')) {
            Write-Warning "-Attribute applies to Active Directory only; $($directory.Service) has one photo ($($directory.Photo))."
        }
        $photo = $directory.Photo
    }
    [pscustomobject]@{
        Users     = ConvertTo-ADPhotoDirectorySpec -Directory $directory -Attribute $Attribute
        Attribute = $Attribute
        Photo     = $photo
        Label     = $directory.Name
    }
}
