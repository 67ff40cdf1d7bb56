function Invoke-ADPhotoSetJob {
    <#
    .SYNOPSIS
        Runs a native "set" job for a public command: plan, ShouldProcess per photo, apply the approved ones.

    .DESCRIPTION
        The plan/confirm/apply conversation of a set job, whatever the directory (LDAP, Google
        Workspace, ...), for a command that has built the request itself:

        1. Each planned item is either a photo to write, which goes through the command's
           -ShouldProcess (the user as target, "Set <Attribute> (N bytes)" as the action; one
           declined under -Confirm is returned as an ADPhoto.Result with Status Declined), or
           is settled at once: an ADPhoto.Result is returned, and a problem (no-match,
           ambiguous, duplicate, missing-file, invalid-row, invalid-image) is also written as
           a non-terminating error with the user (or the row's identity, or the file) as
           TargetObject.
        2. After the "planned" event the approved items are handed to the job (mode
           'confirm'); with none approved, or in mode 'plan' (-WhatIf), nothing is written.
        3. Each applied item returns an ADPhoto.Result; a failed one is also an
           ADPhoto.WriteFailed error.

        A failure of the whole job ends the command (Receive-ADPhotoJobEvent). The job is
        always freed.

    .PARAMETER Request
        The set job's request (task = set, mode = confirm or plan).

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: ShouldProcess, errors and terminating errors are the command's.

    .PARAMETER ShouldProcess
        The command's confirmation, { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }
        made a closure in the command's own body, so its -WhatIf and -Confirm apply.

    .PARAMETER Activity
        The command's name, for messages and the progress bar.

    .PARAMETER Attribute
        What is written, as messages and results name it (thumbnailPhoto, googlePhoto, ...).

    .PARAMETER Where
        The target, as messages name it (the server, the Google domain).

    .PARAMETER PairCount
        How many user/file pairs were given (the planning progress bar's 100 %); 0 for folders.

    .PARAMETER IdentityOfFile
        For rows that named a user and a file: the user each file was given for.
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Request,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [scriptblock]$ShouldProcess,

        [Parameter(Mandatory = $true)]
        [string]$Activity,

        [Parameter(Mandatory = $true)]
        [string]$Attribute,

        [Parameter(Mandatory = $true)]
        [string]$Where,

        [int]$PairCount = 0,

        [hashtable]$IdentityOfFile = @{}
    )

    $mode = "$($Request['mode'])"
    $progressActivity = "${Activity}: $Attribute"
    $approved = New-Object System.Collections.Generic.List[object]
    $control = @{ Stop = $false }
    $counts = @{ Planned = 0; ToApply = 0; Applied = 0 }
    $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $problemActions = @('no-match', 'ambiguous', 'duplicate', 'missing-file', 'invalid-row', 'invalid-image')
    # Started here, not by Receive-ADPhotoJobEvent: applying the plan needs the job.
    $job = $null
    try {
        $job = Start-ADPhotoJob -Request $Request
    } catch {
        $Cmdlet.ThrowTerminatingError($_)
    }
    try {
        Receive-ADPhotoJobEvent -Job $job -Control $control -Cmdlet $Cmdlet -Activity $Activity -TargetObject $Where -EventName 'progress', 'item', 'planned' -ProgressActivity $progressActivity | ForEach-Object {
            $jobEvent = $_
            switch ("$($jobEvent.event)") {
                'progress' {
                    $status = "Planning: $($jobEvent.done) photo(s) converted and compared"
                    if ($PairCount -gt 0) {
                        Write-ADPhotoProgress -Activity $progressActivity -Status "$status of $PairCount" -Done $jobEvent.done -Total $PairCount -Throttle $progressWatch
                    } else {
                        Write-ADPhotoProgress -Activity $progressActivity -Status $status -Throttle $progressWatch
                    }
                }
                'item' {
                    $who = "$($jobEvent.user)"
                    if (-not $who) {
                        $who = "$($jobEvent.dn)"
                    }
                    if ("$($jobEvent.phase)" -ne 'apply') {
                        $counts.Planned++
                        Write-ADPhotoProgress -Activity $progressActivity -Status "Planning: $($counts.Planned) item(s)" -Throttle $progressWatch
                        $action = "$($jobEvent.action)"
                        if ($action -eq 'write') {
                            $what = "Set $Attribute ($($jobEvent.bytes) bytes)"
                            if ($jobEvent.current_bytes -gt 0) {
                                $what = "Set $Attribute ($($jobEvent.bytes) bytes, replacing $($jobEvent.current_bytes) bytes)"
                            }
                            if (& $ShouldProcess $who $what) {
                                $approved.Add($jobEvent.id)
                            } elseif ($mode -eq 'confirm') {
                                # Answered No under -Confirm: still one result per user, as promised.
                                New-ADPhotoResult -ItemEvent $jobEvent -Attribute $Attribute -Status 'Declined'
                            }
                            return
                        }
                        New-ADPhotoResult -ItemEvent $jobEvent -Attribute $Attribute
                        if ($problemActions -notcontains $action) {
                            return
                        }
                        $about = $jobEvent.user
                        if (-not $about -and $jobEvent.file -and $IdentityOfFile.ContainsKey("$($jobEvent.file)")) {
                            $about = $IdentityOfFile["$($jobEvent.file)"]
                        }
                        if (-not $about) {
                            $about = $jobEvent.file
                        }
                        $message = "$($jobEvent.reason)"
                        if ($jobEvent.file -and -not $message.Contains("$($jobEvent.file)")) {
                            $message = "$($jobEvent.file): $message"
                        }
                        if ($jobEvent.error -and $jobEvent.error.kind -and $action -eq 'invalid-image') {
                            $message = "$message [$($jobEvent.error.kind)]"
                        }
                        $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $action -TargetObject $about -Message $message))
                        return
                    }
                    $counts.Applied++
                    Write-ADPhotoProgress -Activity $progressActivity -Status "Writing: $($counts.Applied) of $($counts.ToApply)" -Done $counts.Applied -Total $counts.ToApply -Throttle $progressWatch -Force:($counts.Applied -eq $counts.ToApply)
                    New-ADPhotoResult -ItemEvent $jobEvent -Attribute $Attribute
                    if ("$($jobEvent.status)" -eq 'failed') {
                        $kind = 'write-failed'
                        $message = "$($jobEvent.reason)"
                        if ($jobEvent.error -and $jobEvent.error.kind) {
                            $kind = "$($jobEvent.error.kind)"
                        }
                        if ($jobEvent.error -and $jobEvent.error.message) {
                            $message = "$($jobEvent.error.message)"
                        }
                        $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $kind -ErrorId 'ADPhoto.WriteFailed' -TargetObject $who -Message "${who}: $Attribute was not written: $message"))
                    }
                }
                'planned' {
                    $summary = ''
                    if ($jobEvent.totals) {
                        $summary = @($jobEvent.totals.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '
                    }
                    $plan = "Plan for $Attribute on ${Where}: $($jobEvent.changes) change(s) for $($jobEvent.users) user(s) ($summary)"
                    Write-Verbose $plan
                    Write-Information -MessageData $plan -Tags 'ADPhoto', 'Plan'
                    if ($mode -ne 'confirm') {
                        return
                    }
                    if ($approved.Count -gt 0) {
                        $counts.ToApply = $approved.Count
                        Write-Progress -Activity $progressActivity -Status "Writing: 0 of $($counts.ToApply)" -PercentComplete 0
                        $job.Apply((ConvertTo-ADPhotoJson -InputObject ([ordered]@{ items = $approved.ToArray() })))
                    } else {
                        # Nothing approved: freeing the job writes nothing.
                        Write-Verbose 'No change approved; nothing is written.'
                        $control.Stop = $true
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
