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

    It 'refuses a service that is both the source and a target' {
        { Sync-ADPhoto -From ActiveDirectory -To ActiveDirectory -Server dc1.example.org -WhatIf -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*both the source and a target*'
    }

    It 'needs the tenant for Microsoft 365 before connecting anywhere' {
        $err = $null
        try {
            Sync-ADPhoto -From Microsoft365 -To ActiveDirectory -Server dc1.example.org -WhatIf -ErrorAction Stop
        } catch {
            $err = $_
        }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ADPhoto.NoTenant*'
    }

    It 'needs a key file and a subject for Google Workspace' {
        $env:GOOGLE_APPLICATION_CREDENTIALS = ''
        { Sync-ADPhoto -From ActiveDirectory -To Google -Server dc1.example.org -WhatIf -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*-KeyFile*'
    }
}
