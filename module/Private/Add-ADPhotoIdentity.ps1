function Add-ADPhotoIdentity {
    <#
    .SYNOPSIS
        Adds the identities of one pipeline row of Get-ADPhoto, Remove-ADPhoto or Restore-ADPhoto to those collected so far.

    .DESCRIPTION
        The commands that take users collect every identity given or piped in their process
        block and send them to one job in their end block, over one connection. Values are
        trimmed; empty ones are left out.

    .PARAMETER List
        The identities collected so far: the command's List[string], added to in place.

    .PARAMETER Identity
        The command's -Identity for this row.
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        # [object], not List[string]: the command's list comes from New-Object, wrapped in a
        # PSObject, and binding that to a list-typed parameter would add to a new copy.
        [Parameter(Mandatory = $true)]
        [object]$List,

        [AllowNull()]
        [AllowEmptyCollection()]
        [string[]]$Identity
    )

    foreach ($id in $Identity) {
        if ($null -ne $id -and "$id".Trim()) {
            $List.Add("$id".Trim())
        }
    }
}
