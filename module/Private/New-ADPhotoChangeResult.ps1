function New-ADPhotoChangeResult {
    <#
    .SYNOPSIS
        The result object (ADPhoto.Result) of one user of Remove-ADPhoto or Restore-ADPhoto.

    .DESCRIPTION
        Made from an "item" event of a remove or restore job, in either pass: the read-only
        first pass returns the users it would not touch as Skipped, the second pass every
        user it was asked to change (Removed, Restored, Failed or Skipped), and the command
        returns a user it asked about and was answered No as Declined. Both commands return
        the same properties: User, Status, Action, Reason, DN, Attribute, Bytes, BackupPath;
        Action is what the change was for that user (remove or restore; skip when there was
        nothing to do), so the default table's Action column is filled as for Set-ADPhotoBulk.

    .PARAMETER ItemEvent
        The "item" event.

    .PARAMETER Status
        What happened to the user: Removed, Restored, Failed, Skipped or Declined.

    .PARAMETER Change
        Remove or Restore: the Action of a user the change was for.

    .PARAMETER Attribute
        The photo attribute of the run.

    .PARAMETER BackupPath
        The run folder the photos were saved in or restored from ($null when the library chose it).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [object]$ItemEvent,

        [Parameter(Mandatory = $true)]
        [string]$Status,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Remove', 'Restore')]
        [string]$Change,

        [string]$Attribute = 'thumbnailPhoto',

        # Not [string]: a $null folder must stay $null in the result, not become ''.
        [AllowNull()]
        [object]$BackupPath
    )

    $action = $Change.ToLowerInvariant()
    if ("$($ItemEvent.status)" -eq 'skipped') {
        $action = 'skip'
    }
    [pscustomobject]@{
        PSTypeName = 'ADPhoto.Result'
        User       = $ItemEvent.user
        Status     = $Status
        Action     = $action
        Reason     = $ItemEvent.reason
        DN         = $ItemEvent.dn
        Attribute  = $Attribute
        Bytes      = $ItemEvent.bytes
        BackupPath = $BackupPath
    }
}
