function New-ADPhotoResult {
    <#
    .SYNOPSIS
        The result object (ADPhoto.Result) of one user or file of a Set-ADPhotoBulk run.

    .DESCRIPTION
        Made from a plan or apply "item" event of the native set job. Action is the plan's
        verdict (write, skip-unchanged, no-match, ambiguous, duplicate, missing-file,
        invalid-row, invalid-image, no-photo); Status is what happened: Written, Failed or
        Cancelled for a write, Declined for a write answered No under -Confirm, Unchanged,
        NoPhoto, or Skipped for an item with a problem (the error stream says why).

    .PARAMETER ItemEvent
        The "item" event.

    .PARAMETER Attribute
        The photo attribute of the run.

    .PARAMETER Status
        The status to show instead of the one read from the event (Declined: a write the
        administrator answered No to under -Confirm).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [object]$ItemEvent,

        [string]$Attribute = 'thumbnailPhoto',

        [string]$Status
    )

    $action = "$($ItemEvent.action)"
    # $Status (the parameter) and $status are one variable in PowerShell: the event's is $shown.
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
    }
}
