<#
.SYNOPSIS
    Sets the Microsoft 365 (Entra ID) profile photos of many users at once through Microsoft Graph, uploading only what changed: Set-ADPhotoBulk for Microsoft 365, kept for existing scripts.

.DESCRIPTION
    Set-EntraPhotoBulk -TenantId ... is Set-ADPhotoBulk -Directory (New-ADPhotoDirectory -TenantId ...):
    it takes Set-ADPhotoBulk's parameters (-InputObject from the pipeline, -Path, -Identity,
    -Pattern, -BackupPath, -Force, -Size, -Quality, -MaxBytes, -Fit; Get-Help Set-ADPhotoBulk
    describes them) and the Microsoft 365 parameters of New-ADPhotoDirectory (-TenantId,
    -ClientId, -ClientSecret, -Credential, -CertificatePath, -CertificatePassword,
    -Environment, -LoginUrl, -GraphUrl, -IncludeDisabled, -ThrottleLimit, -CaCertificate,
    -Insecure; Get-Help New-ADPhotoDirectory).

    The same input, plan, ShouldProcess per photo, backups and results as Set-ADPhotoBulk,
    with the 648x648 photo (the largest size Outlook, Teams and SharePoint show) uploaded with
    PUT /users/{id}/photo/$value. The run signs in as an app registration with the
    User.ReadWrite.All or ProfilePhoto.ReadWrite.All application permission (admin consent
    granted). At most -ThrottleLimit uploads run at once (default 4, Exchange's limit per
    app); when Graph throttles (429 or 503), every upload pauses for exactly the Retry-After
    it gives. A replaced photo is backed up first in the run folder (-BackupPath); undo with
    Restore-ADPhoto -Directory (New-ADPhotoDirectory -TenantId ...) -BackupPath. Error ids end
    with ,Set-EntraPhotoBulk (ADPhoto.WriteFailed,Set-EntraPhotoBulk, ...).

.EXAMPLE
    $secret = Read-Host -AsSecureString 'Client secret'
    Import-Csv .\photos.csv | Set-EntraPhotoBulk -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret $secret -WhatIf

    photos.csv has the columns UserPrincipalName,path. Shows what would be uploaded and changes nothing.

.EXAMPLE
    Get-ChildItem \\fs1\photos\2026 -File | Set-EntraPhotoBulk -TenantId contoso.onmicrosoft.com -Credential (Get-Credential 11111111-2222-3333-4444-555555555555) -Pattern '{employeeID}' -BackupPath D:\ADPhoto\m365-2026

    Matches files named after the employee id to the tenant's users, uploads the photos that
    changed, and keeps the replaced ones in D:\ADPhoto\m365-2026.

.INPUTS
    Import-Csv rows, Find-ADPhotoMatch results (ADPhoto.Match), System.IO.FileInfo, System.String.

.OUTPUTS
    ADPhoto.Result

.LINK
    Set-ADPhotoBulk

.LINK
    New-ADPhotoDirectory
#>
function Set-EntraPhotoBulk {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.Result')]
    param()

    dynamicparam {
        Get-ADPhotoServiceParameter -Service Entra -Command Set-ADPhotoBulk -Exclude Attribute, LdifPath -Position @{ Path = 0 }
    }

    begin {
        $inputSet = New-ADPhotoInputSet
    }

    process {
        Add-ADPhotoInputRow -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters
    }

    end {
        # Each photo is confirmed here, by this command: -WhatIf and -Confirm are its own.
        $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
        Invoke-ADPhotoSet -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -ShouldProcess $confirm -PlanOnly ([bool]$WhatIfPreference) -Service Entra
    }
}
