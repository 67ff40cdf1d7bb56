<#
.SYNOPSIS
    Pairs photo files with users and says who fits which file, changing nothing.

.DESCRIPTION
    Find-ADPhotoMatch reads the users once (from the directory with -Server, or from a
    Get-ADUser | Export-Csv file with -UsersCsv) and matches every photo file to them by
    naming templates tried in order: by default {sAMAccountName}, {userPrincipalName},
    {mail}, {employeeID}, {givenName}.{sn}; give your own with -Pattern. Names compare
    without case, accents or surrounding spaces, and text after the first space of a file
    name is ignored when the whole name fits nobody ("John.Smith 648x648.jpg").

    It never guesses: a name that fits two users is "ambiguous", two files for one user are
    both "duplicate", a name that fits nobody is "unmatched" with the closest users in
    Suggestions. After the files, every user without a file is listed as "no-photo".

    Instead of files matched by name, pipe rows that name the user and the file
    (Import-Csv with AD_user,path_to_file or mail,path columns): each row is checked.

    The output pipes straight into Set-ADPhotoBulk (User and File bind by property name).

.PARAMETER Path
    Photo files and folders (searched recursively). Accepts Get-ChildItem output (FullName)
    and CSV rows (path_to_file, path, Path, FullName columns).

.PARAMETER Identity
    The user a piped row names (AD_user, SamAccountName, UserPrincipalName, mail,
    EmployeeID or Identity column). Rows with a user are checked as explicit pairs.

.PARAMETER Pattern
    Naming templates over user attributes, tried in order: '{sAMAccountName}',
    '{givenName}.{sn}', 'photo-{employeeID}', any attribute and literal text.

.PARAMETER Server
    The directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    ldap://host with -StartTls (or -Insecure). Default: the current user's domain.

.PARAMETER Credential
    The account to sign in with. Without it, the current user's Kerberos ticket is used.

.PARAMETER SearchBase
    Where to look for users (default: the whole domain).

.PARAMETER LdapFilter
    An extra LDAP filter for the users, for example '(department=Science)'.

.PARAMETER IncludeDisabled
    Include disabled accounts (skipped by default).

.PARAMETER StartTls
    Upgrade a plain ldap:// connection with StartTLS.

.PARAMETER Insecure
    Allow an unencrypted ldap:// connection (the password travels in the clear).

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) instead of the system's.

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
    Find-ADPhotoMatch -Path .\photos -Server dc1.school.org -Pattern '{sn}_{givenName}' | Where-Object Match -eq 'matched' | Set-ADPhotoBulk -Server dc1.school.org -WhatIf

    Checks the pairing first, then hands the matched pairs to Set-ADPhotoBulk.

.EXAMPLE
    Import-Csv .\photos.csv | Find-ADPhotoMatch -Server dc1.school.org

    Checks a mapping CSV (AD_user,path_to_file) against the directory: unknown users,
    missing files, two rows for one user.

.INPUTS
    System.IO.FileInfo, or objects with a path and optionally a user column (Import-Csv rows).

.OUTPUTS
    ADPhoto.Match: Match (matched, ambiguous, duplicate, unmatched, missing-file,
    invalid-row, no-photo), File, User, DN, By, Suggestions, Candidates, Others, Message.

.NOTES
    Nothing is written anywhere. Users are read once and matched in memory.

.LINK
    Set-ADPhotoBulk
#>
function Find-ADPhotoMatch {
    [CmdletBinding(DefaultParameterSetName = 'Directory')]
    [OutputType('ADPhoto.Match')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName', 'path_to_file', 'File')]
        [string[]]$Path,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Alias('AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName')]
        [string]$Identity,

        [string[]]$Pattern,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$Server,

        [Parameter(ParameterSetName = 'Directory')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$SearchBase,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$LdapFilter,

        [Parameter(ParameterSetName = 'Directory')]
        [switch]$IncludeDisabled,

        [Parameter(ParameterSetName = 'Directory')]
        [switch]$StartTls,

        [Parameter(ParameterSetName = 'Directory')]
        [switch]$Insecure,

        [Parameter(ParameterSetName = 'Directory')]
        [string]$CaCertificate,

        [Parameter(Mandatory = $true, ParameterSetName = 'Csv')]
        [string]$UsersCsv,

        [Parameter(ParameterSetName = 'Csv')]
        [string]$Encoding
    )

    begin {
        $inputSet = New-ADPhotoInputSet
    }

    process {
        $pipelineObject = $null
        if ($PSCmdlet.MyInvocation.ExpectingInput) {
            $pipelineObject = $_
        }
        Add-ADPhotoInputRow -InputSet $inputSet -Cmdlet $PSCmdlet -BoundParameters $PSBoundParameters -Identity $Identity -Path $Path -InputObject $pipelineObject
    }

    end {
        $source = ConvertTo-ADPhotoSourceRequest -InputSet $inputSet -Cmdlet $PSCmdlet -Pattern $Pattern -NoInputMessage 'No photos: give -Path (files or folders), or pipe Get-ChildItem output or Import-Csv rows.'
        if ($null -eq $source) {
            return
        }
        try {
            $request = [ordered]@{
                task  = 'match'
                users = ConvertTo-ADPhotoUsersRequest -BoundParameters $PSBoundParameters
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        foreach ($key in $source.Keys) {
            $request[$key] = $source[$key]
        }

        $seen = 0
        $progressWatch = [System.Diagnostics.Stopwatch]::StartNew()
        Receive-ADPhotoJobEvent -Request $request -Cmdlet $PSCmdlet -Activity 'Find-ADPhotoMatch' -TargetObject $request.users.server -EventName 'match' -ProgressActivity 'Find-ADPhotoMatch' | ForEach-Object {
            $jobEvent = $_
            $seen++
            Write-ADPhotoProgress -Activity 'Find-ADPhotoMatch' -Status "$seen file(s) and user(s) reported" -Throttle $progressWatch
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
