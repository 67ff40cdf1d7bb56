<#
.SYNOPSIS
    Sets the photos of many users at once, in Active Directory (or any LDAP directory), Microsoft 365, Google Workspace or an LDIF file, writing only what changed.

.DESCRIPTION
    Set-ADPhotoBulk takes its work from the pipeline or from parameters:

    - Import-Csv rows that name a user and a file. The user column may be AD_user,
      SamAccountName, UserPrincipalName, mail, PrimaryEmail, EmployeeID, Id, ObjectId, User or
      Identity; the file column path_to_file, path, Path, FullName or File. Values are trimmed
      (CSV files have stray spaces). Relative paths are relative to the current location.
    - Find-ADPhotoMatch output: the files it matched. Files it found unmatched, ambiguous or
      duplicate are skipped with a warning, and users without a file are passed over, so
      Find-ADPhotoMatch | Set-ADPhotoBulk needs no filter.
    - Get-ChildItem output, plain strings (paths: 'C:\photos' | Set-ADPhotoBulk,
      Get-Content list.txt | Set-ADPhotoBulk), or -Path with files and folders: the files are
      matched to users by name with -Pattern (by default {sAMAccountName},
      {userPrincipalName}, {mail}, {employeeID}, {givenName}.{sn}). A file object is only ever
      a file: its other properties (such as its owner, User, on PowerShell 7.3+ for Linux
      and macOS) never name a user.

    The directory is -Directory (New-ADPhotoDirectory: Active Directory, Microsoft 365 or
    Google Workspace), or Active Directory described by New-ADPhotoDirectory's parameters
    given here directly: -Server, -Credential, -SearchBase, -LdapFilter, -IncludeDisabled,
    -StartTls, -Insecure, -CaCertificate, -ThrottleLimit (as in earlier releases). Without
    either, the current user's domain. For an offline run, the users come from a
    Get-ADUser | Export-Csv file (-UsersCsv) and the photos go to an LDIF file (-LdifPath)
    for ldifde -i or ldapmodify.

    All input is collected, then one run does the work, the way an administrator checks a
    change before making it:

    1. Plan: each photo is converted for the target (thumbnailPhoto: 96x96 and small;
       jpegPhoto: 648x648; Microsoft 365: 648x648; Google: 256x256) and compared byte for
       byte with the photo the user has now. Unchanged photos are skipped (nothing is sent);
       files that fit nobody, fit several users, or are not usable images are reported as
       errors with the user or file as TargetObject, and the rest go on.
    2. Confirm: each photo to write goes through ShouldProcess. -WhatIf prints the plan
       ("What if: Performing the operation "Set thumbnailPhoto (4711 bytes)" on target
       "jsmith"") and writes nothing; -Confirm asks for each user, and a user answered No
       comes back with Status Declined.
    3. Apply: the approved photos are written a few at a time (-ThrottleLimit), each
       replaced photo backed up first in the run folder (-BackupPath). A user whose write
       fails gets an ADPhoto.WriteFailed error; the others are written.

    One ADPhoto.Result object is returned per user or file as soon as it is settled
    (Status: Written, Unchanged, NoPhoto, Skipped, Declined, Failed, Cancelled). A failure of
    the whole run (cannot connect, wrong password) is a terminating error. Ctrl+C stops
    cleanly: writes not yet sent are not made, and the run folder lets a later run with the
    same -BackupPath resume.

    Errors: the FullyQualifiedErrorId of each error is its id, a comma and the command, for
    example ADPhoto.NoMatch,Set-ADPhotoBulk (ids: ADPhoto.NoMatch, ADPhoto.Ambiguous,
    ADPhoto.Duplicate, ADPhoto.MissingFile, ADPhoto.InvalidRow, ADPhoto.InvalidImage,
    ADPhoto.WriteFailed; a failure of the whole run ADPhoto.Connect, ADPhoto.NoTarget, ...).
    Compare with -like 'ADPhoto.NoMatch,*', or read the id alone with
    $_.FullyQualifiedErrorId.Split(',')[0].

    -Attribute, for Active Directory only: thumbnailPhoto (default; 96x96, at most 102400 bytes) or jpegPhoto (648x648).

.PARAMETER InputObject
    What the pipeline gives: Import-Csv rows, Find-ADPhotoMatch results, Export-ADPhoto
    results, files and folders (Get-ChildItem) or paths (strings).

.PARAMETER Path
    Photo files and folders to match to users by name, or with -Identity the one file of
    that user.

.PARAMETER Identity
    With -Path, or with a file piped in: the user the file is for (sAMAccountName,
    userPrincipalName, mail, employeeID, distinguished name or objectGUID; in Microsoft 365
    and Google the service's ids).

.PARAMETER Pattern
    Naming templates for matching files to users by name, tried in order:
    '{sAMAccountName}', '{givenName}.{sn}', 'photo-{employeeID}', any attribute.

.PARAMETER Directory
    The directory to write to: an ADPhoto.Directory from New-ADPhotoDirectory (Active
    Directory, Microsoft 365 or Google Workspace).

.PARAMETER UsersCsv
    Read the users from this CSV (Get-ADUser -Properties mail,employeeID | Export-Csv)
    instead of a directory; requires -LdifPath.

.PARAMETER Encoding
    The encoding of the -UsersCsv file when it has no byte-order mark, for example
    windows-1250 (Central Europe), windows-1251 (Cyrillic) or windows-1252 (Western).
    Without it, a file that is not UTF-8 has its encoding detected, with a warning.

.PARAMETER BackupPath
    The run folder: backups of the photos replaced and the journal of what was written
    (default: a dated folder under %LOCALAPPDATA%\ADPhoto\backups or ~/.local/share/adphoto/backups).
    Using the folder of an interrupted run resumes it. Undo with Restore-ADPhoto -BackupPath.

.PARAMETER Force
    Write every matched photo, even those the user already has.

.PARAMETER LdifPath
    Write the changes to this LDIF file instead of the directory (import it with
    ldifde -i -f FILE or ldapmodify -f FILE).

.PARAMETER Size
    Photo size in pixels, replacing the default (96 for thumbnailPhoto, 648 for Microsoft 365,
    256 for Google).

.PARAMETER Quality
    JPEG quality from 1 to 100 (default 90); lowered when needed to fit -MaxBytes.

.PARAMETER MaxBytes
    Byte budget per photo (thumbnailPhoto: 20 KB by default, never above 102400; Microsoft
    365 at most 4 MB; Google at most 2 MB).

.PARAMETER Fit
    crop (default): keep the centred square. pad: keep the whole picture, on white.

.EXAMPLE
    Import-Csv .\photos.csv | Set-ADPhotoBulk -Server dc1.school.org -WhatIf

    Active Directory: photos.csv has the columns AD_user,path_to_file. Prints what would be
    written for each user, reports unchanged photos and bad rows, and changes nothing.

.EXAMPLE
    Import-Csv .\photos.csv | Set-ADPhotoBulk -Server dc1.school.org -Credential (Get-Credential SCHOOL\photoadmin) -BackupPath D:\ADPhoto\2026-09

    The same run for real, signed in as a photo administrator, with the replaced photos
    kept in D:\ADPhoto\2026-09 (undo: Restore-ADPhoto -BackupPath D:\ADPhoto\2026-09).

.EXAMPLE
    Import-Csv .\staff.csv | Set-ADPhotoBulk -Directory (New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret $secret) -BackupPath D:\ADPhoto\m365-2026

    Microsoft 365: staff.csv has the columns UserPrincipalName,path; uploads the photos that
    changed, keeping the replaced ones.

.EXAMPLE
    Get-ChildItem \\fs1\photos\2026 -File | Set-ADPhotoBulk -Directory (New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org) -Pattern '{username}'

    Google Workspace: files named after the address before the @ (jsmith.jpg for jsmith@school.org).

.EXAMPLE
    Find-ADPhotoMatch -Path .\photos -Server dc1.school.org | Set-ADPhotoBulk -Server dc1.school.org -Confirm

    Checks the pairing first, then asks before each user's photo is written; files that
    matched nobody are skipped with a warning.

.EXAMPLE
    Set-ADPhotoBulk -Path .\photos -UsersCsv .\users.csv -LdifPath .\photos.ldif

    No reachable directory: writes an LDIF file to import later with ldifde -i -f photos.ldif.

.INPUTS
    Import-Csv rows, Find-ADPhotoMatch results (ADPhoto.Match), System.IO.FileInfo, System.String.

.OUTPUTS
    ADPhoto.Result: User, Status, Action, Reason, File, DN, Attribute, Bytes, CurrentBytes,
    Quality, Match, By, Suggestions, Warnings, ErrorKind, Error, Id.

.NOTES
    The photos are written by the native ADPhoto library (the same engine as the adphoto
    command line). Every error has the user (or the file, when no user fits it) as
    TargetObject. Where the run folder is goes to the verbose and information streams.

.LINK
    New-ADPhotoDirectory

.LINK
    Find-ADPhotoMatch

.LINK
    Restore-ADPhoto
#>
function Set-ADPhotoBulk {
    [CmdletBinding(DefaultParameterSetName = 'Server', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.Result')]
    param(
        # The pipeline binds here whole, never by property to -Path or -Identity: a file
        # object's User property (its owner) must not name a user (Resolve-ADPhotoInputRow).
        [Parameter(ValueFromPipeline = $true)]
        [object]$InputObject,

        [Parameter(Position = 0)]
        [Alias('FullName', 'path_to_file', 'File')]
        [string[]]$Path,

        [Parameter()]
        [string]$Identity,

        [Parameter()]
        [string[]]$Pattern,

        [Parameter(Mandatory = $true, ParameterSetName = 'Directory')]
        [PSTypeName('ADPhoto.Directory')]
        [object]$Directory,

        [Parameter(Mandatory = $true, ParameterSetName = 'Csv')]
        [string]$UsersCsv,

        [Parameter(ParameterSetName = 'Csv')]
        [string]$Encoding,

        [Parameter()]
        [string]$BackupPath,

        [Parameter()]
        [switch]$Force,

        [Parameter()]
        [string]$LdifPath,

        [Parameter()]
        [ValidateRange(16, 4096)]
        [int[]]$Size,

        [Parameter()]
        [ValidateRange(1, 100)]
        [int]$Quality,

        [Parameter()]
        [ValidateRange(1024, 268435456)]
        [long]$MaxBytes,

        [Parameter()]
        [ValidateSet('crop', 'pad')]
        [string]$Fit = 'crop'
    )

    dynamicparam {
        Get-ADPhotoServiceParameter -Service ActiveDirectory -ParameterSetName Server -WithAttribute
    }

    begin {
        $inputSet = New-ADPhotoInputSet
    }

    process {
        Add-ADPhotoInputRow -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters
    }

    end {
        # Each photo is confirmed here, by this command: -WhatIf and -Confirm are its own.
        $confirm = { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }.GetNewClosure()
        Invoke-ADPhotoSet -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -ShouldProcess $confirm -PlanOnly ([bool]$WhatIfPreference)
    }
}
