# The built module loads, exports exactly its public commands, and talks to the native library.

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    $manifestPath = Join-Path $repo 'module/ADPhoto.psd1'
    Import-Module $manifestPath -Force -ErrorAction Stop
    $manifest = Import-PowerShellDataFile -Path $manifestPath
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'The ADPhoto module' {
    It 'exports exactly the functions of the manifest' {
        $exported = @(Get-Command -Module ADPhoto | ForEach-Object Name | Sort-Object)
        $exported | Should -Be @($manifest.FunctionsToExport | Sort-Object)
    }

    It 'keeps its helpers private' {
        Get-Command -Name Invoke-ADPhotoJob -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-Command -Name ConvertTo-ADPhotoDirectoryRequest -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $manifestPath
        $info.Version | Should -Be ([version]$manifest.ModuleVersion)
        $info.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
    }

    It 'loaded the native library from module/bin by absolute path' {
        [ADPhoto.Native]::IsLoaded | Should -BeTrue
        [System.IO.Path]::IsPathRooted([ADPhoto.Native]::LoadedPath) | Should -BeTrue
        [ADPhoto.Native]::LoadedPath | Should -BeLike (Join-Path $repo 'module/bin/*')
    }

    It 'speaks ABI version 1 with a library of the same release' {
        [ADPhoto.Native]::AbiVersion() | Should -Be 1
        [ADPhoto.Native]::Version() | Should -Be $manifest.ModuleVersion
    }

    It 'can be imported again in the same session' {
        { Import-Module $manifestPath -Force -ErrorAction Stop } | Should -Not -Throw
        Get-Command -Name Set-ADPhotoBulk -Module ADPhoto | Should -Not -BeNullOrEmpty
    }

    It 'has help with a synopsis and at least two examples for <_>' -ForEach @(
        'ConvertTo-ADPhoto', 'Find-ADPhotoMatch', 'Set-ADPhotoBulk', 'Get-ADPhoto',
        'Export-ADPhoto', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Get-ADPhotoReport'
    ) {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'asks before changing anything: <_> supports -WhatIf and -Confirm' -ForEach @(
        'Set-ADPhotoBulk', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Export-ADPhoto', 'ConvertTo-ADPhoto'
    ) {
        $command = Get-Command -Name $_
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }
}
