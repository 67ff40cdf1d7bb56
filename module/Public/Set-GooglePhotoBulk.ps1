<#
.SYNOPSIS
    Sets the Google Workspace profile photos of many users at once, uploading only what changed.

.DESCRIPTION
    Set-GooglePhotoBulk is Set-ADPhotoBulk for Google Workspace: the same input, the same plan,
    ShouldProcess per photo, backups and results, with the photos uploaded through the Admin
    SDK Directory API (users.photos) by a service account with domain-wide delegation that acts
    as one of your administrators (-Subject).

    Its work comes from the pipeline or from parameters:

    - Import-Csv rows that name a user and a file. The user column may be mail, PrimaryEmail,
      UserPrincipalName, EmployeeID, AD_user or Identity (a primary email, an alias, the Google
      user id or an employee id); the file column path_to_file, path, Path or FullName. Values
      are trimmed. Relative paths are relative to the current location.
    - Find-ADPhotoMatch output (User and File).
    - Get-ChildItem output, or -Path with files and folders: the files are matched to the
      domain's users by name with -Pattern ('{username}' is the address before the @;
      '{primaryEmail}', '{employeeId}', '{givenName}.{familyName}', ... also work; by default
      {userPrincipalName}, {mail} and {employeeID} match the primary email and employee id).

    1. Plan: the domain's users are listed (suspended ones left out unless
       -IncludeSuspended; -OrgUnit limits them to a unit and the units below it). Each photo is
       converted to a 256x256 JPEG (Google shows 96x96 and resizes what it gets, so a sharper
       square gives a crisper result) and compared with the user's photo. Photos this module
       uploaded before are known by Google's photo etag, so unchanged ones are skipped without
       reading anything back.
    2. Confirm: each photo to upload goes through ShouldProcess; -WhatIf shows the plan and
       uploads nothing.
    3. Apply: the approved photos are uploaded a few at a time (-ThrottleLimit), each replaced
       photo backed up first in the run folder (-BackupPath), keyed by Google's user id. A photo
       the user set on their own profile would keep showing over an administrator's: it is
       backed up and removed, and the new photo uploaded again. Google's quota errors
       (403 userRateLimitExceeded, quotaExceeded, rateLimitExceeded) slow the whole run down
       with exponential backoff, and server errors are retried; a user that still fails gets an
       ADPhoto.WriteFailed error and the others are written.

    One ADPhoto.Result object is returned per user or file as soon as it is settled. A failure
    of the whole run (the key is refused, the delegation lacks the scope, the subject is not an
    administrator) is a terminating error. The private key is read from -KeyFile by the native
    library only; it is never a parameter, never printed and never logged.

.PARAMETER Path
    The photo file of a row (path_to_file, path, Path or FullName column), or photo files and
    folders to match to users by name.

.PARAMETER Identity
    The user of a row: primary email, alias, Google user id or employee id (mail, PrimaryEmail,
    UserPrincipalName, EmployeeID, AD_user, Identity or User column).

.PARAMETER Pattern
    Naming templates for matching files to users by name, tried in order: '{username}',
    '{employeeId}', '{givenName}.{familyName}', any attribute of the user.

.PARAMETER KeyFile
    The service account's JSON key file (default: the file $env:GOOGLE_APPLICATION_CREDENTIALS
    names). Keep it readable by the photo administrators only: it holds a private key.

.PARAMETER Subject
    The administrator the service account acts as, for example admin@school.org.

.PARAMETER Customer
    The Workspace customer id (default: the subject's own customer).

.PARAMETER Domain
    Only users of this domain.

.PARAMETER OrgUnit
    Only users of this organisational unit and the units below it, for example /Staff.

.PARAMETER IncludeSuspended
    Include suspended users (left out by default).

.PARAMETER TokenUrl
    The OAuth token endpoint (default: the key file's token_uri).

.PARAMETER ApiUrl
    The Directory API's base URL (default: https://admin.googleapis.com).

.PARAMETER BackupPath
    The run folder: backups of the photos replaced and the journal of what was written
    (default: a dated folder under %LOCALAPPDATA%\ADPhoto\backups or ~/.local/share/adphoto/backups).
    Using the folder of an interrupted run resumes it.

.PARAMETER Force
    Upload every matched photo, even those the user already has.

.PARAMETER ThrottleLimit
    How many requests are in flight at once (default 4).

.PARAMETER Size
    Photo size in pixels, replacing the default 256.

.PARAMETER Quality
    JPEG quality from 1 to 100 (default 90); lowered when needed to fit -MaxBytes.

.PARAMETER MaxBytes
    Byte budget per photo (100 KB by default, never above 2 MB).

.PARAMETER Fit
    crop (default): keep the centred square. pad: keep the whole picture, on white.

.EXAMPLE
    Import-Csv .\photos.csv | Set-GooglePhotoBulk -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -WhatIf

    photos.csv has the columns mail,path. Shows what would be uploaded for each user and
    changes nothing.

.EXAMPLE
    Import-Csv .\photos.csv | Set-GooglePhotoBulk -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -BackupPath D:\ADPhoto\google-2026

    The same run for real, with the replaced photos kept in D:\ADPhoto\google-2026.

.EXAMPLE
    Get-ChildItem \\fs1\photos\2026 -File | Set-GooglePhotoBulk -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -OrgUnit /Staff -Pattern '{employeeId}'

    Matches files named after the employee ID (E10423.jpg) to the staff and sets their photos.

.EXAMPLE
    Set-GooglePhotoBulk -Path .\photos -Subject admin@school.org -Pattern '{username}' | Where-Object Status -eq 'Failed'

    With $env:GOOGLE_APPLICATION_CREDENTIALS naming the key file: files named after the
    address before the @ (jsmith.jpg for jsmith@school.org); shows who failed.

.INPUTS
    Import-Csv rows, Find-ADPhotoMatch results (ADPhoto.Match), System.IO.FileInfo.

.OUTPUTS
    ADPhoto.Result: User, Status, Action, Reason, File, DN, Attribute, Bytes, CurrentBytes,
    Quality, Match, By, Suggestions, Warnings, ErrorKind, Error, Id.

.NOTES
    Setup: enable the Admin SDK API for a Cloud project, create a service account with a JSON
    key, and in the Admin console (Security > API controls > Domain-wide delegation) allow its
    client ID the scope https://www.googleapis.com/auth/admin.directory.user.

.LINK
    Set-ADPhotoBulk

.LINK
    Find-ADPhotoMatch
#>
function Set-GooglePhotoBulk {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName', 'path_to_file', 'File')]
        [string[]]$Path,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Alias('mail', 'PrimaryEmail', 'UserPrincipalName', 'EmployeeID', 'AD_user', 'SamAccountName', 'User')]
        [string]$Identity,

        [Parameter()]
        [string[]]$Pattern,

        [Parameter()]
        [string]$KeyFile,

        [Parameter(Mandatory = $true)]
        [string]$Subject,

        [Parameter()]
        [string]$Customer,

        [Parameter()]
        [string]$Domain,

        [Parameter()]
        [string]$OrgUnit,

        [Parameter()]
        [switch]$IncludeSuspended,

        [Parameter()]
        [string]$TokenUrl,

        [Parameter()]
        [string]$ApiUrl,

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
        [ValidateRange(1024, 2097152)]
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
        $source = ConvertTo-ADPhotoSourceRequest -InputSet $inputSet -Cmdlet $PSCmdlet -Pattern $Pattern -NoInputMessage 'No photos: pipe Import-Csv rows (mail,path), Find-ADPhotoMatch results or Get-ChildItem files, or give -Path.'
        if ($null -eq $source) {
            return
        }

        # Under -WhatIf the library itself stops after the plan: nothing can be uploaded.
        $mode = 'confirm'
        if ($WhatIfPreference) {
            $mode = 'plan'
        }
        try {
            $keyPath = "$KeyFile".Trim()
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
            # The key file is named, never read here: only the native library opens it.
            $users = [ordered]@{ type = 'google'; key_file = $keyPath; subject = $Subject.Trim() }
            $optional = [ordered]@{ customer = $Customer; domain = $Domain; org_unit = $OrgUnit; token_url = $TokenUrl; api_url = $ApiUrl }
            foreach ($name in $optional.Keys) {
                $value = "$($optional[$name])".Trim()
                if ($value) {
                    $users[$name] = $value
                }
            }
            if ($IncludeSuspended) {
                $users['include_suspended'] = $true
            }
            if ($PSBoundParameters.ContainsKey('ThrottleLimit')) {
                $users['connections'] = $ThrottleLimit
            }
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

        $where = "Google Workspace ($($Subject.Trim()))"
        if ($OrgUnit) {
            $where = "$where $($OrgUnit.Trim())"
        }
        Write-Verbose ("Set-GooglePhotoBulk: {0} pair(s), {1} file(s)/folder(s); to {2}; mode {3}" -f $inputSet.Pairs.Count, $inputSet.Photos.Count, $where, $mode)
        # Each photo is confirmed here, by this command: -WhatIf and -Confirm are its own.
        $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
        Invoke-ADPhotoSetJob -Request $request -Cmdlet $PSCmdlet -ShouldProcess $confirm -Activity 'Set-GooglePhotoBulk' -Attribute 'googlePhoto' -Where $where -PairCount $inputSet.Pairs.Count -IdentityOfFile $inputSet.IdentityOfFile
    }
}
