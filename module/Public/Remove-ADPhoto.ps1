<#
.SYNOPSIS
    Removes users' photos from the directory, backing each one up first.

.DESCRIPTION
    Remove-ADPhoto first looks up every user given or piped (one read-only pass) and then
    asks before each removal (ShouldProcess, ConfirmImpact High: PowerShell asks by default;
    -Confirm:$false does not ask, -WhatIf lists what would go and removes nothing). Only the
    users approved are changed. Before a photo is removed it is saved in the run folder
    (-BackupPath), so Restore-ADPhoto -BackupPath puts it back.

    A user who cannot be found is a non-terminating error (ADPhoto.NotFound, ...) with the
    user as TargetObject; a user without a photo is returned with Status Skipped. The
    others go on.

.PARAMETER Identity
    The users: sAMAccountName, userPrincipalName, mail, employeeID or distinguished name
    (strings, Get-ADUser output, Import-Csv rows with an AD_user, SamAccountName, mail, ... column).

.PARAMETER BackupPath
    The folder to save the removed photos in (default: a dated folder under
    %LOCALAPPDATA%\ADPhoto\backups or ~/.local/share/adphoto/backups).

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
    Remove-ADPhoto -Identity jsmith -Server dc1.school.org -BackupPath D:\ADPhoto\removed

    Asks, then removes John Smith's thumbnailPhoto, keeping it in D:\ADPhoto\removed.

.EXAMPLE
    Import-Csv .\leavers.csv | Remove-ADPhoto -Server dc1.school.org -WhatIf

    Lists whose photo would be removed (leavers.csv has an AD_user column); removes nothing.

.EXAMPLE
    Import-Csv .\leavers.csv | Remove-ADPhoto -Server dc1.school.org -BackupPath .\leavers-photos -Confirm:$false

    Removes them without asking. Undo: Restore-ADPhoto -BackupPath .\leavers-photos.

.INPUTS
    System.String, or objects with an identity property.

.OUTPUTS
    ADPhoto.Result: User, Status (Removed, Skipped, Failed), Reason, DN, Attribute, Bytes, BackupPath.

.NOTES
    Identities are searched for literally: '*' or '*)(uid=*' match nobody.

.LINK
    Restore-ADPhoto
#>
function Remove-ADPhoto {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName')]
        [string[]]$Identity,

        [Parameter()]
        [string]$BackupPath,

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
            $backupFolder = $null
            if ($BackupPath) {
                $backupFolder = Resolve-ADPhotoPath -Path $BackupPath
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $change = @{ Change = 'Remove'; Cmdlet = $PSCmdlet; TargetObject = $directory['server']; Attribute = $Attribute }

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

        # Pass 2: remove the approved photos, each backed up first.
        $request = [ordered]@{ task = 'remove'; directory = $directory; identities = $approved.ToArray(); what_if = $false }
        if ($backupFolder) {
            $request['backup_dir'] = $backupFolder
        }
        Invoke-ADPhotoChange -Request $request -BackupPath $backupFolder -Count $approved.Count @change
    }
}
