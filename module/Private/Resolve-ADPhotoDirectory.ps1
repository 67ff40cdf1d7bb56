function Resolve-ADPhotoDirectory {
    <#
    .SYNOPSIS
        The directory a command works on: its -Directory, or one made from the service parameters it was given.

    .DESCRIPTION
        Every command that works on a directory takes an ADPhoto.Directory with -Directory
        (New-ADPhotoDirectory), or the parameters of one service directly (Get-ADPhoto -Server
        dc1 ..., copied from New-ADPhotoDirectory by Get-ADPhotoServiceParameter). Either way
        the command gets one ADPhoto.Directory from here. Throws the ErrorRecord of a
        service's parameters that cannot work (see ConvertTo-ADPhotoDirectory).

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters.

    .PARAMETER Service
        The service of the parameters the command takes directly (ActiveDirectory for the
        ADPhoto commands, Entra for the Entra ones, Google for Set-GooglePhotoBulk).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Directory')]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [ValidateSet('ActiveDirectory', 'Entra', 'Google')]
        [string]$Service = 'ActiveDirectory'
    )

    if ($BoundParameters.Contains('Directory') -and $null -ne $BoundParameters['Directory']) {
        return $BoundParameters['Directory']
    }
    ConvertTo-ADPhotoDirectory -Service $Service -BoundParameters $BoundParameters
}
