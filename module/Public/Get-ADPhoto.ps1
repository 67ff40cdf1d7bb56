<#
.SYNOPSIS
    Gets users' photos from Active Directory or another LDAP directory.

.DESCRIPTION
    Get-ADPhoto looks up each user (sAMAccountName, userPrincipalName, mail, employeeID or
    distinguished name; searched for literally, so a name such as '*)(uid=*' matches nobody)
    and returns the photo stored in the attribute (thumbnailPhoto by default) as bytes.
    All the users given or piped are read over one connection.

    A user who cannot be found, or who has no photo, is reported as a non-terminating error
    (ADPhoto.NotFound, ADPhoto.NoPhoto, ...) with the user as TargetObject, and the others
    are returned. It changes nothing and writes no file: pipe to ConvertTo-ADPhoto -OutFile,
    or use Export-ADPhoto for every photo at once.

.PARAMETER Identity
    The users: sAMAccountName, userPrincipalName, mail, employeeID or distinguished name.
    Accepts strings and objects with an AD_user, SamAccountName, UserPrincipalName, mail,
    EmployeeID, User or DistinguishedName property (Get-ADUser output, Import-Csv rows).

.PARAMETER Server
    The directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    ldap://host with -StartTls (or -Insecure). Default: the current user's domain.

.PARAMETER Credential
    The account to sign in with. Without it, the current user's Kerberos ticket is used.

.PARAMETER SearchBase
    Where to look for the users (default: the whole domain).

.PARAMETER Attribute
    thumbnailPhoto (default) or jpegPhoto.

.PARAMETER StartTls
    Upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Allow an unencrypted ldap:// connection (the password travels in the clear).

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) instead of the system's.

.EXAMPLE
    Get-ADPhoto -Identity jsmith -Server dc1.school.org

    Returns John Smith's thumbnailPhoto: User, DN, Attribute, Length and the Bytes.

.EXAMPLE
    Get-ADPhoto -Identity jsmith -Server dc1.school.org | ConvertTo-ADPhoto -Size 96 -OutFile .\jsmith.jpg

    Saves the photo to a file (converted again, so the file is a clean 96x96 JPEG).

.EXAMPLE
    Import-Csv .\photos.csv | Get-ADPhoto -Server dc1.school.org -ErrorAction SilentlyContinue | Measure-Object -Property Length -Sum

    Adds up the bytes the users of a CSV (AD_user column) already have in the directory.

.INPUTS
    System.String, or objects with an identity property (Get-ADUser output, Import-Csv rows).

.OUTPUTS
    ADPhoto.DirectoryPhoto: User, DN, Attribute, Length, Bytes, Key (objectGUID or entryUUID).

.NOTES
    Reads only. The photo is returned exactly as stored.

.LINK
    Export-ADPhoto
#>
function Get-ADPhoto {
    [CmdletBinding()]
    [OutputType('ADPhoto.DirectoryPhoto')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName')]
        [string[]]$Identity,

        [Parameter()]
        [string]$Server,

        [Parameter()]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter()]
        [string]$SearchBase,

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

    begin {
        $identities = New-Object System.Collections.Generic.List[string]
    }

    process {
        Add-ADPhotoIdentity -List $identities -Identity $Identity
    }

    end {
        if ($identities.Count -eq 0) {
            return
        }
        try {
            $directory = ConvertTo-ADPhotoDirectoryRequest -BoundParameters $PSBoundParameters -Attribute $Attribute
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $request = [ordered]@{ task = 'get'; directory = $directory; identities = $identities.ToArray() }

        Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Get-ADPhoto' -TargetObject $directory['server'] -EventName 'item' | ForEach-Object {
            $jobEvent = $_
            if ($jobEvent.photo) {
                $bytes = [System.Convert]::FromBase64String("$($jobEvent.photo)")
                [pscustomobject]@{
                    PSTypeName = 'ADPhoto.DirectoryPhoto'
                    User       = $jobEvent.user
                    DN         = $jobEvent.dn
                    Attribute  = $Attribute
                    Length     = $bytes.Length
                    Bytes      = $bytes
                    Key        = $jobEvent.key
                }
            } else {
                $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind 'no-photo'
                if ($null -eq $problem) {
                    $reason = "$($jobEvent.reason)"
                    if (-not $reason) {
                        $reason = "has no $Attribute"
                    }
                    $problem = [pscustomobject]@{ Kind = 'no-photo'; Message = $reason }
                }
                $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
            }
        }
    }
}
