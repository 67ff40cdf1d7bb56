function Invoke-ADPhotoChange {
    <#
    .SYNOPSIS
        The second pass of Remove-ADPhoto and Restore-ADPhoto: makes the approved changes and returns one result per user.

    .DESCRIPTION
        Runs the job of -Request (what_if = $false, the users approved in the first pass, see
        Get-ADPhotoPendingChange) with a progress bar that counts them against -Count, and
        returns one ADPhoto.Result per user as it is settled: Status Removed or Restored
        when done, Failed when not, Skipped otherwise. A failed user is also a non-terminating
        error written through -Cmdlet (ADPhoto.RemoveFailed or ADPhoto.RestoreFailed, the user
        as TargetObject); a failure of the whole job ends the command (Receive-ADPhotoJobEvent).

    .PARAMETER Change
        Remove or Restore: what the command does, for the status, the error id and the messages.

    .PARAMETER Request
        The job's request, with what_if = $false.

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: user errors and terminating errors are the command's.

    .PARAMETER TargetObject
        What the job is about (the server, the backup folder), for a job-level failure.

    .PARAMETER Attribute
        The photo attribute of the run.

    .PARAMETER BackupPath
        The run folder, as the results show it ($null when the library chose it).

    .PARAMETER Count
        How many users were approved (the progress bar's 100 %).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('Remove', 'Restore')]
        [string]$Change,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Request,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [AllowNull()]
        [object]$TargetObject,

        [string]$Attribute = 'thumbnailPhoto',

        [AllowNull()]
        [object]$BackupPath,

        [Parameter(Mandatory = $true)]
        [int]$Count
    )

    $activity = $Cmdlet.MyInvocation.MyCommand.Name
    $doneStatus = 'Restored'
    $errorId = 'ADPhoto.RestoreFailed'
    $failureKind = 'restore-failed'
    if ($Change -eq 'Remove') {
        $doneStatus = 'Removed'
        $errorId = 'ADPhoto.RemoveFailed'
        $failureKind = 'remove-failed'
    }
    $settled = 0
    Receive-ADPhotoJobEvent -Request $Request -Cmdlet $Cmdlet -Activity $activity -TargetObject $TargetObject -EventName 'item' -ProgressActivity $activity | ForEach-Object {
        $jobEvent = $_
        $settled++
        Write-ADPhotoProgress -Activity $activity -Status "$settled of $Count" -Done $settled -Total $Count
        $status = "$($jobEvent.status)"
        if ($status -eq 'failed') {
            $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind $failureKind
            $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -ErrorId $errorId -TargetObject $jobEvent.user -Message "$($jobEvent.user): $Attribute was not $($doneStatus.ToLowerInvariant()): $($problem.Message)"))
        }
        $shown = 'Skipped'
        if ($status -eq 'done') {
            $shown = $doneStatus
        } elseif ($status -eq 'failed') {
            $shown = 'Failed'
        }
        New-ADPhotoChangeResult -ItemEvent $jobEvent -Status $shown -Change $Change -Attribute $Attribute -BackupPath $BackupPath
    }
}
