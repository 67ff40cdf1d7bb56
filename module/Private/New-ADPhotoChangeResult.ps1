function New-ADPhotoChangeResult {
    <#
    .SYNOPSIS
        The result object (ADPhoto.Result) of one user of Remove-ADPhoto or Restore-ADPhoto.

    .DESCRIPTION
        Made from an "item" event of a remove or restore job, in either pass: the read-only
        first pass returns the users it would not touch as Skipped, the second pass every
        user it was asked to change (Removed, Restored, Failed or Skipped). Both commands
        return the same properties: User, Status, Reason, DN, Attribute, Bytes, BackupPath.

    .PARAMETER ItemEvent
        The "item" event.

    .PARAMETER Status
        What happened to the user: Removed, Restored, Failed or Skipped.

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

        [string]$Attribute = 'thumbnailPhoto',

        # Not [string]: a $null folder must stay $null in the result, not become ''.
        [AllowNull()]
        [object]$BackupPath
    )

    [pscustomobject]@{
        PSTypeName = 'ADPhoto.Result'
        User       = $ItemEvent.user
        Status     = $Status
        Reason     = $ItemEvent.reason
        DN         = $ItemEvent.dn
        Attribute  = $Attribute
        Bytes      = $ItemEvent.bytes
        BackupPath = $BackupPath
    }
}
