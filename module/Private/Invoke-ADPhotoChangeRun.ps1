function Invoke-ADPhotoChangeRun {
    <#
    .SYNOPSIS
        The end block of Remove-ADPhoto, Restore-ADPhoto and Remove-EntraPhoto: look, ask for each user, then change only the users approved.

    .DESCRIPTION
        1. A read-only pass (the job with what_if) finds what the change would do to each
           user; users it would not touch come back as Skipped results, users it cannot
           find are non-terminating errors (ADPhoto.NotFound, ...).
        2. Each user it would touch goes through the command's -ShouldProcess. A user answered
           No (under -Confirm, or ConfirmImpact High) comes back as a Declined result; under
           -WhatIf PowerShell prints the "What if:" line and nothing comes back for that user.
        3. The users approved are changed in one job, each photo backed up first, and each
           comes back as a result (Removed, Restored, Failed, Skipped); a failure is also an
           ADPhoto.RemoveFailed or ADPhoto.RestoreFailed error with the user as TargetObject.

        The directory is the command's -Directory or its service parameters
        (ConvertTo-ADPhotoUsersRequest); a restore also needs a run folder with a
        manifest.jsonl (ADPhoto.NotABackup). What cannot work ends the command with a
        terminating error before anything is read.

    .PARAMETER Change
        Remove or Restore.

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: its errors and terminating errors are the command's.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters (-BackupPath, -Attribute, the directory).

    .PARAMETER Identity
        The users given or piped (a restore with none restores everyone in the backup).

    .PARAMETER ShouldProcess
        The command's confirmation, { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }
        made a closure in the command's own body, so its -WhatIf and -Confirm apply.

    .PARAMETER PlanOnly
        The command runs under -WhatIf (nobody is declined: nobody was asked).

    .PARAMETER Service
        The service of the parameters the command takes directly (see Resolve-ADPhotoDirectory).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('Remove', 'Restore')]
        [string]$Change,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [AllowEmptyCollection()]
        [string[]]$Identity = @(),

        [Parameter(Mandatory = $true)]
        [scriptblock]$ShouldProcess,

        [bool]$PlanOnly,

        [string]$Service = 'ActiveDirectory'
    )

    try {
        $folder = $null
        if ("$($BoundParameters['BackupPath'])".Trim()) {
            $folder = Resolve-ADPhotoPath -Path $BoundParameters['BackupPath']
        }
        if ($Change -eq 'Restore' -and -not (Test-Path -LiteralPath (Join-Path -Path "$folder" -ChildPath 'manifest.jsonl') -PathType Leaf)) {
            throw (New-ADPhotoErrorRecord -Kind 'not-a-backup' -Category ObjectNotFound -TargetObject $folder -Message "$folder is not a run folder: it has no manifest.jsonl (give the -BackupPath of Set-ADPhotoBulk or Remove-ADPhoto).")
        }
        $directory = ConvertTo-ADPhotoUsersRequest -BoundParameters $BoundParameters -Service $Service
    } catch {
        $Cmdlet.ThrowTerminatingError($_)
    }
    $photo = $directory.Photo
    $about = $directory.Label
    $request = [ordered]@{ task = $Change.ToLowerInvariant(); directory = $directory.Users; identities = $Identity; what_if = $true }
    if ($Change -eq 'Restore') {
        $about = $folder
        $request['backup_dir'] = $folder
    }
    $directory = $null
    $activity = $Cmdlet.MyInvocation.MyCommand.Name
    # Every result of the run: Action is the change, or skip where there was nothing to do.
    $result = @{ Attribute = $photo; BackupPath = $folder }
    $verb = $Change.ToLowerInvariant()

    # Pass 1 (reads only): who the change would touch. A user the remove job cannot find is
    # "not found"; a restore fails for more reasons.
    $failureKind = @{ Remove = 'not-found'; Restore = 'restore-failed' }[$Change]
    $approved = New-Object System.Collections.Generic.List[string]
    Receive-ADPhotoJobEvent -Request $request -Cmdlet $Cmdlet -Activity $activity -TargetObject $about -EventName 'item' | ForEach-Object {
        $jobEvent = $_
        $status = "$($jobEvent.status)"
        if ($status -eq 'failed') {
            $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind $failureKind
            $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
            return
        }
        if ($status -ne 'would-do') {
            New-ADPhotoResult -ItemEvent $jobEvent -Status 'Skipped' -Action 'skip' @result
            return
        }
        $target = "$($jobEvent.user)"
        if ($jobEvent.dn) {
            $target = "$($jobEvent.user) ($($jobEvent.dn))"
        }
        # The second pass names the user by what the job gave: a restore by the stable key,
        # which finds exactly this backup entry again.
        $key = "$($jobEvent.user)"
        if ($Change -eq 'Remove') {
            $action = "Remove $photo"
            if ($jobEvent.bytes) {
                $action = "Remove $photo ($($jobEvent.bytes) bytes, backed up first)"
            }
        } else {
            if ($jobEvent.key) {
                $key = "$($jobEvent.key)"
            }
            $action = "Restore $photo from $folder"
            if ($jobEvent.reason) {
                $action = "Restore $photo from ${folder}: $($jobEvent.reason)"
            }
        }
        if (& $ShouldProcess $target $action) {
            $approved.Add($key)
        } elseif (-not $PlanOnly) {
            New-ADPhotoResult -ItemEvent $jobEvent -Status 'Declined' -Action $verb @result
        }
    }
    if ($approved.Count -eq 0) {
        return
    }

    # Pass 2: change the approved users, each photo backed up first; one result per user.
    $request['identities'] = $approved.ToArray()
    $request['what_if'] = $false
    if ($Change -eq 'Remove' -and $folder) {
        $request['backup_dir'] = $folder
    }
    $done = @{ Remove = 'Removed'; Restore = 'Restored' }[$Change]
    $settled = 0
    Receive-ADPhotoJobEvent -Request $request -Cmdlet $Cmdlet -Activity $activity -TargetObject $about -EventName 'item' -ProgressActivity $activity | ForEach-Object {
        $jobEvent = $_
        $settled++
        Write-ADPhotoProgress -Activity $activity -Status "$settled of $($approved.Count)" -Done $settled -Total $approved.Count
        $shown = @{ done = $done; failed = 'Failed' }["$($jobEvent.status)"]
        if (-not $shown) {
            $shown = 'Skipped'
        }
        if ($shown -eq 'Failed') {
            $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind "$($Change.ToLowerInvariant())-failed"
            $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -ErrorId "ADPhoto.${Change}Failed" -TargetObject $jobEvent.user -Message "$($jobEvent.user): $photo was not $($done.ToLowerInvariant()): $($problem.Message)"))
        }
        $action = $verb
        if ($shown -eq 'Skipped') {
            $action = 'skip'
        }
        New-ADPhotoResult -ItemEvent $jobEvent -Status $shown -Action $action @result
    }
}
