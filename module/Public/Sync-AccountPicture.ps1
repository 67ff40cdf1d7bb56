<#
.SYNOPSIS
    Sets users' Windows account pictures (sign-in screen, Start menu) in every size, from the best photo available.

.DESCRIPTION
    Sync-AccountPicture takes each user's best photo - a local HD file (-PhotoPath, or
    <account>.jpg in -PhotoFolder), the directory's jpegPhoto, the Microsoft 365 photo
    (the 648x648 photo Teams shows, read through Microsoft Graph when -Graph or -TenantId
    names the tenant), then thumbnailPhoto - and makes the twelve sizes Windows uses
    (Image32 ... Image1080), each resized from that photo. It writes them to
    C:\ProgramData\AccountPictures\<SID>\Image<N>.jpg (each under a temporary name, then
    renamed, so Windows never sees half a file; the set before is kept in a previous\
    folder) and points HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users\<SID>
    at them.

    Nothing is written when the photo and the settings have not changed since the last
    sync, so it is cheap to run at every logon. A user with no photo anywhere keeps the
    current picture and is reported (Status NoPhoto, with each source's reason). A source
    that fails (the directory cannot be reached) changes nothing for that user rather than
    fall back to a worse photo.

    Writing HKLM needs SYSTEM or an administrator: run it as SYSTEM from a computer startup
    script (-AllProfiles) or from the scheduled task Install-AccountPictureTask registers.
    No registry permission has to be loosened for users. As SYSTEM without -Identity it
    syncs the users signed in at the moment; as anyone else, the current user. The computer
    account reads the photos from Active Directory with Kerberos: no password is stored.

    With -Root (always on Linux and macOS) everything is written under that folder instead,
    which stands for C:\ : the files under <Root>\ProgramData\AccountPictures\<SID>\ and the
    registry values into <Root>\registry.json, exactly as Windows would get them.

.PARAMETER Identity
    The users: sAMAccountName or DOMAIN\name (strings, Get-ADUser output, Import-Csv rows).
    Used to find the SID on Windows, the photo in -PhotoFolder and the user in the directory.

.PARAMETER Sid
    The user's SID, for one user (with -Identity naming that user for the photo lookup).
    Required off Windows.

.PARAMETER AllProfiles
    Every user profile on this computer (for a computer startup script, when nobody is
    signed in).

.PARAMETER PhotoPath
    The photo file of the one user given; it comes before every other source.

.PARAMETER PhotoFolder
    A folder of HD photos named after the account or the SID (jsmith.jpg, jsmith.png, ...).

.PARAMETER Source
    The sources to try, in order: File, JpegPhoto, Graph, ThumbnailPhoto (default: all four,
    in that order).

.PARAMETER Graph
    The Microsoft 365 tenant of the Graph source: an ADPhoto.Directory made by
    New-ADPhotoDirectory -TenantId ... -ClientId ... with -ClientSecret (a SecureString),
    -Credential (application id and secret) or -CertificatePath. The secret is handed to the
    native library only, never put on a command line. The user is looked up in Microsoft 365
    by the name given (-Identity: a userPrincipalName or mail; on Entra-joined computers the
    signed-in account is one). The app needs ProfilePhoto.Read.All or User.Read.All.

.PARAMETER TenantId
    Instead of -Graph, for a command line that must hold no secret (the scheduled task): the
    tenant id or a verified domain, with -ClientId and -CertificatePath.

.PARAMETER ClientId
    With -TenantId: the app registration's application id.

.PARAMETER CertificatePath
    With -TenantId: the app's certificate with its private key, a PEM file or a PFX without
    a password, readable by the account that runs the sync (SYSTEM for the task) and by
    administrators only.

.PARAMETER Server
    The directory server for jpegPhoto and thumbnailPhoto: dc1.example.edu (LDAPS, port
    636), ldaps://host:port, or ldap://host with -StartTls. Default: the user's domain, or
    when running as SYSTEM the computer's domain. Without one, only files are used.

.PARAMETER Credential
    The account to read the directory with. Without it, the current Kerberos ticket (the
    computer account when running as SYSTEM).

.PARAMETER SearchBase
    Where to look for the users in the directory (default: the whole domain).

.PARAMETER StartTls
    Upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Allow an unencrypted ldap:// connection.

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) instead of the system's.

.PARAMETER Quality
    JPEG quality of the pictures, 1-100 (default 90).

.PARAMETER Root
    Write under this folder (standing for C:\) and into a registry stand-in file instead of
    ProgramData and the registry. Required off Windows.

.PARAMETER Force
    Rewrite the pictures even when nothing changed.

.PARAMETER Rollback
    Put back the previous set of pictures (every change keeps one). A second -Rollback
    undoes the first. The next sync rewrites the set if the photo still differs.

.EXAMPLE
    Sync-AccountPicture -PhotoFolder \\fs1\photos\staff

    Run as an administrator for yourself: your picture from \\fs1\photos\staff\<you>.jpg,
    else from jpegPhoto or thumbnailPhoto in your domain.

.EXAMPLE
    Install-AccountPictureTask -PhotoFolder \\fs1\photos\staff

    Registers the scheduled task that runs Sync-AccountPicture as SYSTEM at every logon.

.EXAMPLE
    Sync-AccountPicture -AllProfiles -Server dc1.school.org -WhatIf

    From a computer startup script, shows whose picture would change and from which source.

.EXAMPLE
    Sync-AccountPicture -Sid S-1-5-21-1004336348-1177238915-682003330-1104 -Identity jsmith -PhotoPath ./jsmith.jpg -Root ./out

    On Linux: writes ./out/ProgramData/AccountPictures/S-1-5-21-.../Image*.jpg and ./out/registry.json.

.EXAMPLE
    $m365 = New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -ClientId $appId -ClientSecret (Read-Host -AsSecureString 'Client secret')
    Sync-AccountPicture -Identity jsmith@contoso.com -Source Graph, ThumbnailPhoto -Graph $m365

    The picture Teams shows (Microsoft 365's 648-pixel photo, scaled properly for every size),
    else the directory's thumbnailPhoto.

.EXAMPLE
    Sync-AccountPicture -Identity SCHOOL\jsmith -Rollback

    Puts John Smith's previous pictures back.

.INPUTS
    System.String, or objects with SamAccountName / SID properties (Get-ADUser).

.OUTPUTS
    ADPhoto.AccountPicture: User, Sid, Status (Written, Unchanged, WouldWrite, NoPhoto,
    RolledBack, WouldRollBack, Failed), Reason, Source, SourceOrigin, Tried, Folder,
    RegistryKey, Files, Warnings, ErrorKind, Error.

.NOTES
    The Group Policy "Apply the default account picture to all users" (UseDefaultTile)
    makes Windows ignore every custom picture, these included, without any message.

.LINK
    Install-AccountPictureTask
#>
function Sync-AccountPicture {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Sync')]
    [OutputType('ADPhoto.AccountPicture')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('SamAccountName', 'AD_user', 'User', 'UserName')]
        [string[]]$Identity,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Alias('ObjectSid')]
        [string]$Sid,

        [Parameter()]
        [switch]$AllProfiles,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$PhotoPath,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$PhotoFolder,

        [Parameter(ParameterSetName = 'Sync')]
        [ValidateSet('File', 'JpegPhoto', 'Graph', 'ThumbnailPhoto')]
        [string[]]$Source,

        [Parameter(ParameterSetName = 'Sync')]
        [PSTypeName('ADPhoto.Directory')]
        [object]$Graph,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$TenantId,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$ClientId,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$CertificatePath,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$Server,

        [Parameter(ParameterSetName = 'Sync')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$SearchBase,

        [Parameter(ParameterSetName = 'Sync')]
        [switch]$StartTls,

        [Parameter(ParameterSetName = 'Sync')]
        [switch]$Insecure,

        [Parameter(ParameterSetName = 'Sync')]
        [string]$CaCertificate,

        [Parameter(ParameterSetName = 'Sync')]
        [ValidateRange(1, 100)]
        [int]$Quality = 90,

        [Parameter()]
        [string]$Root,

        [Parameter(ParameterSetName = 'Sync')]
        [switch]$Force,

        [Parameter(Mandatory = $true, ParameterSetName = 'Rollback')]
        [switch]$Rollback
    )

    begin {
        $targets = New-Object System.Collections.Generic.List[object]
    }

    process {
        try {
            foreach ($user in @(Get-AccountPictureUser -Identity @($Identity) -Sid $Sid -AllProfiles:$AllProfiles)) {
                if (-not ($targets | Where-Object { $_.Sid -eq $user.Sid })) {
                    $targets.Add($user)
                }
            }
        } catch {
            $PSCmdlet.WriteError($_)
        }
    }

    end {
        if ($targets.Count -eq 0) {
            return
        }
        try {
            $request = [ordered]@{ task = 'account-picture'; quality = $Quality; force = [bool]$Force; rollback = [bool]$Rollback }
            if ($Root) {
                $request['root'] = Resolve-ADPhotoPath -Path $Root
            }
            if ($PhotoFolder) {
                $request['photo_dir'] = Resolve-ADPhotoPath -Path $PhotoFolder
            }
            if ($Source) {
                $request['sources'] = @($Source | ForEach-Object {
                        @{ File = 'file'; JpegPhoto = 'jpegPhoto'; Graph = 'graph'; ThumbnailPhoto = 'thumbnailPhoto' }[$_]
                    })
            }
            if (-not $Rollback) {
                $directory = Get-AccountPictureDirectory -BoundParameters $PSBoundParameters
                if ($directory) {
                    $request['directory'] = $directory
                }
                # The request holds the tenant's secret from here on: never print or log it.
                $graphOptions = Get-AccountPictureGraph -BoundParameters $PSBoundParameters
                if ($graphOptions) {
                    $request['graph'] = $graphOptions
                }
            }
            $photo = $null
            if ($PhotoPath) {
                if ($targets.Count -gt 1) {
                    throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.PhotoPathForOneUser' -Category InvalidArgument -Message '-PhotoPath names one photo: give one user, or use -PhotoFolder for several.')
                }
                $photo = Resolve-ADPhotoPath -Path $PhotoPath
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }

        # ShouldProcess per user: approved ones are written; under -WhatIf the others are
        # still planned (read only), so the administrator sees what would change and why.
        $approved = New-Object System.Collections.Generic.List[object]
        $preview = New-Object System.Collections.Generic.List[object]
        $what = 'Write the account pictures (12 sizes, previous set kept) and their HKLM registry values'
        if ($Rollback) {
            $what = 'Put back the previous account pictures'
        }
        foreach ($target in $targets) {
            $entry = [ordered]@{ sid = $target.Sid }
            if ($target.User) {
                $entry['user'] = "$($target.User)"
            }
            if ($photo) {
                $entry['photo'] = $photo
            }
            $label = $target.Sid
            if ($target.User) {
                $label = "$($target.User) ($($target.Sid))"
            }
            if ($PSCmdlet.ShouldProcess($label, $what)) {
                $approved.Add($entry)
            } elseif ($WhatIfPreference) {
                $preview.Add($entry)
            }
        }

        foreach ($batch in @(@{ Users = $preview; WhatIf = $true }, @{ Users = $approved; WhatIf = $false })) {
            if ($batch.Users.Count -eq 0) {
                continue
            }
            $request['users'] = $batch.Users.ToArray()
            $request['what_if'] = $batch.WhatIf
            $doneEvent = $null
            try {
                Invoke-ADPhotoJob -Request $request | ForEach-Object {
                    $jobEvent = $_
                    switch ("$($jobEvent.event)") {
                        'item' {
                            $result = ConvertTo-AccountPictureResult -ItemEvent $jobEvent
                            $who = $result.Sid
                            if ($result.User) {
                                $who = "$($result.User) ($($result.Sid))"
                            }
                            foreach ($warning in $result.Warnings) {
                                Write-Warning "${who}: $warning"
                            }
                            if ($result.Status -eq 'Failed') {
                                $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind "$($result.ErrorKind)" -TargetObject $who -Message "${who}: $($result.Error)"))
                            } elseif ($result.Status -eq 'NoPhoto') {
                                Write-Warning "${who}: $($result.Reason)"
                            } else {
                                Write-Verbose "${who}: $($result.Status): $($result.Reason)"
                            }
                            $result
                        }
                        'warning' { Write-Warning "$($jobEvent.message)" }
                        'done' { $doneEvent = $jobEvent }
                        default { Write-Debug "Event: $($jobEvent.event)" }
                    }
                }
            } catch [System.Management.Automation.PipelineStoppedException] {
                throw
            } catch {
                $PSCmdlet.ThrowTerminatingError($_)
            }
            $failure = Get-ADPhotoJobError -DoneEvent $doneEvent -Activity 'Sync-AccountPicture' -TargetObject $null
            if ($failure) {
                $PSCmdlet.ThrowTerminatingError($failure)
            }
        }
    }
}
