<#
.SYNOPSIS
    Gets users' Microsoft 365 (Entra ID) profile photos through Microsoft Graph: Get-ADPhoto for Microsoft 365, kept for existing scripts.

.DESCRIPTION
    Get-EntraPhoto -TenantId ... is Get-ADPhoto -Directory (New-ADPhotoDirectory -TenantId ...):
    it takes Get-ADPhoto's -Identity and the Microsoft 365 parameters of New-ADPhotoDirectory
    (-TenantId, -ClientId, -ClientSecret, -Credential, -CertificatePath, -CertificatePassword,
    -Environment, -LoginUrl, -GraphUrl, -IncludeDisabled, -ThrottleLimit, -CaCertificate,
    -Insecure), which Get-Help New-ADPhotoDirectory describes.

    It looks the users up by userPrincipalName, mail, object id or employeeId (twenty per
    Graph $batch) and returns one ADPhoto.DirectoryPhoto object per user with the photo's
    bytes. A user without a photo (Graph's 404 ImageNotFound) or that does not exist is a
    non-terminating error (ADPhoto.NoPhoto,Get-EntraPhoto, ADPhoto.NotFound,Get-EntraPhoto)
    with the user as TargetObject. The app registration needs User.Read.All (or
    ProfilePhoto.Read.All) application permission; the secret or certificate is handed to the
    native library only.

.EXAMPLE
    Get-EntraPhoto jsmith@contoso.com -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret (Read-Host -AsSecureString) | ForEach-Object { [System.IO.File]::WriteAllBytes("C:\photos\$($_.User).jpg", $_.Bytes) }

    Saves the user's photo to a file.

.EXAMPLE
    Import-Csv .\staff.csv | Get-EntraPhoto -TenantId contoso.onmicrosoft.com -Credential $app | Select-Object User, Length

    The size of each staff member's photo (staff.csv has a mail column).

.INPUTS
    System.String, or objects with a UserPrincipalName, mail, Id or EmployeeID property.

.OUTPUTS
    ADPhoto.DirectoryPhoto: User, DN, Attribute, Length, Bytes, Key (the object id).

.LINK
    Get-ADPhoto

.LINK
    New-ADPhotoDirectory
#>
function Get-EntraPhoto {
    [CmdletBinding()]
    [OutputType('ADPhoto.DirectoryPhoto')]
    param()

    dynamicparam {
        Get-ADPhotoServiceParameter -Service Entra -Command Get-ADPhoto -Exclude Attribute -Position @{ Identity = 0 }
    }

    begin {
        $identities = New-Object System.Collections.Generic.List[string]
    }

    process {
        Add-ADPhotoIdentity -List $identities -Identity $PSBoundParameters['Identity']
    }

    end {
        if ($identities.Count -gt 0) {
            Invoke-ADPhotoGet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $identities.ToArray() -Service Entra
        }
    }
}
