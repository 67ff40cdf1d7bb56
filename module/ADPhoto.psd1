@{
    RootModule           = 'ADPhoto.psm1'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '26124fb9-b470-4142-80fe-6aa0304cd6cc'
    Author               = 'The ADPhoto authors'
    CompanyName          = 'ADPhoto'
    Copyright            = '(c) The ADPhoto authors. MIT License.'
    Description          = 'Bulk user photos for Active Directory and LDAP, Microsoft 365 and Google Workspace (every command on each, with New-ADPhotoDirectory): converts portraits into square, upright, small JPEGs, matches files to users, shows the plan (-WhatIf), writes only what changed, backs up what it replaces and can undo a run. A thin face over the native ADPhoto library.'
    PowerShellVersion    = '5.1'

    FunctionsToExport    = @(
        'ConvertTo-ADPhoto'
        'Export-ADPhoto'
        'Find-ADPhotoMatch'
        'Get-ADPhoto'
        'Get-ADPhotoReport'
        'Get-EntraPhoto'
        'Install-AccountPictureTask'
        'New-ADPhotoDirectory'
        'Remove-ADPhoto'
        'Remove-EntraPhoto'
        'Restore-ADPhoto'
        'Set-ADPhotoBulk'
        'Set-EntraPhotoBulk'
        'Set-GooglePhotoBulk'
        'Sync-AccountPicture'
        'Sync-ADPhoto'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('ActiveDirectory', 'AD', 'LDAP', 'thumbnailPhoto', 'jpegPhoto', 'Photo', 'Bulk', 'Windows', 'Linux', 'MacOS', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://github.com/adphoto/adphoto/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/adphoto/adphoto'
            ReleaseNotes = @'
0.1.0
- First release of the module: ConvertTo-ADPhoto, Find-ADPhotoMatch, Set-ADPhotoBulk,
  Get-ADPhoto, Export-ADPhoto, Remove-ADPhoto, Restore-ADPhoto, Get-ADPhotoReport.
- Set-ADPhotoBulk takes Import-Csv rows (AD_user,path_to_file / mail,path / ...),
  Find-ADPhotoMatch results or Get-ChildItem files; -WhatIf prints the plan, -Confirm asks
  per user; only changed photos are written, each replaced photo is backed up first.
- Windows PowerShell 5.1 and PowerShell 7+ on Windows, Linux and macOS.
'@
        }
    }
}
