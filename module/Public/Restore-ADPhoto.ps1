<#
.SYNOPSIS
    Undoes a run: puts back the photos that Set-ADPhotoBulk replaced or Remove-ADPhoto removed, from the run's backup folder, in Active Directory, Microsoft 365 or Google Workspace.

.DESCRIPTION
    Every run that changes photos saves the previous ones first, in its run folder
    (-BackupPath of Set-ADPhotoBulk and Remove-ADPhoto), keyed by each user's stable id
    (objectGUID, entryUUID on OpenLDAP, the Microsoft 365 object id, the Google user id), with
    a manifest. Restore-ADPhoto finds each user by that key, so renamed and moved accounts are
    found too, and puts the saved photo back byte for byte; a user who had no photo before the
    run gets the run's photo removed. What a restore replaces is backed up in turn, in a new
    run folder. Restore from the directory the run changed: the same -Directory, or for
    Active Directory the same -Server, ... given here directly (New-ADPhotoDirectory's
    parameters: -Server, -Credential, -SearchBase, -LdapFilter, -IncludeDisabled, -StartTls,
    -Insecure, -CaCertificate, -ThrottleLimit).

    It first checks what would change (one read-only pass), then asks for each user
    (ShouldProcess; -WhatIf lists what would be restored and changes nothing), then restores
    only the users approved. One ADPhoto.Result per user: Status Restored, Failed, Skipped
    (already as saved) or Declined (answered No); Action restore, or skip. A user who can no
    longer be found, or whose backup file is damaged, is a non-terminating error
    (ADPhoto.NotFound,Restore-ADPhoto, ADPhoto.RestoreFailed,Restore-ADPhoto, ...).

    -Attribute, for Active Directory only: thumbnailPhoto (default) or jpegPhoto, the attribute whose backups are restored.

.PARAMETER BackupPath
    The run folder to restore from (it holds manifest.jsonl).

.PARAMETER Identity
    Restore only these users (default: everyone in the backup). sAMAccountName, mail,
    distinguished name, objectGUID (or the service's ids), as strings or piped objects.

.PARAMETER Directory
    The directory the run changed: an ADPhoto.Directory from New-ADPhotoDirectory.

.EXAMPLE
    Restore-ADPhoto -BackupPath D:\ADPhoto\2026-09 -Server dc1.school.org -WhatIf

    Active Directory: lists whose photo the restore would put back; changes nothing.

.EXAMPLE
    Restore-ADPhoto -BackupPath D:\ADPhoto\m365-2026 -Directory (New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -Credential $app) -Confirm:$false

    Microsoft 365: undoes the whole run of Set-ADPhotoBulk -BackupPath D:\ADPhoto\m365-2026.

.EXAMPLE
    Restore-ADPhoto -BackupPath D:\ADPhoto\google-2026 -Identity jsmith@school.org, awallace@school.org -Directory $google

    Google Workspace ($google = New-ADPhotoDirectory -KeyFile ... -Subject ...): puts back
    two users' previous photos only, asking for each.

.INPUTS
    System.String, or objects with an identity property (restore only those users).

.OUTPUTS
    ADPhoto.Result: User, Status (Restored, Skipped, Failed, Declined), Action, Reason, DN,
    Attribute, Bytes, BackupPath.

.NOTES
    Restoring twice changes nothing the second time.

.LINK
    Set-ADPhotoBulk

.LINK
    Remove-ADPhoto
#>
function Restore-ADPhoto {
    [CmdletBinding(DefaultParameterSetName = 'Server', SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [Alias('RunFolder')]
        [string]$BackupPath,

        [Parameter(Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName', 'Id', 'ObjectId', 'PrimaryEmail')]
        [string[]]$Identity,

        [Parameter(Mandatory = $true, ParameterSetName = 'Directory')]
        [PSTypeName('ADPhoto.Directory')]
        [object]$Directory
    )

    dynamicparam {
        Get-ADPhotoServiceParameter -Service ActiveDirectory -ParameterSetName Server -WithAttribute
    }

    begin {
        $identities = New-Object System.Collections.Generic.List[string]
    }

    process {
        Add-ADPhotoIdentity -List $identities -Identity $Identity
    }

    end {
        # Each user is confirmed here, by this command: -WhatIf and -Confirm are its own.
        $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
        Invoke-ADPhotoChangeRun -Change Restore -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $identities.ToArray() -ShouldProcess $confirm -PlanOnly ([bool]$WhatIfPreference)
    }
}
