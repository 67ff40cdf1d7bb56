function New-ADPhotoResult {
    <#
    .SYNOPSIS
        The result object (ADPhoto.Result) of one user or file of a set, remove or restore run.

    .DESCRIPTION
        Made from a plan or apply "item" event of the native set job. Action is the plan's
        verdict (write, skip-unchanged, no-match, ambiguous, duplicate, missing-file,
        invalid-row, invalid-image, no-photo); Status is what happened: Written, Failed or
        Cancelled for a write, Declined for a write answered No under -Confirm, Unchanged,
        NoPhoto, or Skipped for an item with a problem (the error stream says why).

    .PARAMETER ItemEvent
        The "item" event (of a set job, or of a remove or restore job).

    .PARAMETER Attribute
        The photo attribute of the run.

    .PARAMETER Status
        The status to show instead of the one read from the event (Declined: a change the
        administrator answered No to under -Confirm; Removed, Restored, Skipped, Failed for
        a remove or restore).

    .PARAMETER Action
        The action to show instead of the event's (remove, restore or skip: remove and restore
        events carry none).

    .PARAMETER BackupPath
        The run folder of a remove or restore ($null when the library chose it).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [object]$ItemEvent,

        [string]$Attribute = 'thumbnailPhoto',

        [string]$Status,

        [string]$Action,

        # Not [string]: a $null folder must stay $null in the result, not become ''.
        [AllowNull()]
        [object]$BackupPath
    )

    if (-not $Action) {
        $Action = "$($ItemEvent.action)"
    }
    # Names are case-insensitive: the status shown is $shown, not a second $status.
    $shown = $Status
    if (-not $shown) {
        $shown = switch ("$($ItemEvent.status)") {
            'written' { 'Written' }
            'failed' { 'Failed' }
            'cancelled' { 'Cancelled' }
            default {
                switch ($action) {
                    'write' { 'Planned' }
                    'skip-unchanged' { 'Unchanged' }
                    'no-photo' { 'NoPhoto' }
                    default { 'Skipped' }
                }
            }
        }
    }
    $errorKind = $null
    $errorMessage = $null
    if ($ItemEvent.error) {
        $errorKind = $ItemEvent.error.kind
        $errorMessage = $ItemEvent.error.message
    }
    [pscustomobject]@{
        PSTypeName   = 'ADPhoto.Result'
        User         = $ItemEvent.user
        Status       = $shown
        Action       = $action
        Reason       = $ItemEvent.reason
        File         = $ItemEvent.file
        DN           = $ItemEvent.dn
        Attribute    = $Attribute
        Bytes        = $ItemEvent.bytes
        CurrentBytes = $ItemEvent.current_bytes
        Quality      = $ItemEvent.quality
        Match        = $ItemEvent.match
        By           = $ItemEvent.by
        Suggestions  = @($ItemEvent.suggestions | Where-Object { $_ })
        Warnings     = @($ItemEvent.warnings | Where-Object { $_ })
        ErrorKind    = $errorKind
        Error        = $errorMessage
        Id           = $ItemEvent.id
        BackupPath   = $BackupPath
    }
}
