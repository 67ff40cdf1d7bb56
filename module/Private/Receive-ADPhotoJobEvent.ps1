function Receive-ADPhotoJobEvent {
    <#
    .SYNOPSIS
        Runs a native job for a public command and passes on only the events that command handles itself.

    .DESCRIPTION
        Every command that runs a job treats most of its events the same way, so that is done
        here once: a "warning" event becomes a warning, the "done" event is kept, and any other
        event not named in -EventName goes to the debug stream. The events named in -EventName
        are written to the pipeline as they arrive, for the command to handle in its own
        ForEach-Object: that script block runs in the command's scope, so $PSCmdlet (for
        ShouldProcess and WriteError) and the command's variables are the command's own.

        The command's -Cmdlet ($PSCmdlet) ends the command with a terminating error when the
        job cannot be read, when the command's own handling of an event throws (a downstream
        exception surfaces here), or when the "done" event reports a failure of the whole job
        (Get-ADPhotoJobError: cannot connect, wrong password). Stopping the pipeline (Ctrl+C,
        Select-Object -First) is passed on as it is. With -ProgressStatus, the progress bar
        -ProgressActivity counts the events passed on ("120 user(s) read"), at most four times a
        second; the bar is closed however the job ends. The job itself is always freed (Invoke-ADPhotoJob).

    .PARAMETER Request
        The request to start the job from.

    .PARAMETER Job
        A job the command started itself with Start-ADPhotoJob (instead of -Request), when it
        needs the handle, for example to apply a plan; the command still disposes it.

    .PARAMETER Control
        A hashtable the command may set Stop = $true in to end the job after the current event.

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: its terminating errors are the command's.

    .PARAMETER Activity
        The command's name, put before the message of a job-level failure.

    .PARAMETER TargetObject
        What the job was about (the server, the backup folder), for a job-level failure.

    .PARAMETER EventName
        The events the command handles itself ("item", "row", "match", ...).

    .PARAMETER ProgressActivity
        The activity of the command's progress bar, closed at the end (none by default).

    .PARAMETER ProgressStatus
        What the events passed on are, after their count on the progress bar ("user(s) read");
        none by default (the command updates the bar itself, or has none).
    #>
    [CmdletBinding(DefaultParameterSetName = 'Request')]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Request')]
        [System.Collections.IDictionary]$Request,

        [Parameter(Mandatory = $true, ParameterSetName = 'Job')]
        [object]$Job,

        [Parameter(ParameterSetName = 'Job')]
        [hashtable]$Control,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [string]$Activity,

        [AllowNull()]
        [object]$TargetObject,

        [Parameter(Mandatory = $true)]
        [string[]]$EventName,

        [string]$ProgressActivity,

        [string]$ProgressStatus
    )

    $pull = @{}
    if ($PSCmdlet.ParameterSetName -eq 'Job') {
        $pull['Job'] = $Job
        if ($null -ne $Control) {
            $pull['Control'] = $Control
        }
    } else {
        $pull['Request'] = $Request
    }

    $doneEvent = $null
    $passedOn = 0
    $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        Invoke-ADPhotoJob @pull | ForEach-Object {
            $jobEvent = $_
            $name = "$($jobEvent.event)"
            if ($EventName -contains $name) {
                $passedOn++
                if ($ProgressActivity -and $ProgressStatus) {
                    Write-ADPhotoProgress -Activity $ProgressActivity -Status "$passedOn $ProgressStatus" -Throttle $progressWatch
                }
                $jobEvent
            } elseif ($name -eq 'warning') {
                Write-Warning "$($jobEvent.message)"
            } elseif ($name -eq 'done') {
                $doneEvent = $jobEvent
            } else {
                Write-Debug "Event: $($jobEvent.event)"
            }
        }
    } catch [System.Management.Automation.PipelineStoppedException] {
        throw
    } catch {
        $Cmdlet.ThrowTerminatingError($_)
    } finally {
        if ($ProgressActivity) {
            Write-Progress -Activity $ProgressActivity -Completed
        }
    }
    $failure = Get-ADPhotoJobError -DoneEvent $doneEvent -Activity $Activity -TargetObject $TargetObject
    if ($failure) {
        $Cmdlet.ThrowTerminatingError($failure)
    }
}
