function Add-ADPhotoInputRow {
    <#
    .SYNOPSIS
        Adds one input row of Set-ADPhotoBulk or Find-ADPhotoMatch to the rows collected so far.

    .DESCRIPTION
        Called from the command's process block. Sorts the row (Resolve-ADPhotoInputRow) into
        a user/file pair, photo files to match by name, a row to skip (a Find-ADPhotoMatch
        result that did not match, with a warning; a user without a file, in the verbose
        stream) or a bad row, which is counted and reported as a non-terminating
        ADPhoto.InvalidRow error through -Cmdlet, with the row's user (or the row) as
        TargetObject: one bad row never ends the pipeline. Without pipeline input, a call that
        gave neither -Path nor -Identity adds nothing (the end block then says there is no
        input).

    .PARAMETER InputSet
        The rows collected so far (New-ADPhotoInputSet).

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: the errors are the command's.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters: its -Identity and -Path.
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter(Mandatory = $true)]
        [hashtable]$InputSet,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters
    )

    $fromPipeline = $Cmdlet.MyInvocation.ExpectingInput
    if (-not $fromPipeline -and -not $BoundParameters.Contains('Path') -and -not $BoundParameters.Contains('Identity')) {
        return
    }
    $inputObject = $null
    if ($fromPipeline) {
        $inputObject = $BoundParameters['InputObject']
    }
    $row = Resolve-ADPhotoInputRow -InputObject $inputObject -Identity $BoundParameters['Identity'] -Path $BoundParameters['Path']
    switch ($row.Kind) {
        'pair' {
            $InputSet.Pairs.Add([ordered]@{ identity = $row.Identity; path = $row.Paths[0] })
            # The library reports a row whose user it cannot find by its file: keep who the row named.
            $InputSet.IdentityOfFile[$row.Paths[0]] = $row.Identity
        }
        'photos' { foreach ($p in $row.Paths) { $InputSet.Photos.Add($p) } }
        'skip' {
            if ($row.Warn) {
                Write-Warning $row.Message
            } else {
                Write-Verbose "Skipped: $($row.Message)"
            }
        }
        default {
            # One bad row is reported and never ends the pipeline.
            $InputSet.BadRows++
            $about = $row.Identity
            if (-not $about) {
                $about = $inputObject
            }
            $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind 'invalid-row' -TargetObject $about -Message "Invalid row: $($row.Message)."))
        }
    }
}
