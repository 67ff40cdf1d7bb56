<#
.SYNOPSIS
    Saves every user's photo from Active Directory (or another LDAP directory), Microsoft 365 or Google Workspace into a folder, with a CSV that maps users to files.

.DESCRIPTION
    Export-ADPhoto reads the photo of every user of the directory (in Active Directory the
    attribute, thumbnailPhoto by default, of the users under -SearchBase, optionally narrowed
    by -LdapFilter; in Microsoft 365 and Google Workspace the profile photo) and writes each
    photo to
    <OutputPath>\<user>.jpg, exactly as stored, plus photos.csv (Identity,Path, with paths
    relative to the folder; adphoto set --map reads it back): a copy of the directory's
    photos to keep before a big change, or to move them to another directory. The objects
    it returns (User, Path) pipe straight into Set-ADPhotoBulk.

    The directory is -Directory (New-ADPhotoDirectory), or Active Directory described by
    New-ADPhotoDirectory's parameters given here directly: -Server, -Credential, -SearchBase,
    -LdapFilter, -IncludeDisabled, -StartTls, -Insecure, -CaCertificate, -ThrottleLimit.

    It asks before writing into the folder (ShouldProcess; -WhatIf writes nothing). A user
    whose photo cannot be saved is reported as a non-terminating error
    (ADPhoto.ExportFailed,Export-ADPhoto) and the others are saved.

    -Attribute, for Active Directory only: thumbnailPhoto (default) or jpegPhoto.

.PARAMETER OutputPath
    The folder to write the photos and photos.csv into (created if missing).

.PARAMETER Directory
    The directory: an ADPhoto.Directory from New-ADPhotoDirectory.

.EXAMPLE
    Export-ADPhoto -OutputPath D:\ADPhoto\before-2026 -Server dc1.school.org

    Saves every photo of the domain, and photos.csv, before the new school year's photos go in.

.EXAMPLE
    Export-ADPhoto -OutputPath .\staff -Server dc1.school.org -SearchBase 'OU=Staff,DC=school,DC=org' -Attribute jpegPhoto

    Saves the staff's large photos.

.EXAMPLE
    Export-ADPhoto -OutputPath D:\ADPhoto\m365-before -Directory (New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -Credential $app)

    Microsoft 365: saves every profile photo of the tenant.

.EXAMPLE
    Export-ADPhoto -OutputPath D:\ADPhoto\google-before -Directory (New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org -OrgUnit /Staff)

    Google Workspace: saves the staff's profile photos.

.EXAMPLE
    Export-ADPhoto -OutputPath .\old -Server dc1.old.org | Set-ADPhotoBulk -Server dc1.new.org -WhatIf

    Copies the photos from one directory to another (users paired by name), checking the plan first.

.OUTPUTS
    ADPhoto.ExportedPhoto: User, DN, Path, Length.

.NOTES
    The folder may hold personal data: keep it somewhere only administrators can read.

.LINK
    Get-ADPhoto
#>
function Export-ADPhoto {
    [CmdletBinding(DefaultParameterSetName = 'Server', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.ExportedPhoto')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$OutputPath,

        [Parameter(Mandatory = $true, ParameterSetName = 'Directory')]
        [PSTypeName('ADPhoto.Directory')]
        [object]$Directory
    )

    dynamicparam {
        Get-ADPhotoServiceParameter -Service ActiveDirectory -ParameterSetName Server -WithAttribute
    }

    end {
        try {
            $folder = Resolve-ADPhotoPath -Path $OutputPath
            $source = ConvertTo-ADPhotoUsersRequest -BoundParameters $PSBoundParameters
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        if (-not $PSCmdlet.ShouldProcess($folder, "Save every $($source.Photo) of $($source.Label) as <user>.jpg, with photos.csv")) {
            return
        }
        $request = [ordered]@{ task = 'export'; directory = $source.Users; out_dir = $folder }
        Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Export-ADPhoto' -TargetObject $source.Label -EventName 'item' -ProgressActivity 'Export-ADPhoto' -ProgressStatus "user(s) done, photos saved in $folder" | ForEach-Object {
            $jobEvent = $_
            $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind 'export-failed'
            if ($problem) {
                $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -ErrorId 'ADPhoto.ExportFailed' -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
                return
            }
            [pscustomobject]@{
                PSTypeName = 'ADPhoto.ExportedPhoto'
                User       = $jobEvent.user
                DN         = $jobEvent.dn
                Path       = $jobEvent.path
                Length     = $jobEvent.bytes
            }
        }
    }
}
