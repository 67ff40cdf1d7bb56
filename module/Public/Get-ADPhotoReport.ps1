<#
.SYNOPSIS
    Lists who has a photo and who has not, with sizes, in Active Directory (or another LDAP directory), Microsoft 365 or Google Workspace.

.DESCRIPTION
    Get-ADPhotoReport reads every user of the directory (in Active Directory those under
    -SearchBase, optionally narrowed by -LdapFilter, with one paged search) and returns one
    row per user: whether the user has a photo, its size in bytes and its width and height
    in pixels. The totals (users, with and without a photo, bytes) go to the verbose stream.

    Pipe the rows to Export-Csv for a spreadsheet, or to Where-Object to find the users who
    still need a photo. It reads only.

    The directory is -Directory (New-ADPhotoDirectory), or Active Directory described by
    New-ADPhotoDirectory's parameters given here directly: -Server (also as the first
    positional argument), -Credential, -SearchBase, -LdapFilter, -IncludeDisabled, -StartTls,
    -Insecure, -CaCertificate, -ThrottleLimit.

    -Attribute, for Active Directory only: thumbnailPhoto (default) or jpegPhoto.

.PARAMETER Directory
    The directory: an ADPhoto.Directory from New-ADPhotoDirectory.

.EXAMPLE
    Get-ADPhotoReport -Server dc1.school.org | Where-Object { -not $_.HasPhoto } | Select-Object User, DN

    Who still has no photo.

.EXAMPLE
    Get-ADPhotoReport -Server dc1.school.org -SearchBase 'OU=Staff,DC=school,DC=org' | Export-Csv .\photo-report.csv -NoTypeInformation

    The staff's photos as a spreadsheet (User, DN, HasPhoto, Length, Width, Height).

.EXAMPLE
    Get-ADPhotoReport -Directory (New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -Credential $app) | Where-Object { -not $_.HasPhoto }

    Microsoft 365: who has no profile photo yet.

.EXAMPLE
    Get-ADPhotoReport -Directory (New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org) | Export-Csv .\google-photos.csv -NoTypeInformation

    Google Workspace: every user's photo, as a spreadsheet.

.EXAMPLE
    Get-ADPhotoReport -Server dc1.school.org | Measure-Object -Property Length -Sum -Maximum

    How many bytes of photos every domain controller replicates, and the largest one.

.OUTPUTS
    ADPhoto.ReportRow: User, DN, HasPhoto, Length, Width, Height, Attribute, ChangedElsewhere
    (the photo is not the one ADPhoto last wrote there: someone else changed it since).

.NOTES
    Large directories are read in pages, so Active Directory's 1000-entry limit does not apply.

.LINK
    Set-ADPhotoBulk
#>
function Get-ADPhotoReport {
    [CmdletBinding(DefaultParameterSetName = 'Server')]
    [OutputType('ADPhoto.ReportRow')]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Directory')]
        [PSTypeName('ADPhoto.Directory')]
        [object]$Directory
    )

    dynamicparam {
        # -Server stays the first positional argument (Get-ADPhotoReport dc1.school.org).
        Get-ADPhotoServiceParameter -Service ActiveDirectory -ParameterSetName Server -WithAttribute -Position @{ Server = 0 }
    }

    end {
        try {
            $source = ConvertTo-ADPhotoUsersRequest -BoundParameters $PSBoundParameters
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $request = [ordered]@{ task = 'report'; directory = $source.Users }
        Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Get-ADPhotoReport' -TargetObject $source.Label -EventName 'row' -ProgressActivity 'Get-ADPhotoReport' -ProgressStatus 'user(s) read' | ForEach-Object {
            $jobEvent = $_
            [pscustomobject]@{
                PSTypeName = 'ADPhoto.ReportRow'
                User       = $jobEvent.user
                DN         = $jobEvent.dn
                HasPhoto   = [bool]$jobEvent.has_photo
                Length     = $jobEvent.bytes
                Width      = $jobEvent.width
                Height     = $jobEvent.height
                Attribute  = $source.Photo
                # Someone else changed the photo since ADPhoto last wrote it.
                ChangedElsewhere = [bool]$jobEvent.changed_elsewhere
            }
        }
    }
}
