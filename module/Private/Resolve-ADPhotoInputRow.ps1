function Resolve-ADPhotoInputRow {
    <#
    .SYNOPSIS
        Sorts one input of Set-ADPhotoBulk or Find-ADPhotoMatch into a user/file pair, photo files to match by name, a row to skip, or a bad row.

    .DESCRIPTION
        The commands take their pipeline input whole (-InputObject) and read it here, rather
        than letting PowerShell bind its properties to -Identity and -Path: on PowerShell 7.3+
        for Linux and macOS a file object has a User property (its owner), which would pair
        every file with the account that owns it. So:

        - a file or folder object (Get-ChildItem, Get-Item) is photo files to match by name,
          and only that: none of its properties is read but FullName;
        - a string is the path of a file or folder, as ConvertTo-ADPhoto takes it
          ('C:\photos' | ..., Get-Content list.txt | ...);
        - a Find-ADPhotoMatch result is a pair when it matched; a file that fit nobody, fit
          several users or was one of several for a user is skipped, with a warning; a user
          without a file is skipped (noted in the verbose stream);
        - any other object (Import-Csv rows, Export-ADPhoto results) is read by its columns:
          a user column (Identity, AD_user, SamAccountName, UserPrincipalName, mail,
          PrimaryEmail, EmployeeID, Id, ObjectId, User, DistinguishedName; the first one that
          is present) makes it a pair, which needs exactly one file (Path, path_to_file,
          FullName or File column); a row with only a file column is a photo to match by name.

        -Identity and -Path from the command line fill in what the object does not give
        (a file piped with -Identity jsmith is jsmith's photo); without pipeline input they
        are the row. Values are trimmed and paths made absolute. Returns an object with
        Kind = 'pair', 'photos', 'skip' or 'invalid', Identity, Paths, Message and Warn (skip
        with a warning); it never throws, so one bad row cannot end the pipeline.

    .PARAMETER InputObject
        The pipeline object of this row ($_), or $null without pipeline input.

    .PARAMETER Identity
        The command's -Identity (from the command line).

    .PARAMETER Path
        The command's -Path (from the command line).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [AllowNull()]
        [object]$InputObject,

        [AllowNull()]
        [AllowEmptyString()]
        [string]$Identity,

        [AllowNull()]
        [AllowEmptyCollection()]
        [string[]]$Path
    )

    $identityColumns = @('Identity', 'AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'PrimaryEmail', 'EmployeeID', 'Id', 'ObjectId', 'User', 'DistinguishedName')
    $pathColumns = @('Path', 'path_to_file', 'FullName', 'File')
    $result = [pscustomobject]@{ Kind = 'invalid'; Identity = "$Identity".Trim(); Paths = @(); Message = ''; Warn = $false }
    $isPair = [bool]$result.Identity
    $given = @($Path)

    if ($InputObject -is [System.IO.FileSystemInfo]) {
        $given = @($InputObject.FullName)
    } elseif ($InputObject -is [string]) {
        $given = @($InputObject)
    } elseif ($null -ne $InputObject -and $InputObject.PSObject.TypeNames -contains 'ADPhoto.Match') {
        $file = "$($InputObject.File)".Trim()
        $user = "$($InputObject.User)".Trim()
        if (-not $file) {
            $result.Kind = 'skip'
            $result.Message = "no photo file fits $user"
            return $result
        }
        if ("$($InputObject.Match)" -ne 'matched' -or -not $user) {
            $result.Kind = 'skip'
            $result.Warn = $true
            $result.Message = "$file was not set: Find-ADPhotoMatch found it $($InputObject.Match)"
            if ($InputObject.Message) {
                $result.Message = "$($result.Message) ($($InputObject.Message))"
            }
            return $result
        }
        $result.Identity = $user
        $isPair = $true
        $given = @($file)
    } elseif ($null -ne $InputObject) {
        $properties = $InputObject.PSObject.Properties
        foreach ($column in $identityColumns) {
            if ($null -ne $properties[$column]) {
                $isPair = $true
                $value = "$($properties[$column].Value)".Trim()
                if ($value) {
                    $result.Identity = $value
                }
                break
            }
        }
        foreach ($column in $pathColumns) {
            if ($null -ne $properties[$column]) {
                $given = @($properties[$column].Value)
                break
            }
        }
    }

    $paths = @(foreach ($p in $given) {
            if ($null -ne $p -and "$p".Trim()) {
                "$p".Trim()
            }
        })
    $id = $result.Identity
    if ($paths.Count -eq 0) {
        if ($id) {
            $result.Message = "the row names the user '$id' but no photo file"
        } else {
            $result.Message = 'the row names neither a user nor a photo file'
        }
        return $result
    }
    if ($isPair -and -not $id) {
        $result.Message = "the row names the file '$($paths[0])' but no user"
        return $result
    }
    if ($isPair -and $paths.Count -gt 1) {
        $result.Message = "the row names several files for '$id'; give one file per user"
        return $result
    }

    $absolute = @()
    foreach ($p in $paths) {
        try {
            $absolute += Resolve-ADPhotoPath -Path $p
        } catch {
            $result.Message = "the path '$p' cannot be used: $($_.Exception.Message)"
            return $result
        }
    }
    $result.Paths = $absolute
    if ($isPair) {
        $result.Kind = 'pair'
    } else {
        $result.Kind = 'photos'
    }
    $result
}
