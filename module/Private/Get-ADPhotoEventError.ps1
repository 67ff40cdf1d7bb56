function Get-ADPhotoEventError {
    <#
    .SYNOPSIS
        The error an event carries, as an object with Kind and Message, or nothing.

    .DESCRIPTION
        Item events report a per-user failure as "error": {"kind": ..., "message": ...}; an
        export item may carry the message alone as a string. Both come back the same way.
        -DefaultKind names the failure when the event gives no kind.

    .PARAMETER ItemEvent
        The event.

    .PARAMETER DefaultKind
        The kind to use when the event gives none.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$ItemEvent,

        [string]$DefaultKind = 'failed'
    )

    $errorValue = $ItemEvent.error
    if ($null -eq $errorValue -or "$errorValue" -eq '') {
        return
    }
    if ($errorValue -is [string]) {
        return [pscustomobject]@{ Kind = $DefaultKind; Message = $errorValue }
    }
    $kind = "$($errorValue.kind)"
    if (-not $kind) {
        $kind = $DefaultKind
    }
    $message = "$($errorValue.message)"
    if (-not $message) {
        $message = "$($ItemEvent.reason)"
    }
    [pscustomobject]@{ Kind = $kind; Message = $message }
}
