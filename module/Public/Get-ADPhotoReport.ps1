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
    $server = $directory['server']
    $request = [ordered]@{ task = 'report'; directory = $directory }

    $doneEvent = $null
    $rows = 0
    $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        Invoke-ADPhotoJob -Request $request | ForEach-Object {
            $jobEvent = $_
            switch ("$($jobEvent.event)") {
                'row' {
                    $rows++
                    if ($progressWatch.ElapsedMilliseconds -ge 250) {
                        Write-Progress -Activity 'Get-ADPhotoReport' -Status "$rows user(s) read"
                        $progressWatch.Reset()
                        $progressWatch.Start()
                    }
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
                'warning' { Write-Warning "$($jobEvent.message)" }
                'done' { $doneEvent = $jobEvent }
                default { Write-Debug "Event: $($jobEvent.event)" }
            }
        }
    } catch [System.Management.Automation.PipelineStoppedException] {
        throw
    } catch {
        $PSCmdlet.ThrowTerminatingError($_)
    } finally {
        Write-Progress -Activity 'Get-ADPhotoReport' -Completed
    }
    $failure = Get-ADPhotoJobError -DoneEvent $doneEvent -Activity 'Get-ADPhotoReport' -TargetObject $server
    if ($failure) {
        $PSCmdlet.ThrowTerminatingError($failure)
    }
}
