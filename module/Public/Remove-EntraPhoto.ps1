<#
.SYNOPSIS
    Removes users' Microsoft 365 (Entra ID) profile photos through Microsoft Graph, each one backed up first.

.DESCRIPTION
    Remove-EntraPhoto is Remove-ADPhoto for Microsoft 365. It first reads who exists and
    has a photo (nothing changes), asks ShouldProcess for each such user (ConfirmImpact
    High: PowerShell asks unless -Confirm:$false), then saves each approved user's photo in
    the run folder (-BackupPath, keyed by the object id) and deletes it from Microsoft 365.
    Users without a photo come back as Skipped results. One ADPhoto.Result per user.

    The app registration needs User.ReadWrite.All or ProfilePhoto.ReadWrite.All
    application permission.

.PARAMETER Identity
    The users: userPrincipalName, mail, object id or employeeId (pipeline input, or
    Import-Csv rows with a UserPrincipalName, mail, Id or EmployeeID column).

.PARAMETER BackupPath
    Where the removed photos are saved (default: a dated folder under
    %LOCALAPPDATA%\ADPhoto\backups). Undo with adphoto graph restore --backup-dir.

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
    Get-EntraPhoto

.LINK
    Set-EntraPhotoBulk
#>
function Remove-EntraPhoto {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('UserPrincipalName', 'mail', 'Id', 'ObjectId', 'EmployeeID', 'AD_user', 'User')]
        [string[]]$Identity,

        [Parameter()]
        [string]$BackupPath,

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
            $backupFolder = $null
            if ($BackupPath) {
                $backupFolder = Resolve-ADPhotoPath -Path $BackupPath
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $change = @{ Change = 'Remove'; Cmdlet = $PSCmdlet; TargetObject = $directory['tenant']; Attribute = 'photo' }

        # Pass 1 (reads only): who exists and has a photo. Then ShouldProcess for each;
        # users without a photo come back as Skipped results.
        $approved = New-Object System.Collections.Generic.List[string]
        $check = [ordered]@{ task = 'remove'; directory = $directory; identities = $identities.ToArray(); what_if = $true }
        Get-ADPhotoPendingChange -Request $check @change | ForEach-Object {
            if ($_.PSObject.TypeNames -notcontains 'ADPhoto.PendingChange') {
                $_
            } elseif ($PSCmdlet.ShouldProcess($_.Target, $_.Action)) {
                $approved.Add($_.Key)
            }
        }
        if ($approved.Count -eq 0) {
            return
        }

        # Pass 2: remove the approved photos (named by object id), each backed up first.
        $request = [ordered]@{ task = 'remove'; directory = $directory; identities = $approved.ToArray(); what_if = $false }
        if ($backupFolder) {
            $request['backup_dir'] = $backupFolder
        }
        Invoke-ADPhotoChange -Request $request -BackupPath $backupFolder -Count $approved.Count @change
    }
}
