function Invoke-ADPhotoJob {
    <#
    .SYNOPSIS
        Pulls a native job's events and writes each one to the pipeline as an object, as it arrives.

    .DESCRIPTION
        The pull loop shared by every command: asks the job for its next event with a short
        wait (200 ms), so that PowerShell stays responsive and Ctrl+C stops the command
        within a fraction of a second, and writes each event (parsed JSON, with an "event"
        property) downstream at once. Ends after the job's "done" event. The job is always
        cancelled (if still running) and disposed in a finally block: at the end, when a
        downstream command throws, when the pipeline is stopped early and on Ctrl+C.
        Setting $Control.Stop = $true from the downstream script block ends the loop after
        the current event, and disposing a job that waits for its apply step writes nothing.

    .PARAMETER Job
        A job started with Start-ADPhotoJob.

    .PARAMETER Request
        A request to start the job from (instead of -Job).

    .PARAMETER Control
        A hashtable the caller may set Stop = $true in to end the loop early.

    .PARAMETER WaitMilliseconds
        How long each pull waits for an event before checking for Ctrl+C again.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Request')]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Job')]
        [object]$Job,

        [Parameter(Mandatory = $true, ParameterSetName = 'Request')]
        [System.Collections.IDictionary]$Request,

        [hashtable]$Control,

        [ValidateRange(1, 5000)]
        [int]$WaitMilliseconds = 200
    )

    if ($PSCmdlet.ParameterSetName -eq 'Request') {
        $Job = Start-ADPhotoJob -Request $Request
    }
    try {
        while ($true) {
            try {
                $json = $Job.Next($WaitMilliseconds)
            } catch {
                throw (ConvertTo-ADPhotoErrorRecord -ErrorRecord $_ -Activity 'Reading the events of the native job' -DefaultKind 'internal')
            }
            if ($null -eq $json) {
                if ($Job.IsDone) {
                    break
                }
                continue
            }
            $jobEvent = ConvertFrom-Json -InputObject $json
            $json = $null
            $jobEvent
            if ($null -ne $Control -and $Control['Stop']) {
                break
            }
        }
    } finally {
        # Runs on Ctrl+C too, when calling cmdlets (even Write-Verbose) would throw: .NET calls only.
        if ($null -ne $Job) {
            try {
                if (-not $Job.IsDone) {
                    $Job.Cancel()
                }
            } catch {
                $null = $_ # the job is freed below whatever Cancel said
            } finally {
                $Job.Dispose()
            }
        }
    }
}
