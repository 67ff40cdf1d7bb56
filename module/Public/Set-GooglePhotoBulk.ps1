<#
.SYNOPSIS
    Sets the Google Workspace profile photos of many users at once, uploading only what changed: Set-ADPhotoBulk for Google Workspace, kept for existing scripts.

.DESCRIPTION
    Set-GooglePhotoBulk -Subject ... is Set-ADPhotoBulk -Directory (New-ADPhotoDirectory -Subject ...):
    it takes Set-ADPhotoBulk's parameters (-InputObject from the pipeline, -Path, -Identity,
    -Pattern, -BackupPath, -Force, -Size, -Quality, -MaxBytes, -Fit; Get-Help Set-ADPhotoBulk
    describes them) and the Google parameters of New-ADPhotoDirectory (-KeyFile, -Subject,
    -Customer, -Domain, -OrgUnit, -IncludeSuspended, -TokenUrl, -ApiUrl, -ThrottleLimit,
    -CaCertificate, -Insecure; Get-Help New-ADPhotoDirectory).

    The photos are uploaded through the Admin SDK Directory API (users.photos) by a service
    account with domain-wide delegation that acts as one of your administrators (-Subject).
    Each photo is converted to a 256x256 JPEG and compared with the user's photo; photos this
    module uploaded before are known by Google's photo etag, so unchanged ones are skipped
    without reading anything back. A photo the user set on their own profile would keep
    showing over an administrator's: it is backed up and removed, and the new photo uploaded
    again. Google's quota errors slow the whole run down with exponential backoff. The
    private key is read from -KeyFile by the native library only; it is never a parameter,
    never printed and never logged. Error ids end with ,Set-GooglePhotoBulk.

    Setup: enable the Admin SDK API for a Cloud project, create a service account with a JSON
    key, and in the Admin console (Security > API controls > Domain-wide delegation) allow its
    client ID the scope https://www.googleapis.com/auth/admin.directory.user.

.EXAMPLE
    Import-Csv .\photos.csv | Set-GooglePhotoBulk -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -WhatIf

    photos.csv has the columns mail,path. Shows what would be uploaded for each user and
    changes nothing.

.EXAMPLE
    Get-ChildItem \\fs1\photos\2026 -File | Set-GooglePhotoBulk -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -OrgUnit /Staff -Pattern '{employeeId}' -BackupPath D:\ADPhoto\google-2026

    Matches files named after the employee ID (E10423.jpg) to the staff, sets their photos
    and keeps the replaced ones in D:\ADPhoto\google-2026.

.INPUTS
    Import-Csv rows, Find-ADPhotoMatch results (ADPhoto.Match), System.IO.FileInfo, System.String.

.OUTPUTS
    ADPhoto.Result

.LINK
    Set-ADPhotoBulk

.LINK
    New-ADPhotoDirectory
#>
function Set-GooglePhotoBulk {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.Result')]
    param()

    dynamicparam {
        Get-ADPhotoServiceParameter -Service Google -Command Set-ADPhotoBulk -Exclude Attribute, LdifPath -Position @{ Path = 0 }
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
        Invoke-ADPhotoSet -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -ShouldProcess $confirm -PlanOnly ([bool]$WhatIfPreference) -Service Google
    }
}
