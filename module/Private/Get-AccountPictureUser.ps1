function Get-AccountPictureUser {
    <#
    .SYNOPSIS
        The users whose account picture Sync-AccountPicture works on, each with SID and account name.

    .DESCRIPTION
        With -Sid: that account (its name from -Identity, or looked up on Windows). With
        -Identity: each name (sAMAccountName or DOMAIN\name) translated to its SID on Windows.
        With -AllProfiles: every user profile on this computer (Win32_UserProfile), for a
        computer startup script when nobody is signed in. Otherwise the user running the
        command; when that is SYSTEM (a scheduled task at logon), the users signed in now
        (their registry hives are loaded under HKEY_USERS). Returns objects with Sid and
        User; a name that cannot be translated is an error naming it.

    .PARAMETER Identity
        Account names.

    .PARAMETER Sid
        One account's SID.

    .PARAMETER AllProfiles
        Every user profile on the computer.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [AllowEmptyCollection()]
        [string[]]$Identity = @(),

        [string]$Sid,

        [switch]$AllProfiles
    )

    $onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    $names = @($Identity | Where-Object { $null -ne $_ -and "$_".Trim() } | ForEach-Object { "$_".Trim() })

    if ($Sid) {
        $name = $null
        if ($names.Count -gt 0) {
            $name = $names[0]
        } elseif ($onWindows) {
            try {
                $name = ([System.Security.Principal.SecurityIdentifier]$Sid.Trim()).Translate([System.Security.Principal.NTAccount]).Value
            } catch {
                Write-Verbose "No account name for ${Sid}: $($_.Exception.Message)"
            }
        }
        return [pscustomobject]@{ Sid = $Sid.Trim(); User = $name }
    }

    if ($names.Count -gt 0) {
        foreach ($name in $names) {
            if (-not $onWindows) {
                throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.SidRequired' -Category InvalidArgument -TargetObject $name -Message "Cannot find the SID of '$name' on this system: give -Sid.")
            }
            try {
                $sidValue = ([System.Security.Principal.NTAccount]$name).Translate([System.Security.Principal.SecurityIdentifier]).Value
            } catch {
                throw (New-ADPhotoErrorRecord -Kind 'not-found' -ErrorId 'ADPhoto.AccountNotFound' -TargetObject $name -Message "No account '$name': $($_.Exception.Message)")
            }
            [pscustomobject]@{ Sid = $sidValue; User = $name }
        }
        return
    }

    if (-not $onWindows) {
        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.SidRequired' -Category InvalidArgument -Message 'There are no Windows accounts on this system: give -Sid (and -Identity for the directory lookup).')
    }

    $sids = @()
    if ($AllProfiles) {
        $sids = @(Get-CimInstance -ClassName Win32_UserProfile -ErrorAction Stop |
                Where-Object { -not $_.Special -and $_.SID -match '^S-1-5-21-' } |
                ForEach-Object { $_.SID })
    } else {
        $current = [System.Security.Principal.WindowsIdentity]::GetCurrent()
        if ($current.User.Value -ne 'S-1-5-18') {
            return [pscustomobject]@{ Sid = $current.User.Value; User = $current.Name }
        }
        # SYSTEM at logon: the signed-in users are those whose hive is loaded.
        $sids = @(Get-ChildItem -LiteralPath 'Registry::HKEY_USERS' -ErrorAction Stop |
                ForEach-Object { $_.PSChildName } |
                Where-Object { $_ -match '^S-1-5-21-[0-9-]+$' })
    }
    foreach ($sidValue in $sids) {
        $name = $null
        try {
            $name = ([System.Security.Principal.SecurityIdentifier]$sidValue).Translate([System.Security.Principal.NTAccount]).Value
        } catch {
            Write-Verbose "No account name for ${sidValue}: $($_.Exception.Message)"
        }
        [pscustomobject]@{ Sid = $sidValue; User = $name }
    }
}
