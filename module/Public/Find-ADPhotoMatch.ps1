<#
.SYNOPSIS
    Pairs photo files with the users of Active Directory (or another LDAP directory), Microsoft 365 or Google Workspace and says who fits which file, changing nothing.

.DESCRIPTION
    Find-ADPhotoMatch reads the users once (from -Directory, from Active Directory with
    New-ADPhotoDirectory's parameters given here directly: -Server, -Credential,
    -SearchBase, -LdapFilter, -IncludeDisabled, -StartTls, -Insecure, -CaCertificate,
    -ThrottleLimit, or from a Get-ADUser | Export-Csv file with -UsersCsv) and matches every
    photo file to them by
    naming templates tried in order: by default {sAMAccountName}, {userPrincipalName},
    {mail}, {employeeID}, {givenName}.{sn}; give your own with -Pattern. Names compare
    without case, accents or surrounding spaces, and text after the first space of a file
    name is ignored when the whole name fits nobody ("John.Smith 648x648.jpg").

    It never guesses: a name that fits two users is "ambiguous", two files for one user are
    both "duplicate", a name that fits nobody is "unmatched" with the closest users in
    Suggestions. After the files, every user without a file is listed as "no-photo".

    Instead of files matched by name, pipe rows that name the user and the file
    (Import-Csv with AD_user,path_to_file or mail,path columns): each row is checked. Files
    (Get-ChildItem) and paths (strings) piped in are matched by name; a file object is only
    ever a file (see Set-ADPhotoBulk).

    The output pipes straight into Set-ADPhotoBulk, which writes the matched files and skips
    the others with a warning.

.PARAMETER InputObject
    What the pipeline gives: files and folders (Get-ChildItem), paths (strings), or rows
    with a file column (path_to_file, path, Path, FullName) and optionally a user column
    (AD_user, SamAccountName, UserPrincipalName, mail, EmployeeID, Identity, ...): rows with
    a user are checked as explicit pairs.

.PARAMETER Path
    Photo files and folders (searched recursively).

.PARAMETER Identity
    With one -Path file, or a file piped in: the user it is for (checked as a pair).

.PARAMETER Pattern
    Naming templates over user attributes, tried in order: '{sAMAccountName}',
    '{givenName}.{sn}', 'photo-{employeeID}', any attribute and literal text.

.PARAMETER Directory
    Where the users come from: an ADPhoto.Directory from New-ADPhotoDirectory (Active
    Directory, Microsoft 365 or Google Workspace).

.PARAMETER UsersCsv
    Read the users from this CSV (Get-ADUser -Properties mail,employeeID | Export-Csv)
    instead of the directory.

.PARAMETER Encoding
    The encoding of the -UsersCsv file when it has no byte-order mark, for example
    windows-1250 (Central Europe), windows-1251 (Cyrillic) or windows-1252 (Western).
    Without it, a file that is not UTF-8 has its encoding detected, with a warning.

.EXAMPLE
    Find-ADPhotoMatch -Path \\fs1\photos\2026 -Server dc1.school.org

    Lists every file with the user it fits (Match = matched, By = the template), then the
    users who have no file.

.EXAMPLE
    Find-ADPhotoMatch -Path .\photos -UsersCsv .\users.csv | Where-Object Match -ne 'matched' | Format-Table Match, File, Suggestions

    Shows only the problems, with the closest users for names that fit nobody.

.EXAMPLE
    Find-ADPhotoMatch -Path .\photos -Server dc1.school.org -Pattern '{sn}_{givenName}' | Set-ADPhotoBulk -Server dc1.school.org -WhatIf

    Checks the pairing first, then hands it to Set-ADPhotoBulk, which plans the matched
    files and warns about the others.

.EXAMPLE
    Find-ADPhotoMatch -Path .\photos -Directory (New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -Credential $app) -Pattern '{mail}'

    Microsoft 365: files named after the users' mail addresses.

.EXAMPLE
    Get-ChildItem .\photos -File | Find-ADPhotoMatch -Directory (New-ADPhotoDirectory -KeyFile C:\ADPhoto\sa.json -Subject admin@school.org) -Pattern '{username}'

    Google Workspace: files named after the address before the @.

.EXAMPLE
    Import-Csv .\photos.csv | Find-ADPhotoMatch -Server dc1.school.org

    Checks a mapping CSV (AD_user,path_to_file) against the directory: unknown users,
    missing files, two rows for one user.

.INPUTS
    System.IO.FileInfo, System.String, or objects with a path and optionally a user column (Import-Csv rows).

.OUTPUTS
    ADPhoto.Match: Match (matched, ambiguous, duplicate, unmatched, missing-file,
    invalid-row, no-photo), File, User, DN, By, Suggestions, Candidates, Others, Message.

.NOTES
    Nothing is written anywhere. Users are read once and matched in memory.

.LINK
    Set-ADPhotoBulk

.LINK
    New-ADPhotoDirectory
#>
function Find-ADPhotoMatch {
    [CmdletBinding(DefaultParameterSetName = 'Server')]
    [OutputType('ADPhoto.Match')]
    param(
        # The pipeline binds here whole (see Set-ADPhotoBulk and Resolve-ADPhotoInputRow).
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
        [string]$Encoding
    )

    dynamicparam {
        Get-ADPhotoServiceParameter -Service ActiveDirectory -ParameterSetName Server
    }

    begin {
        $inputSet = New-ADPhotoInputSet
    }

    process {
        Add-ADPhotoInputRow -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters
    }

    end {
        $source = ConvertTo-ADPhotoSourceRequest -InputSet $inputSet -Cmdlet $PSCmdlet -Pattern $Pattern -NoInputMessage 'No photos: give -Path (files or folders), or pipe Get-ChildItem output, paths or Import-Csv rows.'
        if ($null -eq $source) {
            return
        }
        try {
            $users = ConvertTo-ADPhotoUsersRequest -BoundParameters $PSBoundParameters
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $request = [ordered]@{ task = 'match'; users = $users.Users }
        foreach ($key in $source.Keys) {
            $request[$key] = $source[$key]
        }

        Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Find-ADPhotoMatch' -TargetObject $users.Label -EventName 'match' -ProgressActivity 'Find-ADPhotoMatch' -ProgressStatus 'file(s) and user(s) reported' | ForEach-Object {
            $jobEvent = $_
            [pscustomobject]@{
                PSTypeName  = 'ADPhoto.Match'
                Match       = $jobEvent.match
                File        = $jobEvent.file
                User        = $jobEvent.user
                DN          = $jobEvent.dn
                By          = $jobEvent.by
                Suggestions = @($jobEvent.suggestions | Where-Object { $_ })
                Candidates  = @($jobEvent.candidates | Where-Object { $_ })
                Others      = @($jobEvent.others | Where-Object { $_ })
                Message     = $jobEvent.message
            }
        }
    }
}
