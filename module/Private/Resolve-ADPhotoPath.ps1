function Resolve-ADPhotoPath {
    <#
    .SYNOPSIS
        The absolute file-system path of a path as the administrator wrote it.

    .DESCRIPTION
        The native library runs in the process's working folder, which is not PowerShell's
        current location: every path handed to it is made absolute here first, relative to
        the current location, with PowerShell drives (C:, a New-PSDrive, ~) resolved. The
        file need not exist (an -LdifPath or -BackupPath is created later). Values are
        trimmed. Throws when the path is empty or not on the file system.

    .PARAMETER Path
        The path to resolve.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Path
    )

    $text = $Path.Trim()
    if (-not $text) {
        throw 'the path is empty'
    }
    # A provider-qualified path from Get-ChildItem (Microsoft.PowerShell.Core\FileSystem::C:\x).
    $text = $text -replace '^Microsoft\.PowerShell\.Core\\FileSystem::', ''
    $provider = $null
    $drive = $null
    $resolved = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($text, [ref]$provider, [ref]$drive)
    if ($provider.Name -ne 'FileSystem') {
        throw "'$text' is not a file-system path (it is on the $($provider.Name) provider)"
    }
    [System.IO.Path]::GetFullPath($resolved)
}
