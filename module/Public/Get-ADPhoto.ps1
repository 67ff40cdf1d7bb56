<#
.SYNOPSIS
    Gets users' photos from Active Directory (or another LDAP directory), Microsoft 365 or Google Workspace.

.DESCRIPTION
    Get-ADPhoto looks up each user and returns the photo stored for them as bytes: in Active
    Directory the attribute (thumbnailPhoto by default), in Microsoft 365 the profile photo,
    in Google Workspace the profile photo. Users are found by sAMAccountName,
    userPrincipalName, mail, employeeID or distinguished name (Active Directory; searched for
    literally, so a name such as '*)(uid=*' matches nobody), by userPrincipalName, mail,
    object id or employeeId (Microsoft 365), or by primary email, alias, user id or employee
    id (Google). All the users given or piped are read in one job.

    The directory is -Directory (New-ADPhotoDirectory), or Active Directory described by
    New-ADPhotoDirectory's parameters given here directly: -Server, -Credential, -SearchBase,
    -LdapFilter, -IncludeDisabled, -StartTls, -Insecure, -CaCertificate, -ThrottleLimit
    (Get-ADPhoto -Server dc1.school.org ..., as in earlier releases).

    A user who cannot be found, or who has no photo, is reported as a non-terminating error
    (FullyQualifiedErrorId ADPhoto.NotFound,Get-ADPhoto or ADPhoto.NoPhoto,Get-ADPhoto) with
    the user as TargetObject, and the others are returned. It changes nothing and writes no
    file: pipe to ConvertTo-ADPhoto -OutFile, or use Export-ADPhoto for every photo at once.

    -Attribute, for Active Directory only: thumbnailPhoto (default) or jpegPhoto.

.PARAMETER Identity
    The users. Accepts strings and objects with an AD_user, SamAccountName, UserPrincipalName,
    mail, EmployeeID, User, DistinguishedName, Id, ObjectId or PrimaryEmail property (Get-ADUser
    output, Import-Csv rows).

.PARAMETER Directory
    The directory to read from: an ADPhoto.Directory from New-ADPhotoDirectory (Active
    Directory, Microsoft 365 or Google Workspace).

.EXAMPLE
    Get-ADPhoto -Identity jsmith -Server dc1.school.org

    Active Directory: returns John Smith's thumbnailPhoto (User, DN, Attribute, Length and the Bytes).

.EXAMPLE
    Get-ADPhoto -Identity jsmith@contoso.com -Directory (New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -Credential $app) | ForEach-Object { [System.IO.File]::WriteAllBytes("C:\photos\$($_.User).jpg", $_.Bytes) }

    Microsoft 365: saves the user's profile photo to a file ($app: the application id and its secret).

.EXAMPLE
    Import-Csv .\staff.csv | Get-ADPhoto -Directory (New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org) -ErrorAction SilentlyContinue | Select-Object User, Length

    Google Workspace: the size of each staff member's photo (staff.csv has a mail column).

.EXAMPLE
    Get-ADPhoto -Identity jsmith -Server dc1.school.org | ConvertTo-ADPhoto -Size 96 -OutFile .\jsmith.jpg

    Saves the photo to a file (converted again, so the file is a clean 96x96 JPEG).

.INPUTS
    System.String, or objects with an identity property (Get-ADUser output, Import-Csv rows).

.OUTPUTS
    ADPhoto.DirectoryPhoto: User, DN, Attribute, Length, Bytes, Key (objectGUID or entryUUID,
    the Microsoft 365 object id or the Google user id).

.NOTES
    Reads only. The photo is returned exactly as stored.

.LINK
    New-ADPhotoDirectory

.LINK
    Export-ADPhoto
#>
function Get-ADPhoto {
    [CmdletBinding(DefaultParameterSetName = 'Server')]
    [OutputType('ADPhoto.DirectoryPhoto')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
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
        if ($identities.Count -gt 0) {
            Invoke-ADPhotoGet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $identities.ToArray()
        }
    }
}
