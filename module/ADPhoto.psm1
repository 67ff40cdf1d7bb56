#requires -Version 5.1
# The ADPhoto module: dot-sources its helpers (Private/) and commands (Public/), compiles the
# C# interop class once per session and loads the native library by absolute path.

# Version 1 only: event objects from the library leave out fields that do not apply, and
# reading an absent property must give $null (stricter modes throw instead).
Set-StrictMode -Version 1.0

$public = @()
foreach ($folder in @('Private', 'Public')) {
    $dir = Join-Path -Path $PSScriptRoot -ChildPath $folder
    foreach ($file in @(Get-ChildItem -Path $dir -Filter '*.ps1' -File -ErrorAction SilentlyContinue)) {
        try {
            . $file.FullName
        } catch {
            throw "ADPhoto: could not load $($file.FullName): $_"
        }
        if ($folder -eq 'Public') {
            $public += $file.BaseName
        }
    }
}

# Add-Type cannot replace a type, and a second Add-Type of the same source in one session
# fails: compile only when no earlier import (or Import-Module -Force) already did.
if (-not ('ADPhoto.Native' -as [type])) {
    $source = Join-Path -Path $PSScriptRoot -ChildPath 'ADPhoto.Native.cs'
    if (-not (Test-Path -LiteralPath $source -PathType Leaf)) {
        throw "ADPhoto: the interop class $source is missing; the module folder is incomplete."
    }
    Add-Type -TypeDefinition ([System.IO.File]::ReadAllText($source)) -Language CSharp -ErrorAction Stop
}

if (-not [ADPhoto.Native]::IsLoaded) {
    # Throws, with what to do, when bin/<os>-<arch>/ holds no library for this machine.
    $library = Get-ADPhotoLibraryPath
    try {
        [ADPhoto.Native]::Load($library)
    } catch {
        throw "ADPhoto: could not load the native library $library : $($_.Exception.Message)"
    }
}

$script:ADPhotoAbiVersion = 1
$abi = [ADPhoto.Native]::AbiVersion()
if ($abi -ne $script:ADPhotoAbiVersion) {
    throw ("ADPhoto: the native library speaks ABI version {0}, this module needs version {1}. " +
        'Rebuild it with ./build.ps1 -Task Build, or install the module and library of the same release.') -f $abi, $script:ADPhotoAbiVersion
}
Write-Verbose ("ADPhoto: native library {0} (ABI {1})" -f [ADPhoto.Native]::Version(), $abi)

# What the console shows of each result by default (every property is still there: | Format-List *).
$defaultViews = @{
    'ADPhoto.Result'         = @('User', 'Status', 'Action', 'Reason')
    'ADPhoto.Match'          = @('Match', 'User', 'File', 'By')
    'ADPhoto.Photo'          = @('Source', 'Width', 'Quality', 'Length')
    'ADPhoto.DirectoryPhoto' = @('User', 'Length', 'DN')
    'ADPhoto.ExportedPhoto'  = @('User', 'Length', 'Path')
    'ADPhoto.ReportRow'      = @('User', 'HasPhoto', 'Length', 'DN')
    'ADPhoto.Directory'      = @('Service', 'Name', 'Photo')
}
foreach ($typeName in $defaultViews.Keys) {
    Update-TypeData -TypeName $typeName -DefaultDisplayPropertySet $defaultViews[$typeName] -Force
}

Export-ModuleMember -Function $public
