function ConvertTo-ADPhotoDirectory {
    <#
    .SYNOPSIS
        The ADPhoto.Directory object of one service, from a command's service parameters.

    .DESCRIPTION
        New-ADPhotoDirectory, and every command given a service's parameters directly
        (Get-ADPhoto -Server ..., Get-EntraPhoto -TenantId ..., Set-GooglePhotoBulk -Subject ...),
        turn them into one object here, so each service's parameters mean the same everywhere.
        Only what can be checked without a network is checked, each with its own error id:

        - ActiveDirectory: without -Server, the signed-in Windows user's domain
          ($env:USERDNSDOMAIN), as the ActiveDirectory module does; with neither,
          ADPhoto.NoServer.
        - Entra: a tenant (ADPhoto.NoTenant), an application id (-ClientId or the user name of
          -Credential; ADPhoto.NoClientId) and exactly one credential, a secret or a
          certificate (ADPhoto.NoCredential, ADPhoto.TwoCredentials).
        - Google: a key file (-KeyFile or $env:GOOGLE_APPLICATION_CREDENTIALS; ADPhoto.NoKeyFile)
          that exists (ADPhoto.KeyFileNotFound).

        Throws the ErrorRecord for the command to end with. The object's Spec holds the
        fields of the library's directory request without any secret; Secrets holds the
        password, client secret or PFX password as SecureStrings, made text only by
        ConvertTo-ADPhotoDirectorySpec when a job starts.

    .PARAMETER Service
        ActiveDirectory, Entra or Google.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters (New-ADPhotoDirectory's parameter names).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Directory')]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('ActiveDirectory', 'Entra', 'Google')]
        [string]$Service,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters
    )

    # A parameter's value, trimmed; '' when not given.
    $text = { param($Name) if ($BoundParameters.Contains($Name)) { "$($BoundParameters[$Name])".Trim() } else { '' } }
    $spec = [ordered]@{}
    $secrets = @{}
    $credential = $null
    if ($BoundParameters.Contains('Credential') -and $null -ne $BoundParameters['Credential'] -and
        $BoundParameters['Credential'] -ne [System.Management.Automation.PSCredential]::Empty) {
        $credential = [System.Management.Automation.PSCredential]$BoundParameters['Credential']
    }

    switch ($Service) {
        'ActiveDirectory' {
            $name = & $text 'Server'
            Confirm-ADPhotoServerAddress -Server $name
            if (-not $name -and $env:USERDNSDOMAIN) {
                $name = $env:USERDNSDOMAIN.Trim().ToLowerInvariant()
                Write-Verbose "No -Server: using the current user's domain, $name"
            }
            if (-not $name) {
                throw (New-ADPhotoErrorRecord -Kind 'no-server' -Category InvalidArgument -Message (
                        'No directory server: give -Server (dc1.example.edu, ldaps://host:port, or ldap://host with -StartTls), ' +
                        'or run on a domain-joined Windows machine.'))
            }
            $photo = 'thumbnailPhoto'
            # No "type": LDAP is the library's default, and the account-picture task reads
            # these fields as LDAP options only.
            $spec['server'] = $name
            $fields = [ordered]@{ SearchBase = 'search_base'; LdapFilter = 'filter' }
            $switches = [ordered]@{ StartTls = 'starttls'; Insecure = 'insecure'; IncludeDisabled = 'include_disabled' }
            if ($credential) {
                # Without a credential the library signs in with Kerberos as the current user.
                $spec['bind'] = $credential.UserName
                $secrets['password'] = $credential.Password
            }
        }
        'Entra' {
            $name = & $text 'TenantId'
            if (-not $name) {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoTenant' -Category InvalidArgument -Message 'No tenant: give -TenantId (the tenant id or a verified domain such as contoso.onmicrosoft.com).')
            }
            $clientId = & $text 'ClientId'
            if ($credential) {
                if (-not $clientId) {
                    $clientId = $credential.UserName.Trim()
                }
                $secrets['client_secret'] = $credential.Password
            }
            if ($BoundParameters.Contains('ClientSecret') -and $null -ne $BoundParameters['ClientSecret']) {
                $secrets['client_secret'] = [System.Security.SecureString]$BoundParameters['ClientSecret']
            }
            if (-not $clientId) {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoClientId' -Category InvalidArgument -Message "No application: give -ClientId (the app registration's application id), or -Credential with it as the user name.")
            }
            $certificate = & $text 'CertificatePath'
            if ($certificate -and $secrets.Contains('client_secret')) {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.TwoCredentials' -Category InvalidArgument -Message 'Give a client secret (-ClientSecret or -Credential) or a certificate (-CertificatePath), not both.')
            }
            if (-not $certificate -and -not $secrets.Contains('client_secret')) {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoCredential' -Category InvalidArgument -Message 'No credential: give -ClientSecret (a SecureString, e.g. from Read-Host -AsSecureString), -Credential (application id and secret), or -CertificatePath.')
            }
            $photo = 'photo'
            $spec['type'] = 'graph'
            $spec['tenant'] = $name
            $spec['client_id'] = $clientId
            if ($certificate) {
                $spec['certificate'] = Resolve-ADPhotoPath -Path $certificate
                if ($BoundParameters.Contains('CertificatePassword') -and $null -ne $BoundParameters['CertificatePassword']) {
                    $secrets['certificate_password'] = [System.Security.SecureString]$BoundParameters['CertificatePassword']
                }
            }
            if (& $text 'Environment') {
                $spec['cloud'] = @{ Global = 'global'; USGov = 'usgov'; USGovDoD = 'usgov-dod'; China = 'china' }[(& $text 'Environment')]
            }
            $fields = [ordered]@{ LoginUrl = 'login_url'; GraphUrl = 'graph_url' }
            $switches = [ordered]@{ Insecure = 'insecure'; IncludeDisabled = 'include_disabled' }
        }
        'Google' {
            $keyPath = & $text 'KeyFile'
            if (-not $keyPath) {
                $keyPath = "$env:GOOGLE_APPLICATION_CREDENTIALS".Trim()
            }
            if (-not $keyPath) {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoKeyFile' -Category InvalidArgument -Message 'No service account key: give -KeyFile (the JSON key file) or set $env:GOOGLE_APPLICATION_CREDENTIALS.')
            }
            $keyPath = Resolve-ADPhotoPath -Path $keyPath
            if (-not (Test-Path -LiteralPath $keyPath -PathType Leaf)) {
                throw (New-ADPhotoErrorRecord -Kind 'missing-file' -ErrorId 'ADPhoto.KeyFileNotFound' -Category ObjectNotFound -TargetObject $keyPath -Message "The key file $keyPath does not exist.")
            }
            $name = & $text 'Subject'
            $photo = 'googlePhoto'
            # The key file is named, never read here: only the native library opens it.
            $spec['type'] = 'google'
            $spec['key_file'] = $keyPath
            $spec['subject'] = $name
            $fields = [ordered]@{ Customer = 'customer'; Domain = 'domain'; OrgUnit = 'org_unit'; TokenUrl = 'token_url'; ApiUrl = 'api_url' }
            $switches = [ordered]@{ Insecure = 'insecure'; IncludeSuspended = 'include_suspended' }
            if (& $text 'OrgUnit') {
                $name = "$name $(& $text 'OrgUnit')"
            }
        }
    }

    foreach ($parameter in $fields.Keys) {
        if (& $text $parameter) {
            $spec[$fields[$parameter]] = & $text $parameter
        }
    }
    foreach ($parameter in $switches.Keys) {
        if ($BoundParameters.Contains($parameter)) {
            $spec[$switches[$parameter]] = [bool]$BoundParameters[$parameter]
        }
    }
    if (& $text 'CaCertificate') {
        $spec['ca_cert'] = Resolve-ADPhotoPath -Path (& $text 'CaCertificate')
    }
    if ($BoundParameters.Contains('ThrottleLimit')) {
        $spec['connections'] = [int]$BoundParameters['ThrottleLimit']
    }

    [pscustomobject]@{
        PSTypeName = 'ADPhoto.Directory'
        Service    = $Service
        Name       = $name
        Photo      = $photo
        Spec       = $spec
        Secrets    = $secrets
    }
}
