function ConvertTo-ADPhotoSourceRequest {
    <#
    .SYNOPSIS
        The photo source of a match or set request (pairs or photos, and patterns), from the rows a command collected.

    .DESCRIPTION
        Called at the start of the end block of Set-ADPhotoBulk and Find-ADPhotoMatch, before
        anything else is checked. Returns an ordered dictionary with "pairs" (rows that named
        a user and a file) or "photos" (files and folders to match by name), and "patterns"
        when -Pattern gives any, for the command to copy into its request. Returns nothing
        when every row was bad (each was reported already). Ends the command through -Cmdlet
        when there was no input at all (ADPhoto.NoInput, with -NoInputMessage) or when pairs
        and plain files are mixed (ADPhoto.MixedInput): one run takes one kind.

    .PARAMETER InputSet
        The rows collected (New-ADPhotoInputSet, Add-ADPhotoInputRow).

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: the terminating errors are the command's.

    .PARAMETER Pattern
        The command's -Pattern: naming templates for matching files to users by name.

    .PARAMETER NoInputMessage
        What to tell the administrator when there was no input, in the command's words.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [hashtable]$InputSet,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [AllowNull()]
        [string[]]$Pattern,

        [Parameter(Mandatory = $true)]
        [string]$NoInputMessage
    )

    $pairs = $InputSet.Pairs
    $photos = $InputSet.Photos
    if ($pairs.Count -eq 0 -and $photos.Count -eq 0) {
        if ($InputSet.BadRows -eq 0) {
            $Cmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'no-input' -Category InvalidArgument -Message $NoInputMessage))
        }
        return
    }
    if ($pairs.Count -gt 0 -and $photos.Count -gt 0) {
        $Cmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'mixed-input' -Category InvalidArgument -Message 'The input mixes rows that name a user and a file with plain files or folders; give one kind per run.'))
    }

    $source = [ordered]@{}
    if ($pairs.Count -gt 0) {
        $source['pairs'] = $pairs.ToArray()
    } else {
        $source['photos'] = $photos.ToArray()
    }
    if ($Pattern) {
        $source['patterns'] = @($Pattern | ForEach-Object { "$_".Trim() } | Where-Object { $_ })
    }
    $source
}
