# The cmdlets against a real OpenLDAP server (tests/services/openldap.sh), started and seeded
# by tests/pester/run.sh, which passes it in ADPHOTO_TEST_* variables: five users under
# ADPHOTO_TEST_SEARCH_BASE (pjones, pkhan, plee, pmorris, pnophoto) and two sets of photo
# files (ADPHOTO_TEST_PHOTOS, ADPHOTO_TEST_PHOTOS2) named after the first four.
# The tests run in order: each one starts from the directory the previous ones left.

BeforeDiscovery {
    $haveServer = [bool]$env:ADPHOTO_TEST_SERVER
}

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop

    function Get-Base64([byte[]]$Bytes) {
        [System.Convert]::ToBase64String($Bytes)
    }

    # Modify operations the server logged for the test users so far.
    function Get-ModifyCount {
        if (-not (Test-Path -LiteralPath $env:ADPHOTO_TEST_LOG)) {
            return 0
        }
        @(Select-String -LiteralPath $env:ADPHOTO_TEST_LOG -Pattern 'MOD dn=".*ou=pester' -AllMatches).Count
    }
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'The cmdlets against OpenLDAP' -Skip:(-not $haveServer) {
    BeforeAll {
        $password = (Get-Content -LiteralPath $env:ADPHOTO_TEST_PASSWORD_FILE -Raw).Trim()
        $secure = ConvertTo-SecureString -String $password -AsPlainText -Force
        $credential = [System.Management.Automation.PSCredential]::new($env:ADPHOTO_TEST_BIND_DN, $secure)
        $directory = @{
            Server        = $env:ADPHOTO_TEST_SERVER
            Credential    = $credential
            CaCertificate = $env:ADPHOTO_TEST_CA_CERT
            SearchBase    = $env:ADPHOTO_TEST_SEARCH_BASE
        }
        $photos = $env:ADPHOTO_TEST_PHOTOS
        $photos2 = $env:ADPHOTO_TEST_PHOTOS2
        $work = $env:ADPHOTO_TEST_WORK
        $photoUsers = @('pjones', 'pkhan', 'plee', 'pmorris')
    }

    It 'reports that nobody has a photo yet' {
        $rows = @(Get-ADPhotoReport @directory)
        $rows.Count | Should -Be 5
        $rows[0].PSObject.TypeNames | Should -Contain 'ADPhoto.ReportRow'
        @($rows | Where-Object HasPhoto).Count | Should -Be 0
    }

    It 'Find-ADPhotoMatch pairs the files with the directory users' {
        $found = @(Find-ADPhotoMatch -Path $photos @directory)
        @($found | Where-Object Match -eq 'matched' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        @($found | Where-Object Match -eq 'no-photo' | ForEach-Object User) | Should -Be @('pnophoto')
    }

    It '-WhatIf writes nothing' {
        $before = Get-ModifyCount
        $results = @(Set-ADPhotoBulk -Path $photos @directory -WhatIf)
        @($results | Where-Object Status -eq 'Written').Count | Should -Be 0
        Get-ModifyCount | Should -Be $before
        @(Get-ADPhotoReport @directory | Where-Object HasPhoto).Count | Should -Be 0
    }

    It 'writes the photos and returns one result per user' {
        $results = @(Set-ADPhotoBulk -Path $photos @directory -BackupPath (Join-Path $work 'run1') -Confirm:$false)
        $results | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'ADPhoto.Result' }
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        ($results | Where-Object User -eq 'pnophoto').Status | Should -Be 'NoPhoto'
        ($results | Where-Object User -eq 'pjones').Bytes | Should -BeGreaterThan 0
        @(Get-ADPhotoReport @directory | Where-Object HasPhoto).Count | Should -Be 4
    }

    It 'a second run reports every photo unchanged and sends nothing' {
        $before = Get-ModifyCount
        $results = @(Set-ADPhotoBulk -Path $photos @directory -Confirm:$false)
        @($results | Where-Object Status -eq 'Unchanged' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        @($results | Where-Object Status -eq 'Written').Count | Should -Be 0
        Get-ModifyCount | Should -Be $before
    }

    It 'Get-ADPhoto returns the stored bytes' {
        $photo = Get-ADPhoto -Identity pjones @directory
        $photo.PSObject.TypeNames | Should -Contain 'ADPhoto.DirectoryPhoto'
        $photo.DN | Should -BeLike 'uid=pjones,*'
        $photo.Length | Should -Be $photo.Bytes.Length
        $photo.Bytes[0] | Should -Be 0xFF
        $photo.Bytes[1] | Should -Be 0xD8
        (ConvertTo-ADPhoto -Bytes $photo.Bytes).Width | Should -Be 96
    }

    It 'Get-ADPhoto reports a user without a photo, and an unknown one, as errors and returns the others' {
        $errors = $null
        $got = @('pkhan', 'pnophoto', 'nobody-here' | Get-ADPhoto @directory -ErrorAction SilentlyContinue -ErrorVariable errors)
        @($got | ForEach-Object User) | Should -Be @('pkhan')
        @($errors).Count | Should -Be 2
        @($errors | ForEach-Object TargetObject | Sort-Object) | Should -Be @('nobody-here', 'pnophoto')
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ADPhoto.*' }
    }

    It 'replaced photos are backed up, and Restore-ADPhoto puts them back byte for byte' {
        $original = Get-Base64 (Get-ADPhoto -Identity pjones @directory).Bytes
        $backup = Join-Path $work 'run2'
        $results = @(Set-ADPhotoBulk -Path $photos2 @directory -BackupPath $backup -Confirm:$false)
        @($results | Where-Object Status -eq 'Written').Count | Should -Be 4
        Get-Base64 (Get-ADPhoto -Identity pjones @directory).Bytes | Should -Not -Be $original
        Test-Path -LiteralPath (Join-Path $backup 'manifest.jsonl') | Should -BeTrue

        Restore-ADPhoto -BackupPath $backup @directory -WhatIf | Out-Null
        Get-Base64 (Get-ADPhoto -Identity pjones @directory).Bytes | Should -Not -Be $original

        $restored = @(Restore-ADPhoto -BackupPath $backup @directory -Confirm:$false)
        @($restored | Where-Object Status -eq 'Restored' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        Get-Base64 (Get-ADPhoto -Identity pjones @directory).Bytes | Should -Be $original
    }

    It 'Remove-ADPhoto -WhatIf removes nothing' {
        Remove-ADPhoto -Identity plee @directory -WhatIf | Out-Null
        (Get-ADPhoto -Identity plee @directory).Length | Should -BeGreaterThan 0
    }

    It 'Remove-ADPhoto removes the photo, and Restore-ADPhoto brings it back from the backup folder' {
        $original = Get-Base64 (Get-ADPhoto -Identity pkhan @directory).Bytes
        $backup = Join-Path $work 'removed'
        $removed = @(Remove-ADPhoto -Identity pkhan @directory -BackupPath $backup -Confirm:$false)
        $removed.Status | Should -Be 'Removed'
        $removed.Action | Should -Be 'remove'
        Get-ADPhoto -Identity pkhan @directory -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        ((Get-ADPhotoReport @directory) | Where-Object User -eq 'pkhan').HasPhoto | Should -BeFalse

        $restored = @(Restore-ADPhoto -BackupPath $backup -Identity pkhan @directory -Confirm:$false)
        $restored.Status | Should -Be 'Restored'
        $restored.Action | Should -Be 'restore'
        Get-Base64 (Get-ADPhoto -Identity pkhan @directory).Bytes | Should -Be $original
    }

    It 'Get-ADPhotoReport counts who has a photo' {
        $rows = @(Get-ADPhotoReport @directory)
        $rows.Count | Should -Be 5
        @($rows | Where-Object HasPhoto | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        ($rows | Where-Object User -eq 'pnophoto').HasPhoto | Should -BeFalse
        ($rows | Where-Object User -eq 'pjones').Length | Should -BeGreaterThan 0
    }

    It 'Export-ADPhoto saves every photo into a folder, and nothing under -WhatIf' {
        $notWritten = Join-Path $work 'export-what-if'
        Export-ADPhoto -OutputPath $notWritten @directory -WhatIf | Out-Null
        Test-Path -LiteralPath $notWritten | Should -BeFalse

        $folder = Join-Path $work 'export'
        $exported = @(Export-ADPhoto -OutputPath $folder @directory -Confirm:$false)
        @($exported | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        foreach ($item in $exported) {
            Test-Path -LiteralPath $item.Path | Should -BeTrue
            (Get-Item -LiteralPath $item.Path).Length | Should -Be $item.Length
        }
        $pjones = $exported | Where-Object User -eq 'pjones'
        Get-Base64 ([System.IO.File]::ReadAllBytes($pjones.Path)) | Should -Be (Get-Base64 (Get-ADPhoto -Identity pjones @directory).Bytes)
    }

    It 'Import-Csv rows with stray spaces: a bad row is an error record and the others are written' {
        $csv = Join-Path $work 'photos.csv'
        @(
            'AD_user,path_to_file'
            "  pjones  ,  $(Join-Path $photos2 'pjones.jpg')  "
            "nobody-here,$(Join-Path $photos2 'pkhan.jpg')"
            "plee,$(Join-Path $photos2 'no-such-file.jpg')"
            "pmorris,$(Join-Path $photos2 'pmorris.jpg')"
        ) | Set-Content -LiteralPath $csv -Encoding UTF8
        $errors = $null
        $results = @(Import-Csv -LiteralPath $csv | Set-ADPhotoBulk @directory -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be @('pjones', 'pmorris')
        ($errors | Where-Object FullyQualifiedErrorId -like 'ADPhoto.NoMatch*').TargetObject | Should -Be 'nobody-here'
        ($errors | Where-Object FullyQualifiedErrorId -like 'ADPhoto.MissingFile*').TargetObject | Should -Be 'plee'
        (Get-ADPhoto -Identity plee @directory).Length | Should -BeGreaterThan 0
    }

    It 'a wrong password ends the run with a terminating ADPhoto error and writes nothing' {
        $before = Get-ModifyCount
        $wrong = [System.Management.Automation.PSCredential]::new($env:ADPHOTO_TEST_BIND_DN, (ConvertTo-SecureString -String 'not-the-password' -AsPlainText -Force))
        $bad = $directory.Clone()
        $bad['Credential'] = $wrong
        $failure = $null
        try {
            Set-ADPhotoBulk -Path $photos @bad -Force -Confirm:$false | Out-Null
        } catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ADPhoto.*'
        "$failure" | Should -Not -BeLike '*not-the-password*'
        Get-ModifyCount | Should -Be $before
    }

    It 'the same commands with -Directory (New-ADPhotoDirectory) read what the -Server parameters read' {
        $ad = New-ADPhotoDirectory @directory
        $ad.Service | Should -Be 'ActiveDirectory'
        (Get-ADPhoto -Identity pjones -Directory $ad).Bytes.Length | Should -Be (Get-ADPhoto -Identity pjones @directory).Bytes.Length
        @(Get-ADPhotoReport -Directory $ad).Count | Should -Be 5
        @(Find-ADPhotoMatch -Path $photos -Directory $ad | Where-Object Match -eq 'matched').Count | Should -Be 4
        (Get-ADPhoto -Identity pjones -Directory (New-ADPhotoDirectory @directory) -Attribute jpegPhoto -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'a removal answered No comes back as Declined, with its Action, and removes nothing' {
        $before = Get-ModifyCount
        $results = @(InModuleScope ADPhoto -Parameters @{ Bound = $directory } {
                param($Bound)
                function Test-Declined {
                    [CmdletBinding()]
                    param($Bound)
                    Invoke-ADPhotoChangeRun -Change Remove -Cmdlet $PSCmdlet -BoundParameters $Bound -Identity @('pjones', 'pmorris') -ShouldProcess { param($Target, $Action) $false }
                }
                Test-Declined -Bound $Bound
            })
        @($results | ForEach-Object User | Sort-Object) | Should -Be @('pjones', 'pmorris')
        $results | ForEach-Object { $_.Status | Should -Be 'Declined'; $_.Action | Should -Be 'remove' }
        Get-ModifyCount | Should -Be $before
        (Get-ADPhoto -Identity pjones @directory).Length | Should -BeGreaterThan 0
    }
}
