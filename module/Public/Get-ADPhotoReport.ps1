<#
.SYNOPSIS
    Lists who has a photo in the directory and who has not, with sizes.

.DESCRIPTION
    Get-ADPhotoReport reads every user under -SearchBase (optionally narrowed by
    -LdapFilter) with one paged search and returns one row per user: whether the photo
    attribute is set, its size in bytes and its width and height in pixels. The totals
    (users, with and without a photo, bytes) go to the verbose stream.

    Pipe the rows to Export-Csv for a spreadsheet, or to Where-Object to find the users who
    still need a photo. It reads only.

.PARAMETER Server
    The directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    ldap://host with -StartTls (or -Insecure). Default: the current user's domain.

.PARAMETER Credential
    The account to sign in with. Without it, the current user's Kerberos ticket is used.

.PARAMETER SearchBase
    Whose photos: the users under this container (default: the whole domain).

.PARAMETER LdapFilter
    An extra LDAP filter for the users, for example '(department=Science)'.

.PARAMETER IncludeDisabled
    Include disabled accounts (skipped by default).

.PARAMETER Attribute
    thumbnailPhoto (default) or jpegPhoto.

.PARAMETER StartTls
    Upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Allow an unencrypted ldap:// connection (the password travels in the clear).

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) instead of the system's.

.EXAMPLE
    Get-ADPhotoReport -Server dc1.school.org | Where-Object { -not $_.HasPhoto } | Select-Object User, DN

    Who still has no photo.

.EXAMPLE
    Get-ADPhotoReport -Server dc1.school.org -SearchBase 'OU=Staff,DC=school,DC=org' | Export-Csv .\photo-report.csv -NoTypeInformation

    The staff's photos as a spreadsheet (User, DN, HasPhoto, Length, Width, Height).

.EXAMPLE
    Get-ADPhotoReport -Server dc1.school.org | Measure-Object -Property Length -Sum -Maximum

    How many bytes of photos every domain controller replicates, and the largest one.

.OUTPUTS
    ADPhoto.ReportRow: User, DN, HasPhoto, Length, Width, Height, Attribute.

.NOTES
    Large directories are read in pages, so Active Directory's 1000-entry limit does not apply.

.LINK
    Set-ADPhotoBulk
#>
function Get-ADPhotoReport {
    [CmdletBinding()]
    [OutputType('ADPhoto.ReportRow')]
    param(
        [Parameter(Position = 0)]
        [string]$Server,

        [Parameter()]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter()]
        [string]$SearchBase,

        [Parameter()]
        [string]$LdapFilter,

        [Parameter()]
        [switch]$IncludeDisabled,

        [Parameter()]
        [ValidateSet('thumbnailPhoto', 'jpegPhoto')]
        [string]$Attribute = 'thumbnailPhoto',

        [Parameter()]
        [switch]$StartTls,

        [Parameter()]
        [switch]$Insecure,

        [Parameter()]
        [string]$CaCertificate
    )

    try {
        $directory = ConvertTo-ADPhotoDirectoryRequest -BoundParameters $PSBoundParameters -Attribute $Attribute
    } catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
    $request = [ordered]@{ task = 'report'; directory = $directory }

    $rows = 0
    $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
    Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Get-ADPhotoReport' -TargetObject $directory['server'] -EventName 'row' -ProgressActivity 'Get-ADPhotoReport' | ForEach-Object {
        $jobEvent = $_
        $rows++
        Write-ADPhotoProgress -Activity 'Get-ADPhotoReport' -Status "$rows user(s) read" -Throttle $progressWatch
        [pscustomobject]@{
            PSTypeName = 'ADPhoto.ReportRow'
            User       = $jobEvent.user
            DN         = $jobEvent.dn
            HasPhoto   = [bool]$jobEvent.has_photo
            Length     = $jobEvent.bytes
            Width      = $jobEvent.width
            Height     = $jobEvent.height
            Attribute  = $Attribute
        }
    }
}
