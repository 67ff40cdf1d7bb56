# ConvertTo-ADPhoto on the built-in example portraits (rust/examples/photos), for real.

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop
    $examples = Join-Path $repo 'rust/examples/photos'
    $jsmith = Join-Path $examples 'jsmith.jpg'

    function Get-Base64([byte[]]$Bytes) {
        [System.Convert]::ToBase64String($Bytes)
    }
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'ConvertTo-ADPhoto' {
    It 'makes a 96x96 JPEG within the ad budget from a portrait' {
        $photo = ConvertTo-ADPhoto -Path $jsmith
        @($photo).Count | Should -Be 1
        $photo.PSObject.TypeNames | Should -Contain 'ADPhoto.Photo'
        $photo.Width | Should -Be 96
        $photo.Height | Should -Be 96
        $photo.Length | Should -Be $photo.Bytes.Length
        $photo.Length | Should -BeLessOrEqual 20480
        $photo.Bytes[0] | Should -Be 0xFF
        $photo.Bytes[1] | Should -Be 0xD8
        $photo.Source | Should -Be $jsmith
        $photo.Quality | Should -BeGreaterThan 0
    }

    It 'makes 648x648 with -Preset hd, and one photo per -Size' {
        (ConvertTo-ADPhoto -Path $jsmith -Preset hd).Width | Should -Be 648
        $sizes = @(ConvertTo-ADPhoto -Path $jsmith -Size 48, 96)
        $sizes.Count | Should -Be 2
        @($sizes | ForEach-Object Width) | Should -Be @(48, 96)
    }

    It 'gives the same bytes from -Bytes as from the file' {
        $fromFile = ConvertTo-ADPhoto -Path $jsmith
        $fromBytes = ConvertTo-ADPhoto -Bytes ([System.IO.File]::ReadAllBytes($jsmith))
        Get-Base64 $fromBytes.Bytes | Should -Be (Get-Base64 $fromFile.Bytes)
        $fromBytes.Source | Should -Be '(bytes)'
    }

    It 'takes Get-ChildItem output, and reports the HEIC file as an error while the others convert' {
        $errors = $null
        $photos = @(Get-ChildItem -Path $examples -File | ConvertTo-ADPhoto -ErrorAction SilentlyContinue -ErrorVariable errors)
        $photos.Count | Should -Be 8
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ADPhoto.*'
        "$($errors[0].TargetObject)" | Should -BeLike '*cdiaz.heic'
    }

    It 'takes a folder and file names from the pipeline' {
        $photos = @($examples | ConvertTo-ADPhoto -ErrorAction SilentlyContinue)
        $photos.Count | Should -Be 8
        @($jsmith | ConvertTo-ADPhoto).Count | Should -Be 1
    }

    It 'reports bytes that are not an image as a non-terminating error' {
        $errors = $null
        $result = ConvertTo-ADPhoto -Bytes ([byte[]](1..200)) -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ADPhoto.*'
    }

    It 'writes -OutFile, and nothing under -WhatIf' {
        $out = Join-Path $TestDrive 'jsmith-ad.jpg'
        $photo = ConvertTo-ADPhoto -Path $jsmith -OutFile $out
        $photo.Path | Should -Be $out
        Get-Base64 ([System.IO.File]::ReadAllBytes($out)) | Should -Be (Get-Base64 $photo.Bytes)

        $notWritten = Join-Path $TestDrive 'what-if.jpg'
        ConvertTo-ADPhoto -Path $jsmith -OutFile $notWritten -WhatIf | Out-Null
        Test-Path -LiteralPath $notWritten | Should -BeFalse
    }

    It 'writes <name>.jpg files into -OutputPath' {
        $folder = Join-Path $TestDrive 'ready'
        $photos = @(Get-ChildItem -Path $examples -Filter '*.jpg' | ConvertTo-ADPhoto -OutputPath $folder)
        $photos.Count | Should -Be 7
        Test-Path -LiteralPath (Join-Path $folder 'jsmith.jpg') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $folder 'Anne.Wallace.jpg') | Should -BeTrue
        @(Get-ChildItem -Path $folder -File).Count | Should -Be 7
    }

    It 'refuses -OutFile and -OutputPath together' {
        { ConvertTo-ADPhoto -Path $jsmith -OutFile (Join-Path $TestDrive 'a.jpg') -OutputPath $TestDrive } |
            Should -Throw -ErrorId 'ADPhoto.OutFileAndOutputPath*'
    }
}
