# Install-AccountPictureTask registers tasks that run the module as SYSTEM, so it must refuse a
# module that anyone but administrators can change, judged from access lists (Get-Acl), not
# from the folder's name; and with -AtStartup the logon task still syncs only the users signed in.
#
# The access lists come from a mocked Get-Acl giving the rules Windows shows (C:\Program Files,
# a user's profile, C:\ itself), over a real module folder, so every decision is checked on any
# system. On Windows, the real Get-Acl is used too: a copy of the module in a folder that
# Users may modify is refused before anything is registered.

BeforeDiscovery {
    $onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
}

BeforeAll {
    $repo = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'module/ADPhoto.psd1') -Force -ErrorAction Stop

    if (-not (Get-Command -Name Get-Acl -ErrorAction SilentlyContinue)) {
        # PowerShell on Linux and macOS has no Get-Acl, and Pester mocks only commands that exist.
        function global:Get-Acl {
            param([string]$LiteralPath)
            throw "Get-Acl is not available here ($LiteralPath)"
        }
        $script:definedGetAcl = $true
    }

    # FileSystemRights values as Get-Acl shows them, and the principals the tests use (global:
    # the helpers below also run inside mocks).
    $global:ADPhotoTestRights = @{
        FullControl    = 0x1F01FF
        Modify         = 0x301BF
        ReadAndExecute = 0x1200A9
        AppendData     = 0x4
        CreateFiles    = 0x2
        DeleteChild    = 0x40
        Write          = 0x116
        GenericAll     = 0x10000000
    }
    $global:ADPhotoTestSids = @{
        System             = 'S-1-5-18'
        Administrators     = 'S-1-5-32-544'
        TrustedInstaller   = 'S-1-5-80-956008885-3425817010-1185233937-2006286484-880297891'
        Users              = 'S-1-5-32-545'
        AuthenticatedUsers = 'S-1-5-11'
        Everyone           = 'S-1-1-0'
        CreatorOwner       = 'S-1-3-0'
        AppPackages        = 'S-1-15-2-1'
        Student            = 'S-1-5-21-1004336348-1177238915-682003330-1104'
        Admin              = 'S-1-5-21-1004336348-1177238915-682003330-500'
        DomainAdmins       = 'S-1-5-21-1004336348-1177238915-682003330-512'
    }

    $rights = $global:ADPhotoTestRights
    $sids = $global:ADPhotoTestSids

    function global:New-ADPhotoTestRule {
        param([string]$Sid, [int64]$Rights, [string]$Type = 'Allow', [string]$Propagation = 'None')
        [pscustomobject]@{
            IdentityReference = [pscustomobject]@{ Value = $Sid }
            FileSystemRights  = $Rights
            AccessControlType = $Type
            PropagationFlags  = $Propagation
        }
    }

    # An object with the two methods the module calls on Get-Acl's result.
    function global:New-ADPhotoTestAcl {
        param([string]$Owner, [object[]]$Rules)
        $acl = [pscustomobject]@{ OwnerSid = $Owner; Rules = @($Rules) }
        $acl | Add-Member -MemberType ScriptMethod -Name GetOwner -Value { param($Type) [pscustomobject]@{ Value = $this.OwnerSid } }
        $acl | Add-Member -MemberType ScriptMethod -Name GetAccessRules -Value { param($Explicit, $Inherited, $Type) $this.Rules }
        $acl
    }

    # What C:\Program Files and everything in it show on a fresh Windows.
    function global:New-ADPhotoProgramFilesAcl {
        $sids = $global:ADPhotoTestSids
        $rights = $global:ADPhotoTestRights
        New-ADPhotoTestAcl -Owner $sids.TrustedInstaller -Rules @(
            (New-ADPhotoTestRule $sids.TrustedInstaller $rights.FullControl)
            (New-ADPhotoTestRule $sids.System $rights.Modify)
            (New-ADPhotoTestRule $sids.Administrators $rights.Modify)
            (New-ADPhotoTestRule $sids.Users $rights.ReadAndExecute)
            (New-ADPhotoTestRule $sids.CreatorOwner $rights.GenericAll -Propagation 'InheritOnly')
            (New-ADPhotoTestRule $sids.AppPackages $rights.ReadAndExecute)
        )
    }

    # What C:\ shows: Authenticated Users may create folders there, and get Modify on what they create.
    function global:New-ADPhotoDriveRootAcl {
        $sids = $global:ADPhotoTestSids
        $rights = $global:ADPhotoTestRights
        New-ADPhotoTestAcl -Owner $sids.TrustedInstaller -Rules @(
            (New-ADPhotoTestRule $sids.System $rights.FullControl)
            (New-ADPhotoTestRule $sids.Administrators $rights.FullControl)
            (New-ADPhotoTestRule $sids.Users $rights.ReadAndExecute)
            (New-ADPhotoTestRule $sids.AuthenticatedUsers $rights.AppendData)
            (New-ADPhotoTestRule $sids.AuthenticatedUsers $rights.Modify -Propagation 'InheritOnly')
        )
    }
}

AfterAll {
    Remove-Module ADPhoto -ErrorAction SilentlyContinue
    Remove-Variable -Name ADPhotoTestRights, ADPhotoTestSids -Scope Global -ErrorAction SilentlyContinue
    Remove-Item -Path 'Function:\New-ADPhotoTestRule', 'Function:\New-ADPhotoTestAcl', 'Function:\New-ADPhotoProgramFilesAcl', 'Function:\New-ADPhotoDriveRootAcl' -ErrorAction SilentlyContinue
    if ($script:definedGetAcl) {
        Remove-Item -Path 'Function:\Get-Acl' -ErrorAction SilentlyContinue
    }
}

Describe 'Where the module may live for a task that runs as SYSTEM' {
    BeforeEach {
        # A real module folder: Modules/ADPhoto/0.1.0 with a manifest, a command and the library.
        $modules = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $module = Join-Path $modules 'ADPhoto/0.1.0'
        New-Item -ItemType Directory -Path (Join-Path $module 'Public'), (Join-Path $module 'bin/win-x64') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $module 'ADPhoto.psd1') -Value '@{}'
        Set-Content -LiteralPath (Join-Path $module 'Public/Sync-AccountPicture.ps1') -Value '# command'
        Set-Content -LiteralPath (Join-Path $module 'bin/win-x64/adphoto.dll') -Value 'MZ'
        $module = (Resolve-Path -LiteralPath $module).Path
        $library = [System.IO.Path]::GetFullPath((Join-Path $module 'bin/win-x64/adphoto.dll'))
        $driveRoot = [System.IO.Path]::GetPathRoot($module)
        # Paths whose access lists a test replaces; everything else looks like Program Files.
        $global:ADPhotoTestAcls = @{ $driveRoot = (New-ADPhotoDriveRootAcl) }
        Mock -CommandName Get-Acl -ModuleName ADPhoto -MockWith {
            $key = [System.IO.Path]::GetFullPath($LiteralPath)
            if ($global:ADPhotoTestAcls.ContainsKey($key)) {
                return $global:ADPhotoTestAcls[$key]
            }
            New-ADPhotoProgramFilesAcl
        }
    }

    AfterEach {
        Remove-Variable -Name ADPhotoTestAcls -Scope Global -ErrorAction SilentlyContinue
    }

    It 'accepts a module under access lists like C:\Program Files (C:\ lets users create folders: harmless)' {
        $found = @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path })
        $found.Count | Should -Be 0
        Should -Invoke -CommandName Get-Acl -ModuleName ADPhoto -ParameterFilter { $LiteralPath -eq $library } -Times 1 -Exactly
        Should -Invoke -CommandName Get-Acl -ModuleName ADPhoto -ParameterFilter { [System.IO.Path]::GetFullPath($LiteralPath) -eq $driveRoot } -Times 1 -Exactly
    }

    It 'refuses a module folder that Users may modify, naming them and the folder' {
        $global:ADPhotoTestAcls[$module] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.Administrators $rights.FullControl)
            (New-ADPhotoTestRule $sids.Users $rights.Modify)
        )
        $found = @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path })
        $found.Count | Should -Be 1
        $found[0].Sid | Should -Be $sids.Users
        $found[0].Path | Should -Be $module
        $found[0].Reason | Should -Match 'may change'
    }

    It 'refuses one file inside the module that a user may write (the native library)' {
        $global:ADPhotoTestAcls[$library] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.System $rights.FullControl)
            (New-ADPhotoTestRule $sids.Student $rights.Write)
        )
        $found = @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path })
        @($found | ForEach-Object Path) | Should -Be @($library)
        $found[0].Sid | Should -Be $sids.Student
    }

    It 'refuses a module owned by a user account, even an administrator''s own (unelevated programs run as it)' {
        $global:ADPhotoTestAcls[$module] = New-ADPhotoTestAcl -Owner $sids.Student -Rules @(
            (New-ADPhotoTestRule $sids.System $rights.FullControl)
            (New-ADPhotoTestRule $sids.Administrators $rights.FullControl)
        )
        $found = @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path })
        $found.Count | Should -Be 1
        $found[0].Reason | Should -Match 'owns'

        $global:ADPhotoTestAcls[$module] = New-ADPhotoTestAcl -Owner $sids.Admin -Rules @(
            (New-ADPhotoTestRule $sids.Admin $rights.FullControl)
        )
        $found = @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path })
        @($found | ForEach-Object Sid | Sort-Object -Unique) | Should -Be @($sids.Admin)
        $found.Count | Should -Be 2

        # Domain Admins, like Administrators, only ever act elevated.
        $global:ADPhotoTestAcls[$module] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.DomainAdmins $rights.FullControl)
        )
        @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path }).Count | Should -Be 0
    }

    It 'refuses when a folder above lets others rename or empty it, not when it only lets them create folders' {
        $above = Split-Path -Path (Split-Path -Path $module -Parent) -Parent
        $global:ADPhotoTestAcls[$above] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.Administrators $rights.FullControl)
            (New-ADPhotoTestRule $sids.Users ($rights.AppendData -bor $rights.CreateFiles))
        )
        @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path }).Count | Should -Be 0

        $global:ADPhotoTestAcls[$above] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.Administrators $rights.FullControl)
            (New-ADPhotoTestRule $sids.Everyone $rights.DeleteChild)
        )
        $found = @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path })
        $found.Count | Should -Be 1
        $found[0].Path | Should -Be $above
        $found[0].Sid | Should -Be $sids.Everyone
    }

    It 'does not let a deny entry excuse an allow, and skips inherit-only templates' {
        $global:ADPhotoTestAcls[$module] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.Users $rights.Modify -Type 'Deny')
            (New-ADPhotoTestRule $sids.Users $rights.Modify -Propagation 'InheritOnly')
        )
        @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path }).Count | Should -Be 0

        $global:ADPhotoTestAcls[$module] = New-ADPhotoTestAcl -Owner $sids.Administrators -Rules @(
            (New-ADPhotoTestRule $sids.Users $rights.Modify -Type 'Deny')
            (New-ADPhotoTestRule $sids.Users $rights.Modify)
        )
        @(InModuleScope ADPhoto -Parameters @{ Path = $module } { param($Path) Get-ADPhotoUnsafeWriteAccess -Path $Path }).Count | Should -Be 1
    }

    It 'refuses a module on a network share without reading its access lists' {
        $found = @(InModuleScope ADPhoto { Get-ADPhotoUnsafeWriteAccess -Path '\\fs1\software\ADPhoto\0.1.0' })
        $found.Count | Should -Be 1
        $found[0].Reason | Should -Match 'network share'
        Should -Invoke -CommandName Get-Acl -ModuleName ADPhoto -Times 0 -Exactly
    }
}

Describe 'The tasks Install-AccountPictureTask registers' {
    It 'syncs only the signed-in users at logon, and every profile at startup only with -AtStartup' {
        $plans = @(InModuleScope ADPhoto {
                Get-AccountPictureTaskPlan -TaskName 'ADPhoto account picture' -ModulePath 'C:\Program Files\WindowsPowerShell\Modules\ADPhoto\0.1.0\ADPhoto.psd1' -PhotoFolder "\\fs1\photos\o'brien" -AtStartup
            })
        $plans.Count | Should -Be 2
        $plans[0].Trigger | Should -Be 'AtLogOn'
        $plans[0].TaskName | Should -Be 'ADPhoto account picture'
        $plans[0].Arguments | Should -Not -Match 'AllProfiles'
        $plans[0].Arguments | Should -Match ([regex]::Escape("Import-Module -Name 'C:\Program Files\WindowsPowerShell\Modules\ADPhoto\0.1.0\ADPhoto.psd1'"))
        $plans[0].Arguments | Should -Match ([regex]::Escape("-PhotoFolder '\\fs1\photos\o''brien'"))
        $plans[1].Trigger | Should -Be 'AtStartup'
        $plans[1].TaskName | Should -Be 'ADPhoto account picture at startup'
        $plans[1].Arguments | Should -Match 'Sync-AccountPicture .* -AllProfiles"$'

        $logonOnly = @(InModuleScope ADPhoto { Get-AccountPictureTaskPlan -TaskName 'T' -ModulePath 'C:\M\ADPhoto.psd1' })
        $logonOnly.Count | Should -Be 1
        $logonOnly[0].Trigger | Should -Be 'AtLogOn'
    }

    It 'refuses a -Server with an account or password in it, without repeating it' {
        $thrown = $null
        try {
            InModuleScope ADPhoto {
                Get-AccountPictureTaskPlan -TaskName 'T' -ModulePath 'C:\M\ADPhoto.psd1' -Server 'ldaps://admin:S3cret-7f@dc1.school.org'
            }
        } catch {
            $thrown = $_
        }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -Match '^ADPhoto\.CredentialsInServer'
        "$thrown" | Should -Not -Match 'S3cret'
    }

    It 'reads Microsoft 365 with a certificate named on the command line, never a secret' {
        $plans = @(InModuleScope ADPhoto {
                Get-AccountPictureTaskPlan -TaskName 'T' -ModulePath 'C:\M\ADPhoto.psd1' -Source Graph, ThumbnailPhoto -TenantId contoso.onmicrosoft.com -ClientId '11111111-2222-3333-4444-555555555555' -CertificatePath "C:\ProgramData\ADPhoto\o'brien.pem" -AtStartup
            })
        foreach ($plan in $plans) {
            $plan.Arguments | Should -Match ([regex]::Escape("-Source 'Graph','ThumbnailPhoto'"))
            $plan.Arguments | Should -Match ([regex]::Escape("-TenantId 'contoso.onmicrosoft.com' -ClientId '11111111-2222-3333-4444-555555555555'"))
            $plan.Arguments | Should -Match ([regex]::Escape("-CertificatePath 'C:\ProgramData\ADPhoto\o''brien.pem'"))
            $plan.Arguments | Should -Not -Match 'Secret|Password'
        }
        (Get-Command -Name Install-AccountPictureTask).Parameters.Keys | Should -Not -Contain 'ClientSecret'
    }
}

Describe 'Install-AccountPictureTask on Windows' -Skip:(-not $onWindows) {
    BeforeAll {
        # A copy of the module in a folder where Users may modify everything.
        $writable = Join-Path ([System.IO.Path]::GetTempPath()) ('adphoto-task-' + [guid]::NewGuid().ToString('N'))
        $copy = Join-Path $writable 'ADPhoto'
        New-Item -ItemType Directory -Path $copy -Force | Out-Null
        Copy-Item -Path (Join-Path $repo 'module/*') -Destination $copy -Recurse
        $acl = Get-Acl -LiteralPath $writable
        $users = New-Object System.Security.Principal.SecurityIdentifier('S-1-5-32-545')
        $rule = New-Object System.Security.AccessControl.FileSystemAccessRule($users, 'Modify', 'ContainerInherit, ObjectInherit', 'None', 'Allow')
        $acl.AddAccessRule($rule)
        Set-Acl -LiteralPath $writable -AclObject $acl
        # BUILTIN\Users in this system's language.
        $usersName = $users.Translate([System.Security.Principal.NTAccount]).Value
    }

    AfterAll {
        Remove-Item -LiteralPath $writable -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'refuses a module that Users may modify, says where to install, and registers nothing' {
        Mock -CommandName Register-ScheduledTask -ModuleName ADPhoto -MockWith { throw 'must not be called' }
        $thrown = $null
        try {
            Install-AccountPictureTask -ModulePath (Join-Path $copy 'ADPhoto.psd1') -PhotoFolder 'C:\Photos' -Force -Confirm:$false
        } catch {
            $thrown = $_
        }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -Match '^ADPhoto\.ModuleLocationUnsafe'
        $thrown.Exception.Message | Should -Match ([regex]::Escape($usersName))
        $thrown.Exception.Message | Should -Match ([regex]::Escape('C:\Program Files\WindowsPowerShell\Modules'))
        Should -Invoke -CommandName Register-ScheduledTask -ModuleName ADPhoto -Times 0 -Exactly
    }
}
