function ConvertTo-EntraPhotoDirectoryRequest {
    <#
    .SYNOPSIS
        The "directory" (or "users") object of a job request for Microsoft 365, from an Entra command's parameters.

    .DESCRIPTION
        Takes the caller's $PSBoundParameters and builds the Microsoft Graph options the
        native library reads: type = graph, tenant, client_id, and exactly one credential:
        the client secret (from -ClientSecret as a SecureString, or -Credential whose user
        name is the application id and whose password is the secret), or a certificate file
        (-CertificatePath, PEM or PFX, with -CertificatePassword for a PFX). The secret goes
        into the returned object only: never print it, log it or pass it to Write-Verbose.
        Also -Environment (Global, USGov, USGovDoD, China), -LoginUrl, -GraphUrl,
        -IncludeDisabled and -ThrottleLimit.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters
    )

    $tenant = "$($BoundParameters['TenantId'])".Trim()
    if (-not $tenant) {
        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoTenant' -Category InvalidArgument -Message 'No tenant: give -TenantId (the tenant id or a verified domain such as contoso.onmicrosoft.com).')
    }
    $clientId = "$($BoundParameters['ClientId'])".Trim()
    $secret = $null
    if ($BoundParameters.Contains('Credential')) {
        $credential = [System.Management.Automation.PSCredential]$BoundParameters['Credential']
        if ($null -ne $credential -and $credential -ne [System.Management.Automation.PSCredential]::Empty) {
            if (-not $clientId) {
                $clientId = $credential.UserName.Trim()
            }
            $secret = $credential.GetNetworkCredential().Password
        }
    }
    if ($BoundParameters.Contains('ClientSecret') -and $null -ne $BoundParameters['ClientSecret']) {
        # NetworkCredential turns a SecureString into text on Windows PowerShell 5.1 and 7 alike.
        $secret = (New-Object System.Net.NetworkCredential('', [System.Security.SecureString]$BoundParameters['ClientSecret'])).Password
    }
    if (-not $clientId) {
        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoClientId' -Category InvalidArgument -Message "No application: give -ClientId (the app registration's application id), or -Credential with it as the user name.")
    }

    $directory = [ordered]@{
        type      = 'graph'
        tenant    = $tenant
        client_id = $clientId
    }
    $certificate = "$($BoundParameters['CertificatePath'])".Trim()
    if ($certificate -and $secret) {
        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.TwoCredentials' -Category InvalidArgument -Message 'Give a client secret (-ClientSecret or -Credential) or a certificate (-CertificatePath), not both.')
    }
    if ($certificate) {
        $directory['certificate'] = Resolve-ADPhotoPath -Path $certificate
        if ($BoundParameters.Contains('CertificatePassword') -and $null -ne $BoundParameters['CertificatePassword']) {
            $directory['certificate_password'] = (New-Object System.Net.NetworkCredential('', [System.Security.SecureString]$BoundParameters['CertificatePassword'])).Password
        }
    } elseif ($secret) {
        $directory['client_secret'] = $secret
    } else {
        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoCredential' -Category InvalidArgument -Message 'No credential: give -ClientSecret (a SecureString, e.g. from Read-Host -AsSecureString), -Credential (application id and secret), or -CertificatePath.')
    }
    if ($BoundParameters.Contains('Environment')) {
        $directory['cloud'] = @{ Global = 'global'; USGov = 'usgov'; USGovDoD = 'usgov-dod'; China = 'china' }["$($BoundParameters['Environment'])"]
    }
    foreach ($name in @('LoginUrl', 'GraphUrl')) {
        if ($BoundParameters.Contains($name) -and "$($BoundParameters[$name])".Trim()) {
            $key = @{ LoginUrl = 'login_url'; GraphUrl = 'graph_url' }[$name]
            $directory[$key] = "$($BoundParameters[$name])".Trim()
        }
    }
    if ($BoundParameters.Contains('IncludeDisabled')) {
        $directory['include_disabled'] = [bool]$BoundParameters['IncludeDisabled']
    }
    if ($BoundParameters.Contains('ThrottleLimit')) {
        $directory['connections'] = [int]$BoundParameters['ThrottleLimit']
    }
    $directory
}
