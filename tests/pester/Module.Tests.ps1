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
        Get-Command -Name ConvertTo-ADPhotoDirectory -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-Command -Name Get-ADPhotoServiceParameter -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
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
        'Export-ADPhoto', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Get-ADPhotoReport',
        'New-ADPhotoDirectory', 'Set-EntraPhotoBulk', 'Get-EntraPhoto', 'Remove-EntraPhoto', 'Set-GooglePhotoBulk'
    ) {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'asks before changing anything: <_> supports -WhatIf and -Confirm' -ForEach @(
        'Set-ADPhotoBulk', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Export-ADPhoto', 'ConvertTo-ADPhoto',
        'Set-EntraPhotoBulk', 'Remove-EntraPhoto', 'Set-GooglePhotoBulk'
    ) {
        $command = Get-Command -Name $_
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'every verb takes -Directory, for Active Directory, Microsoft 365 and Google alike: <_>' -ForEach @(
        'Set-ADPhotoBulk', 'Find-ADPhotoMatch', 'Get-ADPhoto', 'Export-ADPhoto', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Get-ADPhotoReport'
    ) {
        $parameter = (Get-Command -Name $_).Parameters['Directory']
        $parameter | Should -Not -BeNullOrEmpty
        $parameter.ParameterSets.Keys | Should -Be @('Directory')
    }

    It 'takes -Attribute, thumbnailPhoto or jpegPhoto, with -Directory and with the Active Directory parameters alike: <_>' -ForEach @(
        'Set-ADPhotoBulk', 'Get-ADPhoto', 'Export-ADPhoto', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Get-ADPhotoReport'
    ) {
        $parameter = (Get-Command -Name $_).Parameters['Attribute']
        $parameter | Should -Not -BeNullOrEmpty
        $parameter.ParameterType | Should -Be ([string])
        $parameter.ParameterSets.Keys | Should -Be @('__AllParameterSets')
        $validate = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
        $validate[0].ValidValues | Should -Be @('thumbnailPhoto', 'jpegPhoto')
    }

    It 'still takes the Active Directory parameters of earlier releases, exactly as New-ADPhotoDirectory declares them: <_>' -ForEach @(
        'Set-ADPhotoBulk', 'Find-ADPhotoMatch', 'Get-ADPhoto', 'Export-ADPhoto', 'Remove-ADPhoto', 'Restore-ADPhoto', 'Get-ADPhotoReport'
    ) {
        $parameters = (Get-Command -Name $_).Parameters
        foreach ($name in 'Server', 'Credential', 'SearchBase', 'LdapFilter', 'IncludeDisabled', 'StartTls', 'Insecure', 'CaCertificate', 'ThrottleLimit') {
            $parameters.Keys | Should -Contain $name
            $parameters[$name].ParameterType | Should -Be (Get-Command New-ADPhotoDirectory).Parameters[$name].ParameterType
            $parameters[$name].ParameterSets.Keys | Should -Not -Contain 'Directory'
        }
        $parameters.Keys | Should -Not -Contain 'TenantId'
    }

    It 'keeps the Microsoft 365 and Google commands with their parameters: <Name>' -ForEach @(
        @{ Name = 'Set-EntraPhotoBulk'; Has = @('TenantId', 'ClientId', 'ClientSecret', 'Credential', 'CertificatePath', 'Path', 'Identity', 'Pattern', 'BackupPath', 'Force', 'Size', 'Fit'); Mandatory = 'TenantId' }
        @{ Name = 'Get-EntraPhoto'; Has = @('TenantId', 'ClientId', 'ClientSecret', 'Environment', 'LoginUrl', 'GraphUrl', 'Identity'); Mandatory = 'TenantId' }
        @{ Name = 'Remove-EntraPhoto'; Has = @('TenantId', 'CertificatePassword', 'Identity', 'BackupPath'); Mandatory = 'TenantId' }
        @{ Name = 'Set-GooglePhotoBulk'; Has = @('KeyFile', 'Subject', 'Customer', 'Domain', 'OrgUnit', 'IncludeSuspended', 'TokenUrl', 'ApiUrl', 'Path', 'Pattern'); Mandatory = 'Subject' }
    ) {
        $parameters = (Get-Command -Name $Name).Parameters
        foreach ($parameter in $Has) {
            $parameters.Keys | Should -Contain $parameter
        }
        @($parameters[$Mandatory].ParameterSets.Values)[0].IsMandatory | Should -BeTrue
        $parameters.Keys | Should -Not -Contain 'Server'
    }

    It 'takes -Server as the first argument of Get-ADPhotoReport and -Identity of Get-ADPhoto, as before' {
        (Get-Command Get-ADPhotoReport).Parameters['Server'].ParameterSets['Server'].Position | Should -Be 0
        @((Get-Command Get-ADPhoto).Parameters['Identity'].ParameterSets.Values)[0].Position | Should -Be 0
        @((Get-Command Get-EntraPhoto).Parameters['Identity'].ParameterSets.Values)[0].Position | Should -Be 0
    }

    It 'binds the pipeline whole to -InputObject, never a property to -Identity or -Path' {
        foreach ($command in 'Set-ADPhotoBulk', 'Find-ADPhotoMatch', 'Set-EntraPhotoBulk', 'Set-GooglePhotoBulk') {
            $parameters = (Get-Command -Name $command).Parameters
            @($parameters['InputObject'].ParameterSets.Values | Where-Object ValueFromPipeline).Count | Should -BeGreaterThan 0
            @($parameters['Identity'].ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count | Should -Be 0
            @($parameters['Path'].ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count | Should -Be 0
        }
    }
}
