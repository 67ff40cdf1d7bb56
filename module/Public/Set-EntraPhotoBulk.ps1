<#
.SYNOPSIS
    Sets the Microsoft 365 (Entra ID) profile photos of many users at once through Microsoft Graph, uploading only what changed.

.DESCRIPTION
    Set-EntraPhotoBulk is Set-ADPhotoBulk for Microsoft 365: the same input, the same plan,
    ShouldProcess per photo, backups and results, with the 648x648 photo (the largest size
    Outlook, Teams and SharePoint show) uploaded with PUT /users/{id}/photo/$value.

    Input, from the pipeline or parameters:

    - Import-Csv rows that name a user and a file. The user column may be UserPrincipalName,
      mail, Id (object id), EmployeeID or Identity; the file column path, Path, path_to_file or
      FullName. Values are trimmed.
    - Get-ChildItem output, or -Path with files and folders: the files are matched to the
      tenant's users by name with -Pattern (by default {userPrincipalName}, {mail},
      {employeeID}, {givenName}.{sn}).

    The run signs in as an app registration with the User.ReadWrite.All or
    ProfilePhoto.ReadWrite.All application permission (admin consent granted), with a
    client secret (-ClientSecret as a SecureString, or -Credential) or a certificate
    (-CertificatePath, PEM or PFX). Secrets are handed to the native library only, never
    printed or logged.

    1. Plan: the tenant's users are listed, the current photos of the matched users are read
       twenty at a time ($batch), and each new photo is compared byte for byte with the
       current one: unchanged photos are skipped. Users without a photo (404 ImageNotFound)
       get one.
    2. Confirm: each photo to upload goes through ShouldProcess (-WhatIf, -Confirm).
    3. Apply: at most -ThrottleLimit uploads at once (default 4, Exchange's limit per app).
       When Graph throttles (429 or 503), every upload pauses for exactly the Retry-After it
       gives, rather than retrying in a storm. A replaced photo is backed up first in the run
       folder (-BackupPath); undo with the adphoto command line (adphoto graph restore) or a
       restore job. A user Graph refuses gets an ADPhoto.WriteFailed error with Graph's code
       and message; the others are uploaded.

    One ADPhoto.Result object is returned per user or file as soon as it is settled.

.PARAMETER Path
    The photo file of a row (path, Path, path_to_file or FullName column), or photo files and
    folders to match to users by name.

.PARAMETER Identity
    The user of a row: userPrincipalName, mail, object id or employeeId (UserPrincipalName,
    mail, Id, EmployeeID, Identity or User column).

.PARAMETER Pattern
    Naming templates for matching files to users by name, tried in order: '{mail}',
    '{givenName}.{sn}', 'photo-{employeeID}', any Graph user property read
    (id, userPrincipalName, mail, givenName, surname, employeeId, displayName).

.PARAMETER TenantId
    The tenant: its id or a verified domain (contoso.onmicrosoft.com).

.PARAMETER ClientId
    The app registration's application (client) id. May be omitted with -Credential, whose
    user name is then the application id.

.PARAMETER ClientSecret
    The app's client secret, as a SecureString (Read-Host -AsSecureString, or from a vault).

.PARAMETER Credential
    The application id as user name and the client secret as password (Get-Credential).

.PARAMETER CertificatePath
    Sign in with the app's certificate instead of a secret: a PEM file (certificate and
    private key) or a PFX.

.PARAMETER CertificatePassword
    The PFX password, as a SecureString.

.PARAMETER Environment
    The Microsoft cloud: Global (default), USGov (GCC High), USGovDoD or China (21Vianet).

.PARAMETER LoginUrl
    The sign-in endpoint, replacing the cloud's (https://login.microsoftonline.com).

.PARAMETER GraphUrl
    The Graph endpoint, replacing the cloud's (https://graph.microsoft.com).

.PARAMETER IncludeDisabled
    Include disabled accounts (skipped by default).

.PARAMETER BackupPath
    The run folder: backups of the photos replaced and the journal of what was uploaded
    (default: a dated folder under %LOCALAPPDATA%\ADPhoto\backups). Using the folder of an
    interrupted run resumes it.

.PARAMETER Force
    Upload every matched photo, even those the user already has.

.PARAMETER ThrottleLimit
    How many uploads run at once (default 4).

.PARAMETER Size
    Photo size in pixels, replacing the default 648.

.PARAMETER Quality
    JPEG quality from 1 to 100 (default 90).

.PARAMETER MaxBytes
    Byte budget per photo (at most 4 MB, Graph's limit).

.PARAMETER Fit
    crop (default): keep the centred square. pad: keep the whole picture, on white.

.EXAMPLE
    $secret = Read-Host -AsSecureString 'Client secret'
    Import-Csv .\photos.csv | Set-EntraPhotoBulk -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret $secret -WhatIf

    photos.csv has the columns UserPrincipalName,path. Shows what would be uploaded and changes nothing.

.EXAMPLE
    Get-ChildItem \\fs1\photos\2026 -File | Set-EntraPhotoBulk -TenantId contoso.onmicrosoft.com -Credential (Get-Credential 11111111-2222-3333-4444-555555555555) -Pattern '{employeeID}' -BackupPath D:\ADPhoto\m365-2026

    Matches files named after the employee id to the tenant's users, uploads the photos that
    changed, and keeps the replaced ones in D:\ADPhoto\m365-2026.

.EXAMPLE
    Import-Csv .\staff.csv | Set-EntraPhotoBulk -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -CertificatePath C:\secure\photo-app.pfx -CertificatePassword (Read-Host -AsSecureString) | Where-Object Status -eq 'Failed'

    Signs in with the app's certificate and lists the users whose upload failed.

.INPUTS
    Import-Csv rows, Find-ADPhotoMatch results (ADPhoto.Match), System.IO.FileInfo.

.OUTPUTS
    ADPhoto.Result

.NOTES
    The photos are uploaded by the native ADPhoto library (the same engine as
    adphoto graph set). Errors have stable ids (ADPhoto.<Kind>) and the user as TargetObject.

.LINK
    Get-EntraPhoto

.LINK
    Remove-EntraPhoto

.LINK
    Set-ADPhotoBulk
#>
function Set-EntraPhotoBulk {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName', 'path_to_file', 'File')]
        [string[]]$Path,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Alias('UserPrincipalName', 'mail', 'Id', 'ObjectId', 'EmployeeID', 'AD_user', 'User')]
        [string]$Identity,

        [Parameter()]
        [string[]]$Pattern,

        [Parameter(Mandatory = $true)]
        [string]$TenantId,

        [Parameter()]
        [string]$ClientId,

        [Parameter()]
        [System.Security.SecureString]$ClientSecret,

        [Parameter()]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter()]
        [string]$CertificatePath,

        [Parameter()]
        [System.Security.SecureString]$CertificatePassword,

        [Parameter()]
        [ValidateSet('Global', 'USGov', 'USGovDoD', 'China')]
        [string]$Environment = 'Global',

        [Parameter()]
        [string]$LoginUrl,

        [Parameter()]
        [string]$GraphUrl,

        [Parameter()]
        [switch]$IncludeDisabled,

        [Parameter()]
        [string]$BackupPath,

        [Parameter()]
        [switch]$Force,

        [Parameter()]
        [ValidateRange(1, 16)]
        [int]$ThrottleLimit,

        [Parameter()]
        [ValidateRange(16, 4096)]
        [int[]]$Size,

        [Parameter()]
        [ValidateRange(1, 100)]
        [int]$Quality,

        [Parameter()]
        [ValidateRange(1024, 4194304)]
        [long]$MaxBytes,

        [Parameter()]
        [ValidateSet('crop', 'pad')]
        [string]$Fit = 'crop'
    )

    begin {
        $inputSet = New-ADPhotoInputSet
    }

    process {
        $pipelineObject = $null
        if ($PSCmdlet.MyInvocation.ExpectingInput) {
            $pipelineObject = $_
        }
        Add-ADPhotoInputRow -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $Identity -Path $Path -InputObject $pipelineObject
    }

    end {
        $source = ConvertTo-ADPhotoSourceRequest -InputSet $inputSet -Cmdlet $PSCmdlet -Pattern $Pattern -NoInputMessage 'No photos: pipe Import-Csv rows (UserPrincipalName,path), Find-ADPhotoMatch results or Get-ChildItem files, or give -Path.'
        if ($null -eq $source) {
            return
        }

        # Under -WhatIf the library itself stops after the plan: nothing can be uploaded.
        $mode = 'confirm'
        if ($WhatIfPreference) {
            $mode = 'plan'
        }
        try {
            $users = ConvertTo-EntraPhotoDirectoryRequest -BoundParameters $PSBoundParameters
            $request = [ordered]@{
                task   = 'set'
                mode   = $mode
                users  = $users
                target = [ordered]@{ type = 'directory' }
                force  = [bool]$Force
            }
            if ($BackupPath) {
                $request['run_folder'] = Resolve-ADPhotoPath -Path $BackupPath
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        foreach ($name in $source.Keys) {
            $request[$name] = $source[$name]
        }
        $request['photo'] = ConvertTo-ADPhotoImageOption -BoundParameters $PSBoundParameters -Fit $Fit

        $where = "Microsoft 365 ($($users['tenant']))"
        Write-Verbose ("Set-EntraPhotoBulk: {0} pair(s), {1} file(s)/folder(s); to {2}; mode {3}" -f $inputSet.Pairs.Count, $inputSet.Photos.Count, $where, $mode)
        $users = $null
        # Each photo is confirmed here, by this command: -WhatIf and -Confirm are its own.
        $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
        Invoke-ADPhotoSetJob -Request $request -Cmdlet $PSCmdlet -ShouldProcess $confirm -Activity 'Set-EntraPhotoBulk' -Attribute 'photo' -Where $where -PairCount $inputSet.Pairs.Count -IdentityOfFile $inputSet.IdentityOfFile
    }
}
