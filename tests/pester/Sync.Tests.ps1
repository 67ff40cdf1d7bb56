# Sync-ADPhoto: exported with help, and its arguments checked before anything is read.

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'Sync-ADPhoto' {
    It 'has help with a synopsis and examples of the administrators'' cases' {
        $help = Get-Help -Name Sync-ADPhoto -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
        (Get-Command -Name Sync-ADPhoto).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'refuses a directory that is both the source and a target' {
        $ad = New-ADPhotoDirectory -Server dc1.example.org
        { Sync-ADPhoto -From $ad -To $ad -WhatIf -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*both the source and a target*'
    }

    It 'takes only directories made by New-ADPhotoDirectory, so each service keeps its own sign-in' {
        { Sync-ADPhoto -From 'dc1.example.org' -To 'graph:contoso' -WhatIf -ErrorAction Stop } | Should -Throw
    }
}
