<#
.SYNOPSIS
    Removes users' Microsoft 365 (Entra ID) profile photos through Microsoft Graph, each one backed up first: Remove-ADPhoto for Microsoft 365, kept for existing scripts.

.DESCRIPTION
    Remove-EntraPhoto -TenantId ... is Remove-ADPhoto -Directory (New-ADPhotoDirectory -TenantId ...):
    it takes Remove-ADPhoto's -Identity and -BackupPath and the Microsoft 365 parameters of
    New-ADPhotoDirectory (-TenantId, -ClientId, -ClientSecret, -Credential, -CertificatePath,
    -CertificatePassword, -Environment, -LoginUrl, -GraphUrl, -IncludeDisabled,
    -ThrottleLimit, -CaCertificate, -Insecure), which Get-Help New-ADPhotoDirectory describes.

    It first reads who exists and has a photo (nothing changes), asks ShouldProcess for each
    such user (ConfirmImpact High: PowerShell asks unless -Confirm:$false), then saves each
    approved user's photo in the run folder (-BackupPath, keyed by the object id) and deletes
    it from Microsoft 365. One ADPhoto.Result per user (Removed, Skipped, Failed, Declined).
    The app registration needs User.ReadWrite.All or ProfilePhoto.ReadWrite.All application
    permission. Undo: Restore-ADPhoto -Directory (New-ADPhotoDirectory -TenantId ...) -BackupPath.

.EXAMPLE
    Remove-EntraPhoto leaver@contoso.com -TenantId contoso.onmicrosoft.com -Credential $app -WhatIf

    Says whose photo would be removed; changes nothing.

.EXAMPLE
    Import-Csv .\leavers.csv | Remove-EntraPhoto -TenantId contoso.onmicrosoft.com -CertificatePath C:\secure\photo-app.pem -BackupPath D:\ADPhoto\leavers -Confirm:$false

    Removes the photos of everyone in leavers.csv (a UserPrincipalName column), keeping them in D:\ADPhoto\leavers.

.INPUTS
    System.String, or objects with a UserPrincipalName, mail, Id or EmployeeID property.

.OUTPUTS
    ADPhoto.Result

.LINK
    Remove-ADPhoto

.LINK
    New-ADPhotoDirectory
#>
function Remove-EntraPhoto {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ADPhoto.Result')]
    param()

    dynamicparam {
        Get-ADPhotoServiceParameter -Service Entra -Command Remove-ADPhoto -Exclude Attribute -Position @{ Identity = 0 }
    }

    begin {
        $identities = New-Object System.Collections.Generic.List[string]
    }

    process {
        Add-ADPhotoIdentity -List $identities -Identity $PSBoundParameters['Identity']
    }

    end {
        if ($identities.Count -gt 0) {
            # Each user is confirmed here, by this command: -WhatIf and -Confirm are its own.
            $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
            Invoke-ADPhotoChangeRun -Change Remove -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $identities.ToArray() -ShouldProcess $confirm -PlanOnly ([bool]$WhatIfPreference) -Service Entra
        }
    }
}
