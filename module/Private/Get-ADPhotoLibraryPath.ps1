function Get-ADPhotoLibraryPath {
    <#
    .SYNOPSIS
        The absolute path of the native ADPhoto library for this operating system and processor.

    .DESCRIPTION
        The library lives in bin/<os>-<arch>/ next to the module: win-x64/adphoto.dll,
        linux-x64/libadphoto.so, osx-arm64/libadphoto.dylib, ... It is always loaded by this
        absolute path, never searched for, so another copy on PATH cannot be picked up.
        Throws, saying how to build it, when the file is not there.

    .PARAMETER ModuleRoot
        The module folder (default: the folder this module was loaded from).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string]$ModuleRoot = (Split-Path -Path $PSScriptRoot -Parent)
    )

    # Windows PowerShell 5.1 (Desktop) runs on Windows only and has no $IsWindows.
    $os = 'win'
    $file = 'adphoto.dll'
    if ($PSVersionTable.PSEdition -eq 'Core') {
        if ($IsLinux) {
            $os = 'linux'
            $file = 'libadphoto.so'
        } elseif ($IsMacOS) {
            $os = 'osx'
            $file = 'libadphoto.dylib'
        }
    }

    # The process's architecture, not the machine's: a 32-bit PowerShell cannot load a 64-bit DLL.
    $arch = $null
    $runtimeInformation = 'System.Runtime.InteropServices.RuntimeInformation' -as [type]
    if ($runtimeInformation) {
        $arch = $runtimeInformation::ProcessArchitecture.ToString().ToLowerInvariant()
    } else {
        # .NET Framework before 4.7.1: the variable Windows sets for the process.
        switch ($env:PROCESSOR_ARCHITECTURE) {
            'AMD64' { $arch = 'x64' }
            'ARM64' { $arch = 'arm64' }
            'x86' { $arch = 'x86' }
            default { $arch = "$env:PROCESSOR_ARCHITECTURE".ToLowerInvariant() }
        }
    }

    $platform = "$os-$arch"
    $path = [System.IO.Path]::GetFullPath((Join-Path -Path (Join-Path -Path (Join-Path -Path $ModuleRoot -ChildPath 'bin') -ChildPath $platform) -ChildPath $file))
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw ("ADPhoto: the native library for {0} is missing: {1} does not exist. " +
            'Build it and copy it there with ./build.ps1 -Task Build (at the root of the ADPhoto repository), ' +
            'or install a packaged module that includes bin/{0}/.') -f $platform, $path
    }
    $path
}
