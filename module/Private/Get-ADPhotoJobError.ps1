function Get-ADPhotoJobError {
    <#
    .SYNOPSIS
        Reads a job's "done" event: the ErrorRecord of a job-level failure, or nothing.

    .DESCRIPTION
        A job that could not do its work at all (cannot connect, wrong password, unreadable
        users CSV) ends with {"event": "done", "status": "failed", "error": {kind, message}}:
        this returns an ErrorRecord (ADPhoto.<Kind>, for example ADPhoto.Connect) for the
        caller to pass to $PSCmdlet.ThrowTerminatingError. A cancelled job gives a warning,
        a successful one nothing. Where the run kept its backups is written to the
        verbose and information streams, with the command that undoes it.

    .PARAMETER DoneEvent
        The job's last event, or $null when the caller ended the job itself.

    .PARAMETER Activity
        The command's name, put before the message.

    .PARAMETER TargetObject
        What the job was about (the server, the backup folder).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [AllowNull()]
        [object]$DoneEvent,

        [string]$Activity = 'ADPhoto',

        [AllowNull()]
        [object]$TargetObject
    )

    if ($null -eq $DoneEvent) {
        return
    }
    $runFolder = $DoneEvent.run_folder
    if ($runFolder) {
        $undo = "Backups and journal of this run: $runFolder (undo: Restore-ADPhoto -BackupPath '$runFolder')"
        Write-Verbose $undo
        Write-Information -MessageData $undo -Tags 'ADPhoto', 'Backup'
    }
    if ($DoneEvent.totals) {
        $totals = @($DoneEvent.totals.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '
        if ($totals) {
            Write-Verbose "${Activity}: $totals"
        }
    }
    switch ("$($DoneEvent.status)") {
        'failed' {
            $kind = 'failed'
            $message = 'the job failed'
            if ($DoneEvent.error) {
                if ($DoneEvent.error.kind) {
                    $kind = "$($DoneEvent.error.kind)"
                }
                if ($DoneEvent.error.message) {
                    $message = "$($DoneEvent.error.message)"
                }
            }
            New-ADPhotoErrorRecord -Kind $kind -TargetObject $TargetObject -Message "${Activity}: $message"
        }
        'cancelled' {
            Write-Warning "${Activity}: cancelled; what was written before is kept (see the results above)."
        }
    }
}
