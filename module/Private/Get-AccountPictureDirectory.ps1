function Get-AccountPictureDirectory {
    <#
    .SYNOPSIS
        The "directory" object of an account-picture request, or $null when there is no directory to ask.

    .DESCRIPTION
        Like ConvertTo-ADPhotoDirectory, but a missing server is not an error: the
        photo may come from a file alone. Without -Server it uses the signed-in user's
        domain ($env:USERDNSDOMAIN) and, when running as SYSTEM (which has no such
        variable), the domain this computer is joined to: the computer account then reads
        the photos with Kerberos, and no password is stored anywhere.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters
    )

    $parameters = @{}
    foreach ($key in $BoundParameters.Keys) {
        $parameters[$key] = $BoundParameters[$key]
    }
    $server = ''
    if ($parameters.ContainsKey('Server')) {
        $server = "$($parameters['Server'])".Trim()
    }
    if (-not $server -and $env:USERDNSDOMAIN) {
        $server = $env:USERDNSDOMAIN.Trim().ToLowerInvariant()
    }
    $onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    if (-not $server -and $onWindows) {
        try {
            $computer = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction Stop
            if ($computer.PartOfDomain -and $computer.Domain) {
                $server = "$($computer.Domain)".Trim().ToLowerInvariant()
                Write-Verbose "No -Server: using this computer's domain, $server"
            }
        } catch {
            Write-Verbose "Cannot read this computer's domain: $($_.Exception.Message)"
        }
    }
    if (-not $server) {
        Write-Verbose 'No directory server: jpegPhoto and thumbnailPhoto are not read.'
        return $null
    }
    $parameters['Server'] = $server
    $directory = ConvertTo-ADPhotoDirectory -Service ActiveDirectory -BoundParameters $parameters
    ConvertTo-ADPhotoDirectorySpec -Directory $directory -Attribute 'jpegPhoto'
}
