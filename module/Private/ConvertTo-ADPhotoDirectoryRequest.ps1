function ConvertTo-ADPhotoDirectoryRequest {
    <#
    .SYNOPSIS
        The "directory" object of a job request, from a command's -Server, -Credential, ... parameters.

    .DESCRIPTION
        Takes the caller's $PSBoundParameters and picks the directory options it knows:
        Server, Credential, SearchBase, LdapFilter, IncludeDisabled, ThrottleLimit, StartTls,
        Insecure, CaCertificate. Without -Server, the domain of the signed-in Windows user
        ($env:USERDNSDOMAIN) is used, as the ActiveDirectory module does; with neither, it throws.
        The password of -Credential goes into the returned object only: never print it, log
        it or pass it to Write-Verbose. Without -Credential the library signs in with Kerberos
        as the current user.

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

    $server = ''
    if ($BoundParameters.Contains('Server')) {
        $server = "$($BoundParameters['Server'])".Trim()
    }
    if (-not $server -and $env:USERDNSDOMAIN) {
        $server = $env:USERDNSDOMAIN.Trim().ToLowerInvariant()
        Write-Verbose "No -Server: using the current user's domain, $server"
    }
    if (-not $server) {
        throw (New-ADPhotoErrorRecord -Kind 'no-server' -Category InvalidArgument -Message (
                'No directory server: give -Server (dc1.example.edu, ldaps://host:port, or ldap://host with -StartTls), ' +
                'or run on a domain-joined Windows machine.'))
    }

    $directory = [ordered]@{
        server    = $server
        attribute = $Attribute
    }
    foreach ($switchName in @('StartTls', 'Insecure', 'IncludeDisabled')) {
        if ($BoundParameters.Contains($switchName)) {
            $key = @{ StartTls = 'starttls'; Insecure = 'insecure'; IncludeDisabled = 'include_disabled' }[$switchName]
            $directory[$key] = [bool]$BoundParameters[$switchName]
        }
    }
    if ($BoundParameters.Contains('CaCertificate') -and "$($BoundParameters['CaCertificate'])".Trim()) {
        $directory['ca_cert'] = Resolve-ADPhotoPath -Path $BoundParameters['CaCertificate']
    }
    if ($BoundParameters.Contains('SearchBase') -and "$($BoundParameters['SearchBase'])".Trim()) {
        $directory['search_base'] = "$($BoundParameters['SearchBase'])".Trim()
    }
    if ($BoundParameters.Contains('LdapFilter') -and "$($BoundParameters['LdapFilter'])".Trim()) {
        $directory['filter'] = "$($BoundParameters['LdapFilter'])".Trim()
    }
    if ($BoundParameters.Contains('ThrottleLimit')) {
        $directory['connections'] = [int]$BoundParameters['ThrottleLimit']
    }
    if ($BoundParameters.Contains('Credential')) {
        $credential = [System.Management.Automation.PSCredential]$BoundParameters['Credential']
        if ($null -ne $credential -and $credential -ne [System.Management.Automation.PSCredential]::Empty) {
            $directory['bind'] = $credential.UserName
            $directory['password'] = $credential.GetNetworkCredential().Password
        }
    }
    $directory
}
