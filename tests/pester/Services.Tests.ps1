# Every command on every service: the same verbs with -Directory for Microsoft 365 (the Graph
# stand-in) and Google Workspace (the Google stand-in), started by tests/pester/run.sh with the
# users pjones, pkhan, plee, pmorris and pnophoto (@example.edu), and the commands kept for
# scripts written for earlier releases (Set-EntraPhotoBulk, Get-EntraPhoto, Remove-EntraPhoto,
# Set-GooglePhotoBulk). The tests run in order: each starts from what the previous ones left.

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop
    $work = $env:ADPHOTO_TEST_WORK
    $secret = ConvertTo-SecureString -String $env:ADPHOTO_TEST_GRAPH_CLIENT_SECRET -AsPlainText -Force
    $entra = @{
        TenantId     = 'contoso.onmicrosoft.com'
        ClientId     = $env:ADPHOTO_TEST_GRAPH_CLIENT_ID
        ClientSecret = $secret
        LoginUrl     = $env:ADPHOTO_TEST_GRAPH_URL
        GraphUrl     = $env:ADPHOTO_TEST_GRAPH_URL
    }
    $google = @{
        KeyFile = $env:ADPHOTO_TEST_GOOGLE_KEY
        Subject = $env:ADPHOTO_TEST_GOOGLE_ADMIN
        ApiUrl  = $env:ADPHOTO_TEST_GOOGLE_URL
    }
    $photoUsers = @('pjones@example.edu', 'pkhan@example.edu', 'plee@example.edu', 'pmorris@example.edu')

    # A mapping CSV (UserPrincipalName,path) of the four users with a photo, from a photo folder.
    function New-PhotoCsv([string]$Folder, [string]$Name) {
        $csv = Join-Path $work $Name
        @('UserPrincipalName,path') + @(Get-ChildItem -LiteralPath $Folder -File | ForEach-Object {
                "$($_.BaseName)@example.edu,$($_.FullName)"
            }) | Set-Content -LiteralPath $csv -Encoding UTF8
        $csv
    }
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
}

Describe 'New-ADPhotoDirectory' {
    It 'describes Microsoft 365 without holding the secret in plain text' {
        $directory = New-ADPhotoDirectory @entra
        $directory.PSObject.TypeNames | Should -Contain 'ADPhoto.Directory'
        $directory.Service | Should -Be 'Entra'
        $directory.Name | Should -Be 'contoso.onmicrosoft.com'
        $directory.Photo | Should -Be 'photo'
        ($directory | Format-List * | Out-String) | Should -Not -BeLike "*$($env:ADPHOTO_TEST_GRAPH_CLIENT_SECRET)*"
        ($directory | ConvertTo-Json -Depth 5) | Should -Not -BeLike "*$($env:ADPHOTO_TEST_GRAPH_CLIENT_SECRET)*"
    }

    It 'describes Google Workspace by its administrator, naming the key file and never reading it' {
        $directory = New-ADPhotoDirectory @google
        $directory.Service | Should -Be 'Google'
        $directory.Name | Should -Be $env:ADPHOTO_TEST_GOOGLE_ADMIN
        $directory.Photo | Should -Be 'googlePhoto'
        ($directory | ConvertTo-Json -Depth 5) | Should -Not -BeLike '*PRIVATE KEY*'
    }

    It 'describes Active Directory by default, and -WhatIf makes nothing' {
        (New-ADPhotoDirectory -Server dc1.example.edu).Service | Should -Be 'ActiveDirectory'
        New-ADPhotoDirectory -Server dc1.example.edu -WhatIf | Should -BeNullOrEmpty
    }

    It 'refuses what cannot work before anything runs, with the command in the error id' {
        { New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -ClientId x } | Should -Throw -ErrorId 'ADPhoto.NoCredential,New-ADPhotoDirectory'
        { New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -ClientId x -ClientSecret $secret -CertificatePath $env:ADPHOTO_TEST_GOOGLE_KEY } | Should -Throw -ErrorId 'ADPhoto.TwoCredentials,New-ADPhotoDirectory'
        { New-ADPhotoDirectory -KeyFile (Join-Path $work 'no-such-key.json') -Subject admin@example.edu } | Should -Throw -ErrorId 'ADPhoto.KeyFileNotFound,New-ADPhotoDirectory'
    }
}

Describe 'Every verb on <Service>' -ForEach @(
    @{ Service = 'Entra'; Make = { New-ADPhotoDirectory @entra }; Attribute = 'photo' }
    @{ Service = 'Google'; Make = { New-ADPhotoDirectory @google }; Attribute = 'googlePhoto' }
) {
    BeforeAll {
        $directory = & $Make
        $run = Join-Path $work "$Service-run"
        $csv = New-PhotoCsv -Folder $env:ADPHOTO_TEST_PHOTOS -Name "$Service-photos.csv"
    }

    It 'Get-ADPhotoReport: nobody has a photo yet' {
        $rows = @(Get-ADPhotoReport -Directory $directory)
        $rows.Count | Should -Be 5
        @($rows | Where-Object HasPhoto).Count | Should -Be 0
        $rows[0].Attribute | Should -Be $Attribute
    }

    It 'Find-ADPhotoMatch: checks the CSV rows against the users' {
        $found = @(Import-Csv -LiteralPath $csv | Find-ADPhotoMatch -Directory $directory)
        @($found | Where-Object Match -eq 'matched' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
    }

    It 'Set-ADPhotoBulk: -WhatIf writes nothing, then the run writes every photo' {
        @(Import-Csv -LiteralPath $csv | Set-ADPhotoBulk -Directory $directory -WhatIf | Where-Object Status -eq 'Written').Count | Should -Be 0
        @(Get-ADPhotoReport -Directory $directory | Where-Object HasPhoto).Count | Should -Be 0
        $results = @(Import-Csv -LiteralPath $csv | Set-ADPhotoBulk -Directory $directory -BackupPath $run -Confirm:$false)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        ($results | Select-Object -First 1).Attribute | Should -Be $Attribute
    }

    It 'Get-ADPhoto: returns the photo, and a user without one is an error naming the user' {
        $errors = $null
        $got = @('pjones@example.edu', 'pnophoto@example.edu' | Get-ADPhoto -Directory $directory -ErrorAction SilentlyContinue -ErrorVariable errors)
        @($got | ForEach-Object User) | Should -Be @('pjones@example.edu')
        $got[0].Bytes[0] | Should -Be 0xFF
        $got[0].Attribute | Should -Be $Attribute
        $errors[0].TargetObject | Should -Be 'pnophoto@example.edu'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ADPhoto.*,Get-ADPhoto'
    }

    It 'Export-ADPhoto: saves every photo' {
        $folder = Join-Path $work "$Service-export"
        $exported = @(Export-ADPhoto -OutputPath $folder -Directory $directory -Confirm:$false)
        @($exported | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
        $exported | ForEach-Object { Test-Path -LiteralPath $_.Path | Should -BeTrue }
    }

    It 'Remove-ADPhoto and Restore-ADPhoto: the removed photo comes back, and the results show their Action' {
        $before = [System.Convert]::ToBase64String((Get-ADPhoto -Identity pkhan@example.edu -Directory $directory).Bytes)
        $removedFolder = Join-Path $work "$Service-removed"
        $removed = @(Remove-ADPhoto -Identity pkhan@example.edu -Directory $directory -BackupPath $removedFolder -Confirm:$false)
        $removed.Status | Should -Be 'Removed'
        $removed.Action | Should -Be 'remove'
        Get-ADPhoto -Identity pkhan@example.edu -Directory $directory -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $restored = @(Restore-ADPhoto -BackupPath $removedFolder -Directory $directory -Confirm:$false)
        $restored.Status | Should -Be 'Restored'
        $restored.Action | Should -Be 'restore'
        [System.Convert]::ToBase64String((Get-ADPhoto -Identity pkhan@example.edu -Directory $directory).Bytes) | Should -Be $before
    }
}

Describe 'The commands kept for existing scripts' {
    It 'Set-EntraPhotoBulk, Get-EntraPhoto and Remove-EntraPhoto take the Microsoft 365 parameters directly' {
        $csv = New-PhotoCsv -Folder $env:ADPHOTO_TEST_PHOTOS2 -Name 'entra-photos2.csv'
        $results = @(Import-Csv -LiteralPath $csv | Set-EntraPhotoBulk @entra -BackupPath (Join-Path $work 'entra-legacy') -Confirm:$false)
        @($results | Where-Object Status -eq 'Written').Count | Should -Be 4
        (Get-EntraPhoto pjones@example.edu @entra).Length | Should -BeGreaterThan 0
        $removed = @(Remove-EntraPhoto plee@example.edu @entra -BackupPath (Join-Path $work 'entra-legacy-removed') -Confirm:$false)
        $removed.Status | Should -Be 'Removed'
    }

    It 'Set-GooglePhotoBulk takes the Google parameters directly and matches files by name' {
        $results = @(Get-ChildItem -LiteralPath $env:ADPHOTO_TEST_PHOTOS2 -File | Set-GooglePhotoBulk @google -Pattern '{username}' -Confirm:$false)
        @($results | Where-Object Status -eq 'Written' | ForEach-Object User | Sort-Object) | Should -Be $photoUsers
    }

    It 'a missing Microsoft 365 credential ends the command with the id scripts can compare' {
        $failure = $null
        try {
            Get-EntraPhoto pjones@example.edu -TenantId contoso.onmicrosoft.com -ClientId x
        } catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -Be 'ADPhoto.NoCredential,Get-EntraPhoto'
        $failure.FullyQualifiedErrorId.Split(',')[0] | Should -Be 'ADPhoto.NoCredential'
    }
}

Describe 'Sync-ADPhoto -Map' {
    It 'pairs users by the CSV rows only, and reports a row naming nobody instead of guessing' {
        $csv = Join-Path $work 'sync-map.csv'
        @('Source;Target', "'-nobody@example.edu;pmorris@example.edu", 'pjones@example.edu;pkhan@example.edu', 'ghost@example.edu;plee@example.edu') |
            Set-Content -LiteralPath $csv -Encoding UTF8
        $plan = @(Sync-ADPhoto -From (New-ADPhotoDirectory @entra) -To (New-ADPhotoDirectory @google) -Map $csv -WhatIf)
        $pkhan = $plan | Where-Object User -eq 'pkhan@example.edu'
        $pkhan.Source | Should -Be 'pjones@example.edu'
        $pkhan.Target | Should -Be 'google:'
        ($plan | Where-Object User -eq 'plee@example.edu').Action | Should -Be 'no-match'
        ($plan | Where-Object User -eq 'plee@example.edu').Reason | Should -BeLike "*no user 'ghost@example.edu'*"
        ($plan | Where-Object User -eq 'pmorris@example.edu').Reason | Should -BeLike "*no user '-nobody@example.edu'*"
        ($plan | Where-Object User -eq 'pnophoto@example.edu').Action | Should -Be 'no-photo'
    }

    It 'refuses -Map with -Pattern before anything is read' {
        { Sync-ADPhoto -From (New-ADPhotoDirectory @entra) -To (New-ADPhotoDirectory @google) -Map (Join-Path $work 'sync-map.csv') -Pattern '{mail}' -WhatIf -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*not both*'
    }
}

Describe 'Sync-AccountPicture -Source Graph' {
    BeforeAll {
        $sid = 'S-1-5-21-1004336348-1177238915-682003330-1104'
        $m365 = New-ADPhotoDirectory @entra
    }

    BeforeEach {
        $root = Join-Path $work ("ap-graph-" + [guid]::NewGuid())
    }

    It 'makes every size from the Microsoft 365 photo, the tenant signed in to as New-ADPhotoDirectory does' {
        $result = Sync-AccountPicture -Sid $sid -Identity pjones@example.edu -Source Graph -Graph $m365 -Root $root -Confirm:$false
        $result.Status | Should -Be 'Written'
        $result.Source | Should -Be 'graph'
        @($result.Files).Count | Should -Be 12
        Test-Path -LiteralPath (Join-Path $root "ProgramData/AccountPictures/$sid/Image1080.jpg") | Should -BeTrue
        (Sync-AccountPicture -Sid $sid -Identity pjones@example.edu -Source Graph -Graph $m365 -Root $root -Confirm:$false).Status | Should -Be 'Unchanged'
    }

    It 'reports a user without a Microsoft 365 photo and writes nothing' {
        $result = Sync-AccountPicture -Sid $sid -Identity pnophoto@example.edu -Source Graph -Graph $m365 -Root $root -Confirm:$false -WarningAction SilentlyContinue
        $result.Status | Should -Be 'NoPhoto'
        (@($result.Tried) -join '; ') | Should -Match '^graph: '
        Test-Path -LiteralPath (Join-Path $root "ProgramData/AccountPictures/$sid") | Should -BeFalse
    }

    It 'says why the Graph source is unusable before anything is read' {
        $workspace = New-ADPhotoDirectory @google
        { Sync-AccountPicture -Sid $sid -Identity pjones@example.edu -Source Graph -Graph $workspace -Root $root -Confirm:$false } |
            Should -Throw -ErrorId 'ADPhoto.GraphNotEntra,Sync-AccountPicture'
        { Sync-AccountPicture -Sid $sid -Identity pjones@example.edu -Source Graph -Graph $m365 -TenantId contoso.onmicrosoft.com -Root $root -Confirm:$false } |
            Should -Throw -ErrorId 'ADPhoto.TwoGraphSources,Sync-AccountPicture'
        { Sync-AccountPicture -Sid $sid -Identity pjones@example.edu -Source Graph -TenantId contoso.onmicrosoft.com -ClientId x -Root $root -Confirm:$false } |
            Should -Throw -ErrorId 'ADPhoto.NoCredential,Sync-AccountPicture'
    }
}
