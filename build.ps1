<#
.SYNOPSIS
    Builds, tests and packages ADPhoto (the Rust library, the adphoto CLI and the PowerShell module).

.DESCRIPTION
    -Task Build    cargo build --release, then copies the native library into
                   module/bin/<os>-<arch>/ where the module loads it by absolute path.
    -Task Test     Build, then cargo test, the C# interop harness, and the Pester suite.
    -Task Package  Build, then a zip of the module ready for Import-Module in out/.

.EXAMPLE
    ./build.ps1 -Task Build

.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string]$Task = 'Build'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

function Get-NativePlatform {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    if ($IsLinux) { return @{ Dir = "linux-$arch"; File = 'libadphoto.so' } }
    if ($IsMacOS) { return @{ Dir = "osx-$arch"; File = 'libadphoto.dylib' } }
    return @{ Dir = "win-$arch"; File = 'adphoto.dll' }
}

function Invoke-Native([string]$Command, [string[]]$Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Native cargo @('build', '--release', '-p', 'adphoto', '--manifest-path', (Join-Path $root 'Cargo.toml'))
    $platform = Get-NativePlatform
    $target = if ($env:CARGO_TARGET_DIR) { $env:CARGO_TARGET_DIR } else { Join-Path $root 'target' }
    $bin = Join-Path (Join-Path $root 'module/bin') $platform.Dir
    New-Item -ItemType Directory -Force -Path $bin | Out-Null
    Copy-Item -Force (Join-Path $target "release/$($platform.File)") $bin
    Write-Host "Native library copied to $bin"
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native cargo @('test', '--workspace', '--manifest-path', (Join-Path $root 'Cargo.toml'))
}

function Invoke-Package {
    Invoke-Build
    $out = Join-Path $root 'out'
    New-Item -ItemType Directory -Force -Path $out | Out-Null
    $zip = Join-Path $out 'ADPhoto.zip'
    Compress-Archive -Force -Path (Join-Path $root 'module/*') -DestinationPath $zip
    Write-Host "Module packaged as $zip"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
}
