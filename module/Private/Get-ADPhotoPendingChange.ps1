function Get-ADPhotoPendingChange {
    <#
    .SYNOPSIS
        The read-only first pass of Remove-ADPhoto and Restore-ADPhoto: what the change would do to each user.

    .DESCRIPTION
        Both commands look before they change anything: they run their job with what_if = $true,
        ask ShouldProcess for each user it would change, and run the job again for the users
        approved only (Invoke-ADPhotoChange). This is that first run. It returns, as they come:

        - an ADPhoto.PendingChange for each user the change would touch: User, Key (what the
          second pass names the user by), Target and Action (the texts for ShouldProcess),
          Bytes, Reason and Event (the job's event, for the result of a user declined). The command calls $PSCmdlet.ShouldProcess(Target, Action) in its
          own body and keeps the Key of each one approved;
        - an ADPhoto.Result with Status Skipped for each user it would not touch, for the
          command to return as it is.

        A user that cannot be found is a non-terminating error written through -Cmdlet, with
        the user as TargetObject; a failure of the whole job ends the command
        (Receive-ADPhotoJobEvent).

    .PARAMETER Change
        Remove or Restore: what the command does, for the ShouldProcess text and the key.

    .PARAMETER Request
        The job's request, with what_if = $true.

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: user errors and terminating errors are the command's.

    .PARAMETER TargetObject
        What the job is about (the server, the backup folder), for a job-level failure.

    .PARAMETER Attribute
        The photo attribute of the run.

    .PARAMETER BackupPath
        The run folder: restored from (Restore), or $null.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject], 'ADPhoto.Result')]
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
        [object]$BackupPath
    )

    # A user the remove job cannot find is "not found"; a restore fails for more reasons.
    $failureKind = 'restore-failed'
    if ($Change -eq 'Remove') {
        $failureKind = 'not-found'
    }
    Receive-ADPhotoJobEvent -Request $Request -Cmdlet $Cmdlet -Activity $Cmdlet.MyInvocation.MyCommand.Name -TargetObject $TargetObject -EventName 'item' | ForEach-Object {
        $jobEvent = $_
        $status = "$($jobEvent.status)"
        if ($status -eq 'would-do') {
            $target = "$($jobEvent.user)"
            if ($jobEvent.dn) {
                $target = "$($jobEvent.user) ($($jobEvent.dn))"
            }
            if ($Change -eq 'Remove') {
                $key = "$($jobEvent.user)"
                $action = "Remove $Attribute"
                if ($jobEvent.bytes) {
                    $action = "Remove $Attribute ($($jobEvent.bytes) bytes, backed up first)"
                }
            } else {
                # The stable key finds exactly this backup entry again.
                $key = "$($jobEvent.key)"
                if (-not $key) {
                    $key = "$($jobEvent.user)"
                }
                $action = "Restore $Attribute from $BackupPath"
                if ($jobEvent.reason) {
                    $action = "Restore $Attribute from ${BackupPath}: $($jobEvent.reason)"
                }
            }
            [pscustomobject]@{
                PSTypeName = 'ADPhoto.PendingChange'
                User       = "$($jobEvent.user)"
                Key        = $key
                Target     = $target
                Action     = $action
                Bytes      = $jobEvent.bytes
                Reason     = $jobEvent.reason
                Event      = $jobEvent
            }
        } elseif ($status -eq 'failed') {
            $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind $failureKind
            $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
        } else {
            New-ADPhotoChangeResult -ItemEvent $jobEvent -Status 'Skipped' -Change $Change -Attribute $Attribute -BackupPath $BackupPath
        }
    }
}
