<#
.SYNOPSIS
    Removes users' photos from Active Directory (or another LDAP directory), Microsoft 365 or Google Workspace, backing each one up first.

.DESCRIPTION
    Remove-ADPhoto first looks up every user given or piped (one read-only pass) and then
    asks before each removal (ShouldProcess, ConfirmImpact High: PowerShell asks by default;
    -Confirm:$false does not ask, -WhatIf lists what would go and removes nothing). Only the
    users approved are changed. Before a photo is removed it is saved in the run folder
    (-BackupPath), so Restore-ADPhoto -BackupPath puts it back.

    The directory is -Directory (New-ADPhotoDirectory: Active Directory, Microsoft 365 or
    Google Workspace), or Active Directory described by New-ADPhotoDirectory's parameters
    given here directly: -Server, -Credential, -SearchBase, -LdapFilter, -IncludeDisabled,
    -StartTls, -Insecure, -CaCertificate, -ThrottleLimit (as in earlier releases).

    One ADPhoto.Result per user: Status Removed, Failed, Skipped (no photo to remove) or
    Declined (answered No); Action remove, or skip when there was nothing to do. A user who
    cannot be found is a non-terminating error (ADPhoto.NotFound,Remove-ADPhoto) with the
    user as TargetObject; a removal that fails is ADPhoto.RemoveFailed,Remove-ADPhoto. The
    others go on.

    -Attribute, for Active Directory only: thumbnailPhoto (default) or jpegPhoto.

.PARAMETER Identity
    The users: sAMAccountName, userPrincipalName, mail, employeeID or distinguished name
    (Microsoft 365: also the object id; Google: the primary email, an alias or the user id),
    as strings, Get-ADUser output or Import-Csv rows with an AD_user, SamAccountName, mail,
    ... column.

.PARAMETER BackupPath
    The folder to save the removed photos in (default: a dated folder under
    %LOCALAPPDATA%\ADPhoto\backups or ~/.local/share/adphoto/backups).

.PARAMETER Directory
    The directory: an ADPhoto.Directory from New-ADPhotoDirectory.

.EXAMPLE
    Remove-ADPhoto -Identity jsmith -Server dc1.school.org -BackupPath D:\ADPhoto\removed

    Active Directory: asks, then removes John Smith's thumbnailPhoto, keeping it in D:\ADPhoto\removed.

.EXAMPLE
    Import-Csv .\leavers.csv | Remove-ADPhoto -Directory $m365 -BackupPath D:\ADPhoto\leavers -Confirm:$false

    Microsoft 365 ($m365 = New-ADPhotoDirectory -TenantId ...): removes the leavers' profile
    photos without asking. Undo: Restore-ADPhoto -Directory $m365 -BackupPath D:\ADPhoto\leavers.

.EXAMPLE
    Remove-ADPhoto -Identity leaver@school.org -Directory (New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org) -WhatIf

    Google Workspace: says whose photo would be removed; removes nothing.

.INPUTS
    System.String, or objects with an identity property.

.OUTPUTS
    ADPhoto.Result: User, Status (Removed, Skipped, Failed, Declined), Action, Reason, DN,
    Attribute, Bytes, BackupPath.

.NOTES
    Identities are searched for literally: '*' or '*)(uid=*' match nobody.

.LINK
    Restore-ADPhoto

.LINK
    New-ADPhotoDirectory
#>
function Remove-ADPhoto {
    [CmdletBinding(DefaultParameterSetName = 'Server', SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName', 'Id', 'ObjectId', 'PrimaryEmail')]
        [string[]]$Identity,

        [Parameter()]
        [string]$BackupPath,

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
        if ($identities.Count -gt 0) {
            # Each user is confirmed here, by this command: -WhatIf and -Confirm are its own.
            $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
            Invoke-ADPhotoChangeRun -Change Remove -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $identities.ToArray() -ShouldProcess $confirm -PlanOnly ([bool]$WhatIfPreference)
        }
    }
}
