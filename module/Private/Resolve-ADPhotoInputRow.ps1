function Resolve-ADPhotoInputRow {
    <#
    .SYNOPSIS
        Sorts one input row of Set-ADPhotoBulk or Find-ADPhotoMatch into a user/file pair, photo files to match by name, or a bad row.

    .DESCRIPTION
        A row that carries a user column (Import-Csv with AD_user, SamAccountName, mail, ...;
        Find-ADPhotoMatch's User) is a pair: exactly one user and one file. A row with only a
        path (Get-ChildItem, -Path) is photo files and folders, matched to users by name.
        Find-ADPhotoMatch rows for users without a file are skipped. Values are trimmed and
        paths made absolute. Returns an object with Kind = 'pair', 'photos', 'skip' or
        'invalid', Identity, Paths and Message; it never throws, so one bad row cannot end
        the pipeline.

    .PARAMETER Identity
        The user named by the row, if any.

    .PARAMETER Path
        The file(s) or folder(s) named by the row.

    .PARAMETER InputObject
        The pipeline object the row was bound from ($_), or $null.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string]$Identity,

        [AllowNull()]
        [AllowEmptyCollection()]
        [string[]]$Path,

        [AllowNull()]
        [object]$InputObject
    )

    $identityColumns = @('Identity', 'AD_user', 'SamAccountName', 'UserPrincipalName', 'mail', 'EmployeeID', 'User', 'DistinguishedName')
    $id = "$Identity".Trim()
    $paths = @(foreach ($p in @($Path)) {
            if ($null -ne $p -and "$p".Trim()) {
                "$p".Trim()
            }
        })

    $result = [pscustomobject]@{ Kind = 'invalid'; Identity = $id; Paths = @(); Message = '' }

    $fromMatch = $null -ne $InputObject -and $InputObject.PSObject.TypeNames -contains 'ADPhoto.Match'
    $isPair = [bool]$id
    if (-not $isPair -and -not $fromMatch -and $null -ne $InputObject -and
        -not ($InputObject -is [string]) -and -not ($InputObject -is [System.IO.FileSystemInfo])) {
        foreach ($column in $identityColumns) {
            if ($null -ne $InputObject.PSObject.Properties[$column]) {
                $isPair = $true
                break
            }
        }
    }

    if ($fromMatch -and $paths.Count -eq 0) {
        $result.Kind = 'skip'
        $result.Message = "no photo file fits $id"
        return $result
    }
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
