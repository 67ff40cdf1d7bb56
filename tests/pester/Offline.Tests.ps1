# Matching and the offline flow, no server needed: the example users CSV (a Get-ADUser |
# Export-Csv file) and portraits, Set-ADPhotoBulk -UsersCsv ... -LdifPath ..., and the
# Import-Csv pipeline with AD_user,path_to_file and mail,path columns.

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop
    $examples = Join-Path $repo 'rust/examples/photos'
    $usersCsv = Join-Path $repo 'rust/examples/users.csv'
    $expectedWritten = @('awallace', 'bnguyen', 'jgarcia', 'jsmith', 'lwei', 'm.okafor', 'ppatel')

    function Get-DnCount([string]$Ldif) {
        @(Get-Content -LiteralPath $Ldif | Where-Object { $_ -match '^dn::? ' }).Count
    }
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'Find-ADPhotoMatch with -UsersCsv' {
    BeforeAll {
        $matchResults = @(Find-ADPhotoMatch -Path $examples -UsersCsv $usersCsv)
    }

    It 'returns one ADPhoto.Match per file and per user without a file' {
        $matchResults.Count | Should -BeGreaterThan 9
        $matchResults[0].PSObject.TypeNames | Should -Contain 'ADPhoto.Match'
        @($matchResults | Where-Object File).Count | Should -Be 9
    }

    It 'pairs files by the naming templates and says which one' {
        $jsmith = $matchResults | Where-Object { $_.File -like '*jsmith.jpg' }
        $jsmith.Match | Should -Be 'matched'
        $jsmith.User | Should -Be 'jsmith'
        $jsmith.By | Should -Be '{sAMAccountName}'
        $jsmith.DN | Should -Be 'CN=John Smith,OU=Staff,DC=example,DC=edu'
        ($matchResults | Where-Object { $_.File -like '*Anne.Wallace.jpg' }).User | Should -Be 'awallace'
        ($matchResults | Where-Object { $_.File -like '*E10423.jpg' }).User | Should -Be 'bnguyen'
        ($matchResults | Where-Object { $_.File -like '*648x648.jpg' }).User | Should -Be 'jgarcia'
    }

    It 'suggests the closest user for a name that fits nobody' {
        $tom = $matchResults | Where-Object { $_.File -like '*Tom.Hendriks.jpg' }
        $tom.Match | Should -Be 'unmatched'
        $tom.User | Should -BeNullOrEmpty
        $tom.Suggestions | Should -Contain 'thendrix'
    }

    It 'lists the users who have no file' {
        $noPhoto = @($matchResults | Where-Object Match -eq 'no-photo' | ForEach-Object User)
        $noPhoto | Should -Contain 'rmueller'
    }

    It 'checks Import-Csv rows that name the user and the file' {
        $csv = Join-Path $TestDrive 'map.csv'
        @(
            'AD_user,path_to_file'
            "jsmith,$(Join-Path $examples 'jsmith.jpg')"
            "nobody-here,$(Join-Path $examples 'm.okafor.jpg')"
        ) | Set-Content -LiteralPath $csv -Encoding UTF8
        $rows = @(Import-Csv -LiteralPath $csv | Find-ADPhotoMatch -UsersCsv $usersCsv)
        ($rows | Where-Object { $_.File -like '*jsmith.jpg' }).Match | Should -Be 'matched'
        ($rows | Where-Object { $_.File -like '*m.okafor.jpg' }).Match | Should -Not -Be 'matched'
    }
}

Describe 'Set-ADPhotoBulk -UsersCsv -LdifPath (offline)' {
    It '-WhatIf writes no LDIF and reports the problems' {
        $ldif = Join-Path $TestDrive 'what-if.ldif'
        $errors = $null
        $results = @(Set-ADPhotoBulk -Path $examples -UsersCsv $usersCsv -LdifPath $ldif -WhatIf -ErrorAction SilentlyContinue -ErrorVariable errors)
        Test-Path -LiteralPath $ldif | Should -BeFalse
        @($results | Where-Object Status -eq 'Written').Count | Should -Be 0
        $ids = @($errors | ForEach-Object FullyQualifiedErrorId)
        ($ids -like 'ADPhoto.NoMatch*').Count | Should -Be 1
        ($ids -like 'ADPhoto.InvalidImage*').Count | Should -Be 1
        ($errors | Where-Object FullyQualifiedErrorId -like 'ADPhoto.InvalidImage*').TargetObject | Should -Be 'cdiaz'
    }

    It 'writes the LDIF and returns one result per user' {
        $ldif = Join-Path $TestDrive 'photos.ldif'
        $errors = $null
        $results = @(Set-ADPhotoBulk -Path $examples -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors)
        Test-Path -LiteralPath $ldif | Should -BeTrue
        $results | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'ADPhoto.Result' }
        $written = @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object)
        $written | Should -Be $expectedWritten
        Get-DnCount $ldif | Should -Be 7
        (Get-Content -LiteralPath $ldif -Raw) | Should -Match 'thumbnailPhoto::'
        @($results | Where-Object Status -eq 'NoPhoto' | ForEach-Object User) | Should -Contain 'rmueller'
        @($errors).Count | Should -Be 2
    }

    It 'takes Import-Csv rows with AD_user,path_to_file and stray spaces; a bad row is an error and the others proceed' {
        $csv = Join-Path $TestDrive 'photos.csv'
        @(
            'AD_user,path_to_file'
            "  jsmith  ,  $(Join-Path $examples 'jsmith.jpg')  "
            "awallace,$(Join-Path $examples 'Anne.Wallace.jpg')"
            "nobody-here,$(Join-Path $examples 'm.okafor.jpg')"
            "ppatel,$(Join-Path $examples 'no-such-file.jpg')"
            "lwei,"
        ) | Set-Content -LiteralPath $csv -Encoding UTF8
        $ldif = Join-Path $TestDrive 'csv.ldif'
        $errors = $null
        $results = @(Import-Csv -LiteralPath $csv | Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors)

        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be @('awallace', 'jsmith')
        Get-DnCount $ldif | Should -Be 2

        $missing = $errors | Where-Object FullyQualifiedErrorId -like 'ADPhoto.MissingFile*'
        $missing.TargetObject | Should -Be 'ppatel'
        $unknown = $errors | Where-Object FullyQualifiedErrorId -like 'ADPhoto.NoMatch*'
        $unknown.TargetObject | Should -Be 'nobody-here'
        $emptyPath = $errors | Where-Object FullyQualifiedErrorId -like 'ADPhoto.InvalidRow*'
        $emptyPath.TargetObject | Should -Be 'lwei'
    }

    It 'takes mail,path columns' {
        $csv = Join-Path $TestDrive 'staff.csv'
        @(
            'mail,path'
            "john.smith@example.edu,$(Join-Path $examples 'jsmith.jpg')"
            " priya.patel@example.edu ,$(Join-Path $examples 'Priya.Patel.png')"
        ) | Set-Content -LiteralPath $csv -Encoding UTF8
        $ldif = Join-Path $TestDrive 'mail.ldif'
        $results = @(Import-Csv -LiteralPath $csv | Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be @('jsmith', 'ppatel')
    }

    It 'refuses -UsersCsv without -LdifPath before doing anything' {
        { Set-ADPhotoBulk -Path $examples -UsersCsv $usersCsv -Confirm:$false } | Should -Throw -ErrorId 'ADPhoto.NoTarget,Set-ADPhotoBulk'
    }

    It 'with nothing to do, says so' {
        { Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath (Join-Path $TestDrive 'x.ldif') } | Should -Throw -ErrorId 'ADPhoto.NoInput,Set-ADPhotoBulk'
    }

    It 'gives the error ids the help promises: the id, a comma and the command' {
        $failure = $null
        try {
            Set-ADPhotoBulk -Path $examples -UsersCsv $usersCsv -Confirm:$false
        } catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -Be 'ADPhoto.NoTarget,Set-ADPhotoBulk'
        $failure.FullyQualifiedErrorId -like 'ADPhoto.NoTarget,*' | Should -BeTrue
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'

        $errors = $null
        Set-ADPhotoBulk -Path $examples -UsersCsv $usersCsv -LdifPath (Join-Path $TestDrive 'ids.ldif') -WhatIf -ErrorAction SilentlyContinue -ErrorVariable errors | Out-Null
        ($errors | Where-Object TargetObject -eq 'cdiaz').FullyQualifiedErrorId | Should -Be 'ADPhoto.InvalidImage,Set-ADPhotoBulk'
    }
}

Describe 'What the pipeline gives Set-ADPhotoBulk' {
    It 'a file object is a file only: its User property (the owner, on PowerShell 7.3+ for Linux and macOS) names nobody' {
        # The owner property as PowerShell 7.3+ adds it on Linux and macOS, here on every system:
        # an owner that is a real user (awallace) must not receive jsmith.jpg.
        $file = Get-Item -LiteralPath (Join-Path $examples 'jsmith.jpg')
        $file | Add-Member -NotePropertyName User -NotePropertyValue 'awallace' -Force
        $ldif = Join-Path $TestDrive 'owner.ldif'
        $results = @($file | Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User) | Should -Be @('jsmith')
        $results | Where-Object { $_.User -eq 'awallace' -and $_.Status -eq 'Written' } | Should -BeNullOrEmpty
    }

    It 'Get-ChildItem files are matched by name, as -Path is' {
        $ldif = Join-Path $TestDrive 'gci.ldif'
        $results = @(Get-ChildItem -LiteralPath $examples -File | Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be $expectedWritten
    }

    It 'plain strings are paths: a folder, and a list of files from Get-Content' {
        $ldif = Join-Path $TestDrive 'strings.ldif'
        $results = @($examples | Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be $expectedWritten

        $list = Join-Path $TestDrive 'list.txt'
        @((Join-Path $examples 'jsmith.jpg'), (Join-Path $examples 'Anne.Wallace.jpg')) | Set-Content -LiteralPath $list
        $fromList = @(Get-Content -LiteralPath $list | Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath (Join-Path $TestDrive 'list.ldif') -Confirm:$false -ErrorAction SilentlyContinue)
        @($fromList | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be @('awallace', 'jsmith')
    }

    It 'Find-ADPhotoMatch | Set-ADPhotoBulk needs no filter: what did not match is skipped with a warning' {
        $ldif = Join-Path $TestDrive 'matched.ldif'
        $warnings = $null
        $results = @(Find-ADPhotoMatch -Path $examples -UsersCsv $usersCsv |
                Set-ADPhotoBulk -UsersCsv $usersCsv -LdifPath $ldif -Confirm:$false -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be $expectedWritten
        @($warnings | Where-Object { "$_" -like '*Tom.Hendriks.jpg*unmatched*' }).Count | Should -Be 1
        Get-DnCount $ldif | Should -Be 7
    }

    It 'a write answered No under -Confirm comes back as Declined, and nothing is written' {
        $ldif = Join-Path $TestDrive 'declined.ldif'
        $request = [ordered]@{
            task = 'set'; mode = 'confirm'; attribute = 'thumbnailPhoto'
            users = [ordered]@{ type = 'csv'; path = $usersCsv }
            target = [ordered]@{ type = 'ldif'; path = $ldif }
            photos = @($examples)
        }
        # The answer No to every user, as -Confirm would take it.
        $results = @(InModuleScope ADPhoto -Parameters @{ Request = $request } {
                param($Request)
                function Test-Declined {
                    [CmdletBinding()]
                    param($Request)
                    Invoke-ADPhotoSetJob -Request $Request -Cmdlet $PSCmdlet -ShouldProcess { param($Target, $Action) $false } -Activity 'Set-ADPhotoBulk' -Attribute 'thumbnailPhoto' -Where 'LDIF'
                }
                Test-Declined -Request $Request -ErrorAction SilentlyContinue
            })
        @($results | Where-Object Status -eq 'Declined' | ForEach-Object User | Sort-Object) | Should -Be $expectedWritten
        ($results | Where-Object Status -eq 'Declined' | Select-Object -First 1).Action | Should -Be 'write'
        @($results | Where-Object Status -eq 'Written').Count | Should -Be 0
        Test-Path -LiteralPath $ldif | Should -BeFalse
    }
}

Describe 'A -Server with credentials in it' {
    It 'is refused by New-ADPhotoDirectory, and the error does not repeat it' {
        foreach ($server in @('ldaps://admin:S3cret-7f@dc1.school.org', 'admin:S3cret-7f@dc1', 'svc@dc1')) {
            $thrown = $null
            try {
                New-ADPhotoDirectory -Server $server -ErrorAction Stop | Out-Null
            } catch {
                $thrown = $_
            }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -Match '^ADPhoto\.CredentialsInServer'
            "$thrown" | Should -Not -Match 'S3cret|svc@'
        }
    }
}

Describe 'Find-ADPhotoMatch -Encoding' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'code-page'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $photo = "$([char]0x141)ukasz.W$([char]0xF3)jcik.jpg"
        Copy-Item -LiteralPath (Join-Path $examples 'jsmith.jpg') -Destination (Join-Path $folder $photo)
        # Excel's "CSV" in Central Europe: Windows-1250, where L-stroke is 0xA3 and o-acute 0xF3.
        $ascii = [System.Text.Encoding]::ASCII
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $bytes.AddRange($ascii.GetBytes("SamAccountName;GivenName;Surname`r`nlwojcik;"))
        $bytes.Add(0xA3)
        $bytes.AddRange($ascii.GetBytes('ukasz;W'))
        $bytes.Add(0xF3)
        $bytes.AddRange($ascii.GetBytes("jcik`r`n"))
        $csv = Join-Path $TestDrive 'users-1250.csv'
        [System.IO.File]::WriteAllBytes($csv, $bytes.ToArray())
    }

    It 'reads a users CSV saved in a Windows code page' {
        $result = @(Find-ADPhotoMatch -Path $folder -UsersCsv $csv -Encoding windows-1250 -Pattern '{givenName}.{sn}' |
                Where-Object File)
        $result.Count | Should -Be 1
        $result[0].Match | Should -Be 'matched'
        $result[0].User | Should -Be 'lwojcik'
    }
}
