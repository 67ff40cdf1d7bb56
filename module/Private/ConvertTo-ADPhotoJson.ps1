function ConvertTo-ADPhotoJson {
    <#
    .SYNOPSIS
        One line of JSON for the native library, the same on Windows PowerShell 5.1 and PowerShell 7.

    .DESCRIPTION
        ConvertTo-Json with -Compress and a depth that covers every request, given the value as
        -InputObject so that an array is never unrolled into separate calls. Build requests from
        hashtables, strings, numbers, booleans and arrays only.

    .PARAMETER InputObject
        The request (usually an ordered hashtable).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [object]$InputObject
    )

    ConvertTo-Json -InputObject $InputObject -Compress -Depth 10
}
