<#
.SYNOPSIS
    Gets users' Microsoft 365 (Entra ID) profile photos through Microsoft Graph.

.DESCRIPTION
    Get-EntraPhoto is Get-ADPhoto for Microsoft 365. It looks the users up by
    userPrincipalName, mail, object id or employeeId (twenty per Graph $batch) and returns
    one ADPhoto.DirectoryPhoto object per user with the photo's bytes. A user without a
    photo (Graph's 404 ImageNotFound) or that does not exist is a non-terminating error
    (ADPhoto.NoPhoto, ADPhoto.NotFound) with the user as TargetObject.

    The app registration needs User.Read.All (or ProfilePhoto.Read.All) application
    permission; the secret or certificate is handed to the native library only.

.PARAMETER Identity
    The users: userPrincipalName, mail, object id or employeeId. Accepts pipeline input,
    and Import-Csv rows with a UserPrincipalName, mail, Id or EmployeeID column.

.PARAMETER TenantId
    The tenant: its id or a verified domain (contoso.onmicrosoft.com).

.PARAMETER ClientId
    The app registration's application (client) id (or the user name of -Credential).

.PARAMETER ClientSecret
    The app's client secret, as a SecureString.

.PARAMETER Credential
    The application id as user name and the client secret as password.

.PARAMETER CertificatePath
    Sign in with the app's certificate: a PEM file (certificate and private key) or a PFX.

.PARAMETER CertificatePassword
    The PFX password, as a SecureString.

.PARAMETER Environment
    The Microsoft cloud: Global (default), USGov, USGovDoD or China.

.PARAMETER LoginUrl
    The sign-in endpoint, replacing the cloud's.

.PARAMETER GraphUrl
    The Graph endpoint, replacing the cloud's.

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
    Set-EntraPhotoBulk

.LINK
    Remove-EntraPhoto
#>
function Get-EntraPhoto {
    [CmdletBinding()]
    [OutputType('ADPhoto.DirectoryPhoto')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('UserPrincipalName', 'mail', 'Id', 'ObjectId', 'EmployeeID', 'AD_user', 'User')]
        [string[]]$Identity,

        [Parameter(Mandatory = $true)]
        [string]$TenantId,

        [Parameter()]
        [string]$ClientId,

        [Parameter()]
        [System.Security.SecureString]$ClientSecret,

        [Parameter()]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter()]
        [string]$CertificatePath,

        [Parameter()]
        [System.Security.SecureString]$CertificatePassword,

        [Parameter()]
        [ValidateSet('Global', 'USGov', 'USGovDoD', 'China')]
        [string]$Environment = 'Global',

        [Parameter()]
        [string]$LoginUrl,

        [Parameter()]
        [string]$GraphUrl
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
            $directory = ConvertTo-EntraPhotoDirectoryRequest -BoundParameters $PSBoundParameters
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $tenant = $directory['tenant']
        $request = [ordered]@{ task = 'get'; directory = $directory; identities = $identities.ToArray() }
        $directory = $null

        Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Get-EntraPhoto' -TargetObject $tenant -EventName 'item' | ForEach-Object {
            $jobEvent = $_
            if ($jobEvent.photo) {
                $bytes = [System.Convert]::FromBase64String("$($jobEvent.photo)")
                [pscustomobject]@{
                    PSTypeName = 'ADPhoto.DirectoryPhoto'
                    User       = $jobEvent.user
                    DN         = $jobEvent.dn
                    Attribute  = 'photo'
                    Length     = $bytes.Length
                    Bytes      = $bytes
                    Key        = $jobEvent.key
                }
            } else {
                $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind 'no-photo'
                if ($null -eq $problem) {
                    $reason = "$($jobEvent.reason)"
                    if (-not $reason) {
                        $reason = 'has no photo'
                    }
                    $problem = [pscustomobject]@{ Kind = 'no-photo'; Message = $reason }
                }
                $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
            }
        }
    }
}
