<#
.SYNOPSIS
    Undoes a run: puts back the photos that Set-ADPhotoBulk replaced or Remove-ADPhoto removed, from the run's backup folder.

.DESCRIPTION
    Every run that changes photos saves the previous ones first, in its run folder
    (-BackupPath of Set-ADPhotoBulk and Remove-ADPhoto), keyed by each user's objectGUID
    (entryUUID on OpenLDAP), with a manifest. Restore-ADPhoto finds each user by that key,
    so renamed and moved accounts are found too, and puts the saved photo back
    byte for byte; a user who had no photo before the run gets the run's photo removed.
    What a restore replaces is backed up in turn, in a new run folder.

    It first checks what would change (one read-only pass), then asks for each user
    (ShouldProcess; -WhatIf lists what would be restored and changes nothing), then
    restores only the users approved. Users already as saved are returned with Status
    Skipped. A user who can no longer be found, or whose backup file is damaged, is a
    non-terminating error (ADPhoto.NotFound, ADPhoto.BackupDamaged, ...).

.PARAMETER BackupPath
    The run folder to restore from (it holds manifest.jsonl).

.PARAMETER Identity
    Restore only these users (default: everyone in the backup). sAMAccountName, mail,
    distinguished name or objectGUID, as strings or piped objects.

.PARAMETER Server
    The directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    ldap://host with -StartTls (or -Insecure). Default: the current user's domain.

.PARAMETER Credential
    The account to sign in with. Without it, the current user's Kerberos ticket is used.

.PARAMETER SearchBase
    Where to look for the users (default: the whole domain).

.PARAMETER Attribute
    thumbnailPhoto (default) or jpegPhoto: the attribute whose backups are restored.

.PARAMETER StartTls
    Upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Allow an unencrypted ldap:// connection (the password travels in the clear).

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) instead of the system's.

.EXAMPLE
    Restore-ADPhoto -BackupPath D:\ADPhoto\2026-09 -Server dc1.school.org -WhatIf

    Lists whose photo the restore would put back; changes nothing.

.EXAMPLE
    Restore-ADPhoto -BackupPath D:\ADPhoto\2026-09 -Server dc1.school.org -Confirm:$false

    Undoes the whole run of Set-ADPhotoBulk -BackupPath D:\ADPhoto\2026-09.

.EXAMPLE
    Restore-ADPhoto -BackupPath D:\ADPhoto\2026-09 -Identity jsmith, awallace -Server dc1.school.org

    Puts back two users' previous photos only, asking for each.

.INPUTS
    System.String, or objects with an identity property (restore only those users).

.OUTPUTS
    ADPhoto.Result: User, Status (Restored, Skipped, Failed), Reason, DN, Attribute, Bytes, BackupPath.

.NOTES
    Restoring twice changes nothing the second time.

.LINK
    Set-ADPhotoBulk

.LINK
    Remove-ADPhoto
#>
function Restore-ADPhoto {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [Alias('RunFolder')]
        [string]$BackupPath,

        [Parameter(Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
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
        try {
            $folder = Resolve-ADPhotoPath -Path $BackupPath
            if (-not (Test-Path -LiteralPath (Join-Path -Path $folder -ChildPath 'manifest.jsonl') -PathType Leaf)) {
                throw (New-ADPhotoErrorRecord -Kind 'not-a-backup' -Category ObjectNotFound -TargetObject $folder -Message "$folder is not a run folder: it has no manifest.jsonl (give the -BackupPath of Set-ADPhotoBulk or Remove-ADPhoto).")
            }
            $directory = ConvertTo-ADPhotoDirectoryRequest -BoundParameters $PSBoundParameters -Attribute $Attribute
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $change = @{ Change = 'Restore'; Cmdlet = $PSCmdlet; TargetObject = $folder; Attribute = $Attribute; BackupPath = $folder }

        # Pass 1 (reads only): what the restore would change. Then ShouldProcess for each;
        # users already as saved come back as Skipped results.
        $approved = New-Object System.Collections.Generic.List[string]
        $check = [ordered]@{ task = 'restore'; directory = $directory; backup_dir = $folder; identities = $identities.ToArray(); what_if = $true }
        Get-ADPhotoPendingChange -Request $check @change | ForEach-Object {
            if ($_.PSObject.TypeNames -notcontains 'ADPhoto.PendingChange') {
                $_
            } elseif ($PSCmdlet.ShouldProcess($_.Target, $_.Action)) {
                # By its stable key (objectGUID or entryUUID): exactly this backup entry.
                $approved.Add($_.Key)
            }
        }
        if ($approved.Count -eq 0) {
            return
        }

        # Pass 2: restore the approved users.
        $request = [ordered]@{ task = 'restore'; directory = $directory; backup_dir = $folder; identities = $approved.ToArray(); what_if = $false }
        Invoke-ADPhotoChange -Request $request -Count $approved.Count @change
    }
}
