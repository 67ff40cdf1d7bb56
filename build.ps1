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
    -Task Package  Build, then copies module/ (with bin/) to out/ADPhoto/<version>/, checks the
                   manifest with Test-ModuleManifest and zips it as out/ADPhoto-<version>.zip:
                   unzip into a folder of $env:PSModulePath and Import-Module ADPhoto.

.PARAMETER Task
    Build (default), Test or Package.

.EXAMPLE
    ./build.ps1 -Task Build

.EXAMPLE
    ./build.ps1 -Task Test

.EXAMPLE
    ./build.ps1 -Task Package
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
    Invoke-Build
    $module = Join-Path $root 'module'
    $manifest = Import-PowerShellDataFile -Path (Join-Path $module 'ADPhoto.psd1')
    $version = $manifest.ModuleVersion
    $out = Join-Path $root 'out'
    $moduleOut = Join-Path $out 'ADPhoto'
    $staging = Join-Path $moduleOut $version
    if (Test-Path -LiteralPath $moduleOut) {
        Remove-Item -LiteralPath $moduleOut -Recurse -Force
    }
    New-Item -ItemType Directory -Force -Path $staging | Out-Null
    Copy-Item -Path (Join-Path $module '*') -Destination $staging -Recurse -Force
    $tested = Test-ModuleManifest -Path (Join-Path $staging 'ADPhoto.psd1')
    Write-Host "Manifest OK: $($tested.Name) $($tested.Version), $(@($tested.ExportedFunctions.Keys).Count) functions"
    $zip = Join-Path $out "ADPhoto-$version.zip"
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip -Force
    }
    # The zip holds ADPhoto/<version>/..., the layout Import-Module finds in a PSModulePath folder.
    Compress-Archive -Path $moduleOut -DestinationPath $zip
    Write-Host "Module packaged in $staging and $zip"
    Write-Host "Use it: Import-Module $(Join-Path $staging 'ADPhoto.psd1')"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
}
