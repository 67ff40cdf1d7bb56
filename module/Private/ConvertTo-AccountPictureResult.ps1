function ConvertTo-AccountPictureResult {
    <#
    .SYNOPSIS
        The result object (ADPhoto.AccountPicture) of one user of a Sync-AccountPicture run.

    .DESCRIPTION
        Made from an "item" event of the native account-picture job. Status is Written,
        Unchanged, WouldWrite, NoPhoto, RolledBack, WouldRollBack or Failed; Source says
        which photo was used (file, jpegPhoto, graph, thumbnailPhoto); Tried lists the
        sources that had nothing and why; Files the registry value, path and size of each
        picture written.

    .PARAMETER ItemEvent
        The "item" event.
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.AccountPicture')]
    param(
        [Parameter(Mandatory = $true)]
        [object]$ItemEvent
    )

    $status = switch ("$($ItemEvent.status)") {
        'written' { 'Written' }
        'unchanged' { 'Unchanged' }
        'would-write' { 'WouldWrite' }
        'no-photo' { 'NoPhoto' }
        'rolled-back' { 'RolledBack' }
        'would-roll-back' { 'WouldRollBack' }
        default { 'Failed' }
    }
    $errorKind = $null
    $errorMessage = $null
    if ($ItemEvent.error) {
        $errorKind = $ItemEvent.error.kind
        $errorMessage = $ItemEvent.error.message
    }
    $source = $null
    $sourceOrigin = $null
    if ($ItemEvent.source) {
        $source = $ItemEvent.source.kind
        $sourceOrigin = $ItemEvent.source.origin
    }
    [pscustomobject]@{
        PSTypeName   = 'ADPhoto.AccountPicture'
        User         = $ItemEvent.user
        Sid          = $ItemEvent.sid
        Status       = $status
        Reason       = $ItemEvent.reason
        Source       = $source
        SourceOrigin = $sourceOrigin
        Tried        = @($ItemEvent.tried | Where-Object { $_ } | ForEach-Object { "$($_.source): $($_.reason)" })
        Folder       = $ItemEvent.folder
        RegistryKey  = $ItemEvent.registry_key
        Files        = @($ItemEvent.files | Where-Object { $_ } | ForEach-Object {
                [pscustomobject]@{ Value = $_.value; Path = $_.path; Size = $_.size; Bytes = $_.bytes }
            })
        Warnings     = @($ItemEvent.warnings | Where-Object { $_ })
        ErrorKind    = $errorKind
        Error        = $errorMessage
    }
}
