<#
.SYNOPSIS
    Sets the photos of many users at once, in Active Directory, any LDAP directory, or an LDIF file, writing only what changed.

.DESCRIPTION
    Set-ADPhotoBulk takes its work from the pipeline or from parameters:

    - Import-Csv rows that name a user and a file. The user column may be AD_user,
      SamAccountName, UserPrincipalName, mail, EmployeeID or Identity; the file column
      path_to_file, path, Path or FullName. Values are trimmed (CSV files have stray spaces).
      Relative paths are relative to the current location.
    - Find-ADPhotoMatch output (User and File).
    - Get-ChildItem output, or -Path with files and folders: the files are matched to users
      by name with -Pattern (by default {sAMAccountName}, {userPrincipalName}, {mail},
      {employeeID}, {givenName}.{sn}).

    All input is collected, then one run does the work, the way an administrator checks a
    change before making it:

    1. Plan: each photo is converted for the attribute (thumbnailPhoto: 96x96 and small;
       jpegPhoto: 648x648) and compared byte for byte with the photo the user has now.
       Unchanged photos are skipped (nothing is sent); files that fit nobody, fit several
       users, or are not usable images are reported as errors (ADPhoto.NoMatch,
       ADPhoto.Ambiguous, ADPhoto.Duplicate, ADPhoto.MissingFile, ADPhoto.InvalidRow,
       ADPhoto.InvalidImage) with the user or file as TargetObject, and the rest go on.
    2. Confirm: each photo to write goes through ShouldProcess. -WhatIf prints the plan
       ("What if: Performing the operation "Set thumbnailPhoto (4711 bytes)" on target
       "jsmith"") and writes nothing; -Confirm asks for each user.
    3. Apply: the approved photos are written over a few connections (-ThrottleLimit), each
       replaced photo backed up first in the run folder (-BackupPath). A user whose write
       fails gets an ADPhoto.WriteFailed error; the others are written.

    One ADPhoto.Result object is returned per user or file as soon as it is settled
    (Status: Written, Unchanged, NoPhoto, Skipped, Failed, Cancelled). A failure of the
    whole run (cannot connect, wrong password) is a terminating error (ADPhoto.Connect,
    ADPhoto.InvalidCredentials, ...). Ctrl+C stops cleanly: writes not yet sent are not
    made, and the run folder lets a later run with the same -BackupPath resume.

    Users come from the directory (-Server; without it, the current user's domain) or, for
    an offline run, from a Get-ADUser | Export-Csv file (-UsersCsv) with the photos written
    to an LDIF file (-LdifPath) for ldifde -i or ldapmodify.

.PARAMETER Path
    The photo file of a row (path_to_file, path, Path or FullName column), or photo files
    and folders to match to users by name.

.PARAMETER Identity
    The user of a row: sAMAccountName, userPrincipalName, mail, employeeID, distinguished
    name or objectGUID (AD_user, SamAccountName, UserPrincipalName, mail, EmployeeID,
    Identity or User column).

.PARAMETER Pattern
    Naming templates for matching files to users by name, tried in order:
    '{sAMAccountName}', '{givenName}.{sn}', 'photo-{employeeID}', any attribute.

.PARAMETER Server
    The directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    ldap://host with -StartTls (or -Insecure). Default: the current user's domain.

.PARAMETER Credential
    The account to sign in with (Get-Credential). Without it, the current user's Kerberos
    ticket is used. The password is handed to the native library only, never printed or logged.

.PARAMETER SearchBase
    Where to look for users, for example 'OU=Students,DC=school,DC=org' (default: the whole domain).

.PARAMETER LdapFilter
    An extra LDAP filter for the users, for example '(department=Science)'.

.PARAMETER IncludeDisabled
    Include disabled accounts (skipped by default).

.PARAMETER StartTls
    Upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Allow an unencrypted ldap:// connection (the password travels in the clear).

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) instead of the system's.

.PARAMETER Attribute
    thumbnailPhoto (default; 96x96, at most 102400 bytes) or jpegPhoto (648x648).

.PARAMETER BackupPath
    The run folder: backups of the photos replaced and the journal of what was written
    (default: a dated folder under %LOCALAPPDATA%\ADPhoto\backups or ~/.local/share/adphoto/backups).
    Using the folder of an interrupted run resumes it. Undo with Restore-ADPhoto -BackupPath.

.PARAMETER Force
    Write every matched photo, even those the user already has.

.PARAMETER ThrottleLimit
    How many connections write at once (default 4).

.PARAMETER UsersCsv
    Read the users from this CSV (Get-ADUser -Properties mail,employeeID | Export-Csv)
    instead of the directory; requires -LdifPath.

.PARAMETER Encoding
    The encoding of the -UsersCsv file when it has no byte-order mark, for example
    windows-1250 (Central Europe), windows-1251 (Cyrillic) or windows-1252 (Western).
    Without it, a file that is not UTF-8 has its encoding detected, with a warning.

.PARAMETER LdifPath
    Write the changes to this LDIF file instead of the directory (import it with
    ldifde -i -f FILE or ldapmodify -f FILE).

.PARAMETER Size
    Photo size in pixels, replacing the attribute's default (96 for thumbnailPhoto).

.PARAMETER Quality
    JPEG quality from 1 to 100 (default 90); lowered when needed to fit -MaxBytes.

.PARAMETER MaxBytes
    Byte budget per photo (thumbnailPhoto: 20 KB by default, never above 102400).

.PARAMETER Fit
    crop (default): keep the centred square. pad: keep the whole picture, on white.

.EXAMPLE
    Import-Csv .\photos.csv | Set-ADPhotoBulk -Server dc1.school.org -WhatIf

    photos.csv has the columns AD_user,path_to_file. Prints what would be written for each
    user ("What if: Performing the operation "Set thumbnailPhoto (4711 bytes)" on target
    "jsmith"."), reports unchanged photos and bad rows, and changes nothing.

.EXAMPLE
    Import-Csv .\photos.csv | Set-ADPhotoBulk -Server dc1.school.org -Credential (Get-Credential SCHOOL\photoadmin) -BackupPath D:\ADPhoto\2026-09

    The same run for real, signed in as a photo administrator, with the replaced photos
    kept in D:\ADPhoto\2026-09 (undo: Restore-ADPhoto -BackupPath D:\ADPhoto\2026-09).

.EXAMPLE
    Import-Csv .\staff.csv | Set-ADPhotoBulk -Server dc1.school.org | Where-Object Status -eq 'Written' | Export-Csv .\written.csv -NoTypeInformation

    staff.csv has the columns mail,path. Keeps a record of whose photo was written.

.EXAMPLE
    Get-ChildItem \\fs1\photos\2026 -File | Set-ADPhotoBulk -Server dc1.school.org -SearchBase 'OU=Students,DC=school,DC=org' -Pattern '{employeeID}'

    Matches files named after the employee ID (E10423.jpg) to the students and sets their photos.

.EXAMPLE
    Set-ADPhotoBulk -Path .\photos -UsersCsv .\users.csv -LdifPath .\photos.ldif

    No reachable directory: writes an LDIF file to import later with ldifde -i -f photos.ldif.

.EXAMPLE
    Find-ADPhotoMatch -Path .\photos -Server dc1.school.org | Where-Object Match -eq 'matched' | Set-ADPhotoBulk -Server dc1.school.org -Confirm

    Checks the pairing first, then asks before each user's photo is written.

.INPUTS
    Import-Csv rows, Find-ADPhotoMatch results (ADPhoto.Match), System.IO.FileInfo.

.OUTPUTS
    ADPhoto.Result: User, Status, Action, Reason, File, DN, Attribute, Bytes, CurrentBytes,
    Quality, Match, By, Suggestions, Warnings, ErrorKind, Error, Id.

.NOTES
    The photos are written by the native ADPhoto library (the same engine as the adphoto
    command line). Every error has a stable FullyQualifiedErrorId (ADPhoto.<Kind>) and the
    user (or the file, when no user fits it) as TargetObject. Where the run folder is
    goes to the verbose and information streams.

.LINK
    Find-ADPhotoMatch

.LINK
    Restore-ADPhoto
#>
function Set-ADPhotoBulk {
    [CmdletBinding(DefaultParameterSetName = 'Directory', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName', 'path_to_file', 'File')]
        [string[]]$Path,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Alias('AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName')]
        [string]$Identity,

        [Parameter()]
        [string[]]$Pattern,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$Server,

        [Parameter(ParameterSetName = 'Directory')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$SearchBase,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$LdapFilter,

        [Parameter(ParameterSetName = 'Directory')]
        [switch]$IncludeDisabled,

        [Parameter(ParameterSetName = 'Directory')]
        [switch]$StartTls,

        [Parameter(ParameterSetName = 'Directory')]
        [switch]$Insecure,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$CaCertificate,

        [Parameter()]
        [ValidateSet('thumbnailPhoto', 'jpegPhoto')]
        [string]$Attribute = 'thumbnailPhoto',

        [Parameter()]
        [string]$BackupPath,

        [Parameter()]
        [switch]$Force,

        [Parameter(ParameterSetName = 'Directory')]
        [ValidateRange(1, 64)]
        [int]$ThrottleLimit,

        [Parameter(Mandatory = $true, ParameterSetName = 'Csv')]
        [string]$UsersCsv,

        [Parameter(ParameterSetName = 'Csv')]
        [string]$Encoding,

        [Parameter()]
        [string]$LdifPath,

        [Parameter()]
        [ValidateRange(16, 4096)]
        [int[]]$Size,

        [Parameter()]
        [ValidateRange(1, 100)]
        [int]$Quality,

        [Parameter()]
        [ValidateRange(1024, 268435456)]
        [long]$MaxBytes,

        [Parameter()]
        [ValidateSet('crop', 'pad')]
        [string]$Fit = 'crop'
    )

    begin {
        $inputSet = New-ADPhotoInputSet
        $identityOfFile = $inputSet.IdentityOfFile
    }

    process {
        $pipelineObject = $null
        if ($PSCmdlet.MyInvocation.ExpectingInput) {
            $pipelineObject = $_
        }
        Add-ADPhotoInputRow -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $Identity -Path $Path -InputObject $pipelineObject
    }

    end {
        $source = ConvertTo-ADPhotoSourceRequest -InputSet $inputSet -Cmdlet $PSCmdlet -Pattern $Pattern -NoInputMessage 'No photos: pipe Import-Csv rows (AD_user,path_to_file), Find-ADPhotoMatch results or Get-ChildItem files, or give -Path.'
        if ($null -eq $source) {
            return
        }
        $pairCount = $inputSet.Pairs.Count

        # Under -WhatIf the library itself stops after the plan: nothing can be written.
        $mode = 'confirm'
        if ($WhatIfPreference) {
            $mode = 'plan'
        }
        try {
            $users = ConvertTo-ADPhotoUsersRequest -BoundParameters $PSBoundParameters -Attribute $Attribute
            if ($LdifPath) {
                $target = [ordered]@{ type = 'ldif'; path = (Resolve-ADPhotoPath -Path $LdifPath) }
            } elseif ($users['type'] -eq 'csv') {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoTarget' -Category InvalidArgument -Message 'Users from -UsersCsv can only be written to an LDIF file: add -LdifPath (or use -Server to write to the directory).')
            } else {
                $target = [ordered]@{ type = 'directory' }
            }
            $request = [ordered]@{
                task      = 'set'
                mode      = $mode
                users     = $users
                target    = $target
                attribute = $Attribute
                force     = [bool]$Force
            }
            if ($BackupPath) {
                $request['run_folder'] = Resolve-ADPhotoPath -Path $BackupPath
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        foreach ($key in $source.Keys) {
            $request[$key] = $source[$key]
        }
        $request['photo'] = ConvertTo-ADPhotoImageOption -BoundParameters $PSBoundParameters -Fit $Fit

        $where = $target['type']
        if ($where -eq 'ldif') {
            $where = "LDIF $($target['path'])"
        } elseif ($users['server']) {
            $where = $users['server']
        }
        Write-Verbose ("Set-ADPhotoBulk: {0} pair(s), {1} file(s)/folder(s); {2} to {3}; mode {4}" -f $pairCount, $inputSet.Photos.Count, $Attribute, $where, $mode)

        $activity = "Set-ADPhotoBulk: $Attribute"
        $approved = New-Object System.Collections.Generic.List[object]
        $control = @{ Stop = $false }
        $counts = @{ Planned = 0; ToApply = 0; Applied = 0 }
        $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
        $problemActions = @('no-match', 'ambiguous', 'duplicate', 'missing-file', 'invalid-row', 'invalid-image')
        # Started here, not by Receive-ADPhotoJobEvent: applying the plan needs the job.
        $job = $null
        try {
            $job = Start-ADPhotoJob -Request $request
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $request = $null
        $users = $null
        try {
            Receive-ADPhotoJobEvent -Job $job -Control $control -Cmdlet $PSCmdlet -Activity 'Set-ADPhotoBulk' -TargetObject $where -EventName 'progress', 'item', 'planned' -ProgressActivity $activity | ForEach-Object {
                $jobEvent = $_
                switch ("$($jobEvent.event)") {
                    'progress' {
                        # Planning converts every photo: the longest part of a first run.
                        $status = "Planning: $($jobEvent.done) photo(s) converted and compared"
                        if ($pairCount -gt 0) {
                            Write-ADPhotoProgress -Activity $activity -Status "$status of $pairCount" -Done $jobEvent.done -Total $pairCount -Throttle $progressWatch
                        } else {
                            Write-ADPhotoProgress -Activity $activity -Status $status -Throttle $progressWatch
                        }
                    }
                    'item' {
                        if ("$($jobEvent.phase)" -ne 'apply') {
                            $counts.Planned++
                            Write-ADPhotoProgress -Activity $activity -Status "Planning: $($counts.Planned) item(s)" -Throttle $progressWatch
                            $action = "$($jobEvent.action)"
                            if ($action -eq 'write') {
                                $who = "$($jobEvent.user)"
                                if (-not $who) {
                                    $who = "$($jobEvent.dn)"
                                }
                                $what = "Set $Attribute ($($jobEvent.bytes) bytes)"
                                if ($jobEvent.current_bytes -gt 0) {
                                    $what = "Set $Attribute ($($jobEvent.bytes) bytes, replacing $($jobEvent.current_bytes) bytes)"
                                }
                                if ($PSCmdlet.ShouldProcess($who, $what)) {
                                    $approved.Add($jobEvent.id)
                                }
                            } else {
                                New-ADPhotoResult -ItemEvent $jobEvent -Attribute $Attribute
                                if ($problemActions -contains $action) {
                                    $about = $jobEvent.user
                                    if (-not $about -and $jobEvent.file -and $identityOfFile.ContainsKey("$($jobEvent.file)")) {
                                        $about = $identityOfFile["$($jobEvent.file)"]
                                    }
                                    if (-not $about) {
                                        $about = $jobEvent.file
                                    }
                                    $message = "$($jobEvent.reason)"
                                    if ($jobEvent.message -and "$($jobEvent.message)" -ne $message) {
                                        $message = "$message; $($jobEvent.message)"
                                    }
                                    if ($jobEvent.file -and -not $message.Contains("$($jobEvent.file)")) {
                                        $message = "$($jobEvent.file): $message"
                                    }
                                    $kind = $action
                                    if ($jobEvent.error -and $jobEvent.error.kind -and $action -eq 'invalid-image') {
                                        $message = "$message [$($jobEvent.error.kind)]"
                                    }
                                    $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind $kind -TargetObject $about -Message $message))
                                }
                            }
                        } else {
                            $counts.Applied++
                            Write-ADPhotoProgress -Activity $activity -Status "Writing: $($counts.Applied) of $($counts.ToApply)" -Done $counts.Applied -Total $counts.ToApply -Throttle $progressWatch -Force:($counts.Applied -eq $counts.ToApply)
                            New-ADPhotoResult -ItemEvent $jobEvent -Attribute $Attribute
                            if ("$($jobEvent.status)" -eq 'failed') {
                                $kind = 'write-failed'
                                $message = "$($jobEvent.reason)"
                                if ($jobEvent.error) {
                                    if ($jobEvent.error.kind) {
                                        $kind = "$($jobEvent.error.kind)"
                                    }
                                    if ($jobEvent.error.message) {
                                        $message = "$($jobEvent.error.message)"
                                    }
                                }
                                $who = $jobEvent.user
                                if (-not $who) {
                                    $who = $jobEvent.dn
                                }
                                $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind $kind -ErrorId 'ADPhoto.WriteFailed' -TargetObject $who -Message "${who}: $Attribute was not written: $message"))
                            }
                        }
                    }
                    'planned' {
                        $summary = ''
                        if ($jobEvent.totals) {
                            $summary = @($jobEvent.totals.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '
                        }
                        $plan = "Plan for $Attribute on ${where}: $($jobEvent.changes) change(s) for $($jobEvent.users) user(s) ($summary)"
                        Write-Verbose $plan
                        Write-Information -MessageData $plan -Tags 'ADPhoto', 'Plan'
                        if ($mode -eq 'confirm') {
                            if ($approved.Count -gt 0) {
                                $counts.ToApply = $approved.Count
                                Write-Progress -Activity $activity -Status "Writing: 0 of $($counts.ToApply)" -PercentComplete 0
                                $job.Apply((ConvertTo-ADPhotoJson -InputObject ([ordered]@{ items = $approved.ToArray() })))
                            } else {
                                # Nothing approved: freeing the job writes nothing.
                                Write-Verbose 'No change approved; nothing is written.'
                                $control.Stop = $true
                            }
                        }
                    }
                }
            }
        } finally {
            # Invoke-ADPhotoJob frees it when it ends; this covers a failure before its first pull.
            if ($null -ne $job) {
                $job.Dispose()
            }
        }
    }
}
