# Sync-AccountPicture with -Root (the file layout and registry stand-in every system has):
# every size written and registered, an unchanged second run, -WhatIf, a user without a
# photo, rollback.

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop
    $photo = Join-Path $repo 'rust/examples/photos/jsmith.jpg'
    $other = Join-Path $repo 'rust/examples/photos/Anne.Wallace.jpg'
    $sid = 'S-1-5-21-1004336348-1177238915-682003330-1104'
    $key = "HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users\$sid"
    $sizes = @(32, 40, 48, 64, 96, 192, 200, 208, 240, 424, 448, 1080)
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'Sync-AccountPicture -Root' {
    BeforeEach {
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ("adphoto-pester-ap-" + [guid]::NewGuid())
        $folder = Join-Path $root "ProgramData/AccountPictures/$sid"
    }

    AfterEach {
        Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes every size and the registry values Windows would get' {
        $result = Sync-AccountPicture -Sid $sid -Identity jsmith -PhotoPath $photo -Root $root -Confirm:$false
        $result.PSObject.TypeNames | Should -Contain 'ADPhoto.AccountPicture'
        $result.Status | Should -Be 'Written'
        $result.Source | Should -Be 'file'
        @($result.Files).Count | Should -Be 12
        foreach ($size in $sizes) {
            Test-Path -LiteralPath (Join-Path $folder "Image$size.jpg") | Should -BeTrue
        }
        $registry = Get-Content -LiteralPath (Join-Path $root 'registry.json') -Raw | ConvertFrom-Json
        $registry.$key.Image448 | Should -Be "C:\ProgramData\AccountPictures\$sid\Image448.jpg"
    }

    It 'writes nothing the second time, or under -WhatIf' {
        Sync-AccountPicture -Sid $sid -Identity jsmith -PhotoPath $photo -Root $root -Confirm:$false | Out-Null
        $before = (Get-Item -LiteralPath (Join-Path $folder 'Image448.jpg')).LastWriteTimeUtc
        (Sync-AccountPicture -Sid $sid -Identity jsmith -PhotoPath $photo -Root $root -Confirm:$false).Status | Should -Be 'Unchanged'
        (Sync-AccountPicture -Sid $sid -Identity jsmith -PhotoPath $other -Root $root -WhatIf).Status | Should -Be 'WouldWrite'
        (Get-Item -LiteralPath (Join-Path $folder 'Image448.jpg')).LastWriteTimeUtc | Should -Be $before
    }

    It 'reports a user without a photo and leaves the picture alone' {
        $result = Sync-AccountPicture -Sid $sid -Identity nobody -PhotoFolder (Split-Path $photo) -Root $root -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
        $result.Status | Should -Be 'NoPhoto'
        $result.Reason | Should -Match 'no photo found'
        @($warned).Count | Should -BeGreaterThan 0
        Test-Path -LiteralPath $folder | Should -BeFalse
    }

    It 'rolls back to the previous set' {
        Sync-AccountPicture -Sid $sid -Identity jsmith -PhotoPath $photo -Root $root -Confirm:$false | Out-Null
        $first = (Get-FileHash -LiteralPath (Join-Path $folder 'Image448.jpg')).Hash
        Sync-AccountPicture -Sid $sid -Identity jsmith -PhotoPath $other -Root $root -Confirm:$false | Out-Null
        (Sync-AccountPicture -Sid $sid -Root $root -Rollback -Confirm:$false).Status | Should -Be 'RolledBack'
        (Get-FileHash -LiteralPath (Join-Path $folder 'Image448.jpg')).Hash | Should -Be $first
    }
}
