<#
.SYNOPSIS
    Builds, tests and packages ADPhoto (the Rust library, the adphoto CLI and the PowerShell module).

.DESCRIPTION
    -Task Build    cargo build --release -p adphoto-ffi -p adphoto-cli, then copies the native library into
                   module/bin/<os>-<arch>/ (win-x64/adphoto.dll, linux-x64/libadphoto.so,
                   osx-arm64/libadphoto.dylib, ...) where the module loads it by absolute path.
    -Task Test     Build, then cargo test --workspace, the C# interop harness under Mono
                   (tests/interop/run.sh, when mono is installed) and the Pester suite
                   (tests/pester: on Linux and macOS through tests/pester/run.sh, which
                   starts the OpenLDAP test server; on Windows without the server tests).
    -Task Package  The package an administrator installs: out/ADPhoto-<version>.zip, holding
                   ADPhoto/<version>/ (the module, bin/win-x64/adphoto.dll and adphoto.exe,
                   bin/linux-x64/libadphoto.so and adphoto, README.md, LICENSE), entry names
                   with '/'; Expand-Archive it into a Modules folder, then Import-Module ADPhoto.
                   On Linux it runs tests/windows/package.sh, which cross-builds the Windows
                   binaries with MinGW and builds the Linux ones (what CI ships). On Windows it
                   builds natively (MSVC, C runtime linked in by .cargo/config.toml) with the
                   dist profile, checks the manifest with Test-ModuleManifest, and takes the
                   Linux binaries from -LinuxBinaryPath (without it the zip holds Windows only,
                   with a warning).

.PARAMETER Task
    Build (default), Test or Package.

.PARAMETER LinuxBinaryPath
    Package on Windows: a folder holding the Linux adphoto and libadphoto.so (from
    tests/windows/build.sh: target/x86_64-unknown-linux-gnu/dist) to ship in bin/linux-x64.

.EXAMPLE
    ./build.ps1 -Task Build

.EXAMPLE
    ./build.ps1 -Task Test

.EXAMPLE
    ./build.ps1 -Task Package

.EXAMPLE
    ./build.ps1 -Task Package -LinuxBinaryPath \\build1\adphoto\linux-x64
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string]$Task = 'Build',

    [string]$LinuxBinaryPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

function Get-NativePlatform {
    # Windows PowerShell 5.1 (Desktop) runs on Windows only and has no $IsLinux/$IsMacOS.
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
    $arch = 'x64'
    $runtimeInformation = 'System.Runtime.InteropServices.RuntimeInformation' -as [type]
    if ($runtimeInformation) {
        $arch = $runtimeInformation::ProcessArchitecture.ToString().ToLowerInvariant()
    } elseif ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') {
        $arch = 'arm64'
    } elseif ($env:PROCESSOR_ARCHITECTURE -eq 'x86') {
        $arch = 'x86'
    }
    @{ Dir = "$os-$arch"; File = $file }
}

function Invoke-Native([string]$Command, [string[]]$Arguments) {
    Write-Host "> $Command $($Arguments -join ' ')"
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-TargetDirectory {
    if ($env:CARGO_TARGET_DIR) { return $env:CARGO_TARGET_DIR }
    Join-Path $root 'target'
}

function Invoke-Build {
    Invoke-Native cargo @('build', '--release', '-p', 'adphoto-ffi', '-p', 'adphoto-cli', '--manifest-path', (Join-Path $root 'Cargo.toml'))
    $platform = Get-NativePlatform
    $library = Join-Path (Join-Path (Get-TargetDirectory) 'release') $platform.File
    if (-not (Test-Path -LiteralPath $library -PathType Leaf)) {
        throw "cargo did not produce $library"
    }
    $bin = Join-Path (Join-Path $root 'module/bin') $platform.Dir
    New-Item -ItemType Directory -Force -Path $bin | Out-Null
    Copy-Item -Force -LiteralPath $library -Destination $bin
    Write-Host "Native library copied to $bin"
}

function Invoke-InteropTest {
    $script = Join-Path $root 'tests/interop/run.sh'
    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue
    $bash = Get-Command bash -CommandType Application -ErrorAction SilentlyContinue
    if (-not (Test-Path -LiteralPath $script)) {
        Write-Warning "tests/interop/run.sh is missing: the C# interop harness did not run"
    } elseif (-not $mono -or -not $bash) {
        Write-Warning 'mono (or bash) not found: the C# interop harness (tests/interop) did not run'
    } else {
        # The library Invoke-Build has just made (the harness defaults to the debug one).
        $library = Join-Path (Join-Path (Get-TargetDirectory) 'release') (Get-NativePlatform).File
        Invoke-Native bash @($script, $library)
    }
}

function Invoke-PesterSuite {
    $platform = Get-NativePlatform
    if (-not $platform.Dir.StartsWith('win')) {
        # run.sh starts the OpenLDAP test server, passes it to Pester and stops it afterwards.
        Invoke-Native bash @((Join-Path $root 'tests/pester/run.sh'))
        return
    }
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        throw 'Pester 5 is not installed: Install-Module Pester -MinimumVersion 5.0 -Force -Scope CurrentUser'
    }
    Import-Module $pester -Force
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = Join-Path $root 'tests/pester'
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    Write-Host 'No OpenLDAP test server on Windows: the directory tests are skipped.'
    $result = Invoke-Pester -Configuration $configuration
    if ($result.FailedCount -gt 0) {
        throw "Pester: $($result.FailedCount) test(s) failed"
    }
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native cargo @('test', '--workspace', '--manifest-path', (Join-Path $root 'Cargo.toml'))
    Invoke-InteropTest
    Invoke-PesterSuite
}

function Invoke-Package {
    $platform = Get-NativePlatform
    if ($platform.Dir -eq 'linux-x64') {
        # The same script CI runs: both systems' binaries, then the zip.
        Invoke-Native bash @((Join-Path $root 'tests/windows/package.sh'))
        return
    }
    if (-not $platform.Dir.StartsWith('win')) {
        throw "Package builds on Windows or Linux, not on $($platform.Dir)"
    }
    Invoke-Native cargo @('build', '--profile', 'dist', '-p', 'adphoto-ffi', '-p', 'adphoto-cli', '--manifest-path', (Join-Path $root 'Cargo.toml'))
    $dist = Join-Path (Get-TargetDirectory) 'dist'

    $module = Join-Path $root 'module'
    $version = (Import-PowerShellDataFile -Path (Join-Path $module 'ADPhoto.psd1')).ModuleVersion
    $out = Join-Path $root 'out'
    $stagingRoot = Join-Path $out 'package'
    $staging = Join-Path (Join-Path $stagingRoot 'ADPhoto') $version
    if (Test-Path -LiteralPath $stagingRoot) {
        Remove-Item -LiteralPath $stagingRoot -Recurse -Force
    }
    New-Item -ItemType Directory -Force -Path $staging | Out-Null
    # The module as committed (a built module/bin/ is not shipped), its README renamed: the
    # project's README is the package's.
    Get-ChildItem -LiteralPath $module | Where-Object { $_.Name -ne 'bin' } | Copy-Item -Destination $staging -Recurse -Force
    Move-Item -LiteralPath (Join-Path $staging 'README.md') -Destination (Join-Path $staging 'README.PowerShell.md')
    Copy-Item -LiteralPath (Join-Path $root 'README.md'), (Join-Path $root 'LICENSE') -Destination $staging

    $windowsBin = Join-Path $staging 'bin/win-x64'
    New-Item -ItemType Directory -Force -Path $windowsBin | Out-Null
    foreach ($file in @('adphoto.dll', 'adphoto.exe')) {
        $built = Join-Path $dist $file
        if (-not (Test-Path -LiteralPath $built -PathType Leaf)) {
            throw "cargo did not produce $built"
        }
        Copy-Item -LiteralPath $built -Destination $windowsBin
    }
    if ($LinuxBinaryPath) {
        $linuxBin = Join-Path $staging 'bin/linux-x64'
        New-Item -ItemType Directory -Force -Path $linuxBin | Out-Null
        foreach ($file in @('libadphoto.so', 'adphoto')) {
            Copy-Item -LiteralPath (Join-Path $LinuxBinaryPath $file) -Destination $linuxBin -ErrorAction Stop
        }
    } else {
        Write-Warning 'No -LinuxBinaryPath: the package holds the Windows binaries only (CI builds the full package with tests/windows/package.sh).'
    }
    $tested = Test-ModuleManifest -Path (Join-Path $staging 'ADPhoto.psd1')
    Write-Host "Manifest OK: $($tested.Name) $($tested.Version), $(@($tested.ExportedFunctions.Keys).Count) functions"

    # ZipFile rather than Compress-Archive: Windows PowerShell 5.1's Compress-Archive writes
    # entry names with '\', which unzip tools other than Windows' turn into file names.
    $zip = Join-Path $out "ADPhoto-$version.zip"
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip -Force
    }
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $archive = [System.IO.Compression.ZipFile]::Open($zip, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        $prefix = (Resolve-Path -LiteralPath $stagingRoot).Path.TrimEnd('\', '/').Length + 1
        foreach ($file in @(Get-ChildItem -LiteralPath $stagingRoot -Recurse -File | Sort-Object FullName)) {
            $entry = $file.FullName.Substring($prefix).Replace('\', '/')
            [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $file.FullName, $entry, [System.IO.Compression.CompressionLevel]::Optimal) | Out-Null
        }
    } finally {
        $archive.Dispose()
    }
    Write-Host "Packaged $zip (ADPhoto/$version/...)"
    Write-Host "Install it: Expand-Archive -Path $zip -DestinationPath 'C:\Program Files\WindowsPowerShell\Modules'"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
}
