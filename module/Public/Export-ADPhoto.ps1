<#
.SYNOPSIS
    Saves every user's photo from the directory into a folder, with a CSV that maps users to files.

.DESCRIPTION
    Export-ADPhoto reads the photo attribute (thumbnailPhoto by default) of every user under
    -SearchBase (optionally narrowed by -LdapFilter) and writes each photo to
    <OutputPath>\<user>.jpg, exactly as stored, plus photos.csv (Identity,Path, with paths
    relative to the folder; adphoto set --map reads it back): a copy of the directory's
    photos to keep before a big change, or to move them to another directory. The objects
    it returns (User, Path) pipe straight into Set-ADPhotoBulk.

    It asks before writing into the folder (ShouldProcess; -WhatIf writes nothing). A user
    whose photo cannot be saved is reported as a non-terminating error
    (ADPhoto.ExportFailed) and the others are saved.

.PARAMETER OutputPath
    The folder to write the photos and photos.csv into (created if missing).

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
    Export-ADPhoto -OutputPath D:\ADPhoto\before-2026 -Server dc1.school.org

    Saves every photo of the domain, and photos.csv, before the new school year's photos go in.

.EXAMPLE
    Export-ADPhoto -OutputPath .\staff -Server dc1.school.org -SearchBase 'OU=Staff,DC=school,DC=org' -Attribute jpegPhoto

    Saves the staff's large photos.

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
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.ExportedPhoto')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$OutputPath,

        [Parameter()]
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
        $folder = Resolve-ADPhotoPath -Path $OutputPath
        $directory = ConvertTo-ADPhotoDirectoryRequest -BoundParameters $PSBoundParameters -Attribute $Attribute
    } catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
    $server = $directory['server']
    $scope = $server
    if ($directory['search_base']) {
        $scope = "$($directory['search_base']) on $server"
    }
    if (-not $PSCmdlet.ShouldProcess($folder, "Save every $Attribute of $scope as <user>.jpg, with photos.csv")) {
        return
    }
    $request = [ordered]@{ task = 'export'; directory = $directory; out_dir = $folder }

    $saved = 0
    $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
    Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Export-ADPhoto' -TargetObject $server -EventName 'item' -ProgressActivity 'Export-ADPhoto' | ForEach-Object {
        $jobEvent = $_
        $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind 'export-failed'
        if ($problem) {
            $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -ErrorId 'ADPhoto.ExportFailed' -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
        } else {
            $saved++
            Write-ADPhotoProgress -Activity 'Export-ADPhoto' -Status "$saved photo(s) saved in $folder" -Throttle $progressWatch
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
