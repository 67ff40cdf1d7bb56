<#
.SYNOPSIS
    Describes the directory the other ADPhoto commands work on: Active Directory (or any LDAP directory), Microsoft 365 (Entra ID, through Microsoft Graph) or Google Workspace.

.DESCRIPTION
    New-ADPhotoDirectory holds the one set of parameters for each service. It returns an
    ADPhoto.Directory object to pass to any ADPhoto command with -Directory, so that every
    command (Set-ADPhotoBulk, Find-ADPhotoMatch, Get-ADPhoto, Export-ADPhoto, Remove-ADPhoto,
    Restore-ADPhoto, Get-ADPhotoReport) works the same way on every service:

    - Active Directory, Samba or OpenLDAP: -Server (and -Credential, -SearchBase, ...), the
      default. The photo goes into thumbnailPhoto (or jpegPhoto: the commands' -Attribute).
    - Microsoft 365: -TenantId with an app registration (-ClientId and -ClientSecret,
      -Credential or -CertificatePath). The photo is the 648x648 profile photo.
    - Google Workspace: -Subject (an administrator) with a service account key file (-KeyFile,
      or $env:GOOGLE_APPLICATION_CREDENTIALS). The photo is the 256x256 profile photo.

    Nothing is contacted here: each command connects and signs in when it runs, so a wrong
    password or an unreachable server is reported by the command. What is checked here is
    what can be checked without a network (a tenant, an application id, one credential, a key
    file that exists). Passwords and secrets stay SecureStrings in the object and are handed
    to the native library only when a command runs; the key file is named, never read.

    The commands also still take these parameters directly (Get-ADPhoto -Server dc1 ...), as
    scripts written for earlier releases do; the service parameters of Set-EntraPhotoBulk,
    Get-EntraPhoto, Remove-EntraPhoto and Set-GooglePhotoBulk are these too.

.PARAMETER Server
    Active Directory: the directory server, dc1.example.edu (LDAPS, port 636), ldaps://host:port,
    or ldap://host with -StartTls (or -Insecure). Default: the current user's domain
    ($env:USERDNSDOMAIN).

.PARAMETER Credential
    Active Directory: the account to sign in with (a DN, user@realm or DOMAIN\user); without
    it, the current user's Kerberos ticket is used. Microsoft 365: the application id as user
    name and the client secret as password.

.PARAMETER SearchBase
    Active Directory: where to look for users, for example 'OU=Students,DC=school,DC=org'
    (default: the whole domain).

.PARAMETER LdapFilter
    Active Directory: an extra LDAP filter for the users, for example '(department=Science)'.

.PARAMETER IncludeDisabled
    Active Directory and Microsoft 365: include disabled accounts (skipped by default).

.PARAMETER StartTls
    Active Directory: upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Active Directory: allow an unencrypted ldap:// connection (the password travels in the
    clear). Microsoft 365 and Google: allow plain http:// endpoints that are not on this machine.

.PARAMETER CaCertificate
    Trust this CA certificate (PEM file): for Active Directory exactly this CA instead of the
    system's; for Microsoft 365 and Google in addition to the system's (a TLS-inspecting proxy).

.PARAMETER TenantId
    Microsoft 365: the tenant, its id or a verified domain (contoso.onmicrosoft.com).

.PARAMETER ClientId
    Microsoft 365: the app registration's application (client) id. May be omitted with
    -Credential, whose user name is then the application id.

.PARAMETER ClientSecret
    Microsoft 365: the app's client secret, as a SecureString (Read-Host -AsSecureString, or
    from a vault).

.PARAMETER CertificatePath
    Microsoft 365: sign in with the app's certificate instead of a secret: a PEM file
    (certificate and private key) or a PFX.

.PARAMETER CertificatePassword
    Microsoft 365: the PFX password, as a SecureString.

.PARAMETER Environment
    Microsoft 365: the Microsoft cloud, Global (default), USGov (GCC High), USGovDoD or China (21Vianet).

.PARAMETER LoginUrl
    Microsoft 365: the sign-in endpoint, replacing the cloud's (https://login.microsoftonline.com).

.PARAMETER GraphUrl
    Microsoft 365: the Graph endpoint, replacing the cloud's (https://graph.microsoft.com).

.PARAMETER KeyFile
    Google: the service account's JSON key file (default: the file
    $env:GOOGLE_APPLICATION_CREDENTIALS names). Keep it readable by the photo administrators
    only: it holds a private key.

.PARAMETER Subject
    Google: the administrator the service account acts as (domain-wide delegation), for
    example admin@school.org.

.PARAMETER Customer
    Google: the Workspace customer id (default: the subject's own customer).

.PARAMETER Domain
    Google: only users of this domain.

.PARAMETER OrgUnit
    Google: only users of this organisational unit and the units below it, for example /Staff.

.PARAMETER IncludeSuspended
    Google: include suspended users (left out by default).

.PARAMETER TokenUrl
    Google: the OAuth token endpoint (default: the key file's token_uri).

.PARAMETER ApiUrl
    Google: the Directory API's base URL (default: https://admin.googleapis.com).

.PARAMETER ThrottleLimit
    How many connections (Active Directory) or requests (Microsoft 365, Google) work at once
    when writing (default 4).

.EXAMPLE
    $ad = New-ADPhotoDirectory -Server dc1.school.org -Credential (Get-Credential SCHOOL\photoadmin) -SearchBase 'OU=Staff,DC=school,DC=org'
    Import-Csv .\photos.csv | Set-ADPhotoBulk -Directory $ad -WhatIf

    Active Directory: describes the staff OU once, then plans a run on it.

.EXAMPLE
    $m365 = New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret (Read-Host -AsSecureString 'Client secret')
    Get-ADPhotoReport -Directory $m365 | Where-Object { -not $_.HasPhoto }

    Microsoft 365: who has no profile photo yet.

.EXAMPLE
    $google = New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -OrgUnit /Staff
    Get-ChildItem \\fs1\photos\2026 -File | Set-ADPhotoBulk -Directory $google -BackupPath D:\ADPhoto\google-2026

    Google Workspace: sets the staff's photos from files named after them, keeping the
    replaced ones (undo: Restore-ADPhoto -Directory $google -BackupPath D:\ADPhoto\google-2026).

.OUTPUTS
    ADPhoto.Directory: Service (ActiveDirectory, Entra or Google), Name (the server, tenant or
    administrator), Photo (what is written: thumbnailPhoto, photo or googlePhoto).

.NOTES
    The object holds no password in plain text, but a SecureString can be read back by the
    account that made it: do not export it (Export-Clixml) where others can read it.

.LINK
    Set-ADPhotoBulk

.LINK
    Get-ADPhoto
#>
function New-ADPhotoDirectory {
    # ShouldProcess as every New- command here; nothing but this object is made (Low: never asks).
    [CmdletBinding(DefaultParameterSetName = 'ActiveDirectory', SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    [OutputType('ADPhoto.Directory')]
    param(
        # Each parameter names the services it belongs to: the other commands copy a service's
        # parameters from here (Get-ADPhotoServiceParameter), so this is their one declaration.
        [Parameter(ParameterSetName = 'ActiveDirectory', Position = 0)]
        [string]$Server,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [Parameter(ParameterSetName = 'Entra')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [string]$SearchBase,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [string]$LdapFilter,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [Parameter(ParameterSetName = 'Entra')]
        [switch]$IncludeDisabled,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [switch]$StartTls,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [Parameter(ParameterSetName = 'Entra')]
        [Parameter(ParameterSetName = 'Google')]
        [switch]$Insecure,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [Parameter(ParameterSetName = 'Entra')]
        [Parameter(ParameterSetName = 'Google')]
        [string]$CaCertificate,

        [Parameter(Mandatory = $true, ParameterSetName = 'Entra')]
        [string]$TenantId,

        [Parameter(ParameterSetName = 'Entra')]
        [string]$ClientId,

        [Parameter(ParameterSetName = 'Entra')]
        [System.Security.SecureString]$ClientSecret,

        [Parameter(ParameterSetName = 'Entra')]
        [string]$CertificatePath,

        [Parameter(ParameterSetName = 'Entra')]
        [System.Security.SecureString]$CertificatePassword,

        [Parameter(ParameterSetName = 'Entra')]
        [ValidateSet('Global', 'USGov', 'USGovDoD', 'China')]
        [string]$Environment,

        [Parameter(ParameterSetName = 'Entra')]
        [string]$LoginUrl,

        [Parameter(ParameterSetName = 'Entra')]
        [string]$GraphUrl,

        [Parameter(ParameterSetName = 'Google')]
        [string]$KeyFile,

        [Parameter(Mandatory = $true, ParameterSetName = 'Google')]
        [string]$Subject,

        [Parameter(ParameterSetName = 'Google')]
        [string]$Customer,

        [Parameter(ParameterSetName = 'Google')]
        [string]$Domain,

        [Parameter(ParameterSetName = 'Google')]
        [string]$OrgUnit,

        [Parameter(ParameterSetName = 'Google')]
        [switch]$IncludeSuspended,

        [Parameter(ParameterSetName = 'Google')]
        [string]$TokenUrl,

        [Parameter(ParameterSetName = 'Google')]
        [string]$ApiUrl,

        [Parameter(ParameterSetName = 'ActiveDirectory')]
        [Parameter(ParameterSetName = 'Entra')]
        [Parameter(ParameterSetName = 'Google')]
        [ValidateRange(1, 64)]
        [int]$ThrottleLimit
    )

    try {
        $directory = ConvertTo-ADPhotoDirectory -Service $PSCmdlet.ParameterSetName -BoundParameters $PSBoundParameters
    } catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
    if ($PSCmdlet.ShouldProcess($directory.Name, "Describe the $($directory.Service) directory")) {
        $directory
    }
}
