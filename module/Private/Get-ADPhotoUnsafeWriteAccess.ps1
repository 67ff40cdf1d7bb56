function Get-ADPhotoUnsafeWriteAccess {
    <#
    .SYNOPSIS
        Who, besides administrators and SYSTEM, could change the code in a folder: the reasons a
        task running as SYSTEM must not load a module from there.

    .DESCRIPTION
        Reads the access control lists (Get-Acl) of the folder, of everything in it, and of every
        folder above it up to the drive's root, and returns one object per problem found:

        - in the folder and below: any principal other than SYSTEM, Administrators,
          TrustedInstaller, Domain Admins or Enterprise Admins allowed to write,
          append, create, delete, change permissions or take ownership (a new .ps1 dropped into
          Public\ would be loaded too), or owning an item (an owner can rewrite its ACL), or a
          link (junction, symbolic link) whose target cannot be vouched for;
        - in every folder above: such a principal allowed to delete or rename it, to delete or
          rename what it contains, to change its permissions or take ownership, or owning it:
          any of these lets that principal swap the module folder for another one. Creating new
          folders (what Authenticated Users may do at C:\) is harmless and not reported.

        Inherit-only entries (templates for new items, such as CREATOR OWNER's) do not apply to
        the item itself and are skipped; deny entries are not weighed against allows, so a
        folder that relies on a deny entry is reported (remove the allow instead). A network
        path is always reported: its access lists are another computer's. The folder's name
        plays no part: C:\Program Files\... is accepted because of its access lists, not its name.

        An administrator's own account is not trusted: programs it runs without elevation carry
        it too, while the administrator groups are stripped from them by User Account Control.
        Files an elevated administrator creates belong to Administrators, and pass.

    .PARAMETER Path
        The folder (the module's folder).

        .EXAMPLE
        Get-ADPhotoUnsafeWriteAccess -Path 'C:\Program Files\WindowsPowerShell\Modules\ADPhoto\0.1.0'

        Nothing: only administrators, SYSTEM and TrustedInstaller can change it.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )

    # SYSTEM, BUILTIN\Administrators, NT SERVICE\TrustedInstaller.
    $trusted = @('S-1-5-18', 'S-1-5-32-544', 'S-1-5-80-956008885-3425817010-1185233937-2006286484-880297891')

    # FileSystemRights bits (and the generic ones that appear in raw entries).
    $writeData = 0x2; $appendData = 0x4; $writeExtendedAttributes = 0x10; $deleteChild = 0x40
    $writeAttributes = 0x100; $delete = 0x10000; $writeDac = 0x40000; $writeOwner = 0x80000
    $genericAll = 0x10000000; $genericWrite = 0x40000000
    $changesContent = $writeData -bor $appendData -bor $writeExtendedAttributes -bor $deleteChild -bor $writeAttributes -bor $delete -bor $writeDac -bor $writeOwner -bor $genericAll -bor $genericWrite
    $replacesChild = $deleteChild -bor $delete -bor $writeDac -bor $writeOwner -bor $genericAll

    # Looked up, not written as type literals: PowerShell on Linux and macOS may not have them
    # loaded (the tests run this function there with the access lists mocked).
    $sidType = 'System.Security.Principal.SecurityIdentifier' -as [type]
    $accountType = 'System.Security.Principal.NTAccount' -as [type]

    $finding = {
        param([string]$Item, [string]$Sid, [string]$Why)
        $name = $Sid
        if ($Sid -and $sidType -and $accountType) {
            try {
                $name = $sidType::new($Sid).Translate($accountType).Value
            } catch {
                Write-Debug "Get-ADPhotoUnsafeWriteAccess: no name for ${Sid}: $_"
            }
        }
        [pscustomobject]@{ Path = $Item; Principal = $name; Sid = $Sid; Reason = $Why }
    }
    $isTrusted = {
        param([string]$Sid)
        # Domain Admins (-512) and Enterprise Admins (-519) of any domain (deny-only in an
        # unelevated token, like Administrators).
        ($trusted -contains $Sid) -or ($Sid -match '^S-1-5-21-\d+-\d+-\d+-(512|519)$')
    }
    # Everything an access list lets untrusted principals do, limited to the rights in $Mask.
    $inspect = {
        param([string]$Item, [int64]$Mask, [string]$What)
        $acl = Get-Acl -LiteralPath $Item
        $owner = "$($acl.GetOwner($sidType).Value)"
        $ownerTrusted = & $isTrusted $owner
        if (-not $ownerTrusted) {
            & $finding $Item $owner "owns $What (an owner can change its permissions)"
        }
        foreach ($rule in @($acl.GetAccessRules($true, $true, $sidType))) {
            if ("$($rule.AccessControlType)" -ne 'Allow' -or "$($rule.PropagationFlags)" -match 'InheritOnly') {
                continue
            }
            $sid = "$($rule.IdentityReference.Value)"
            # CREATOR OWNER and CREATOR GROUP are templates, never matched by an access check;
            # OWNER RIGHTS are the owner's, judged above.
            if ($sid -eq 'S-1-3-0' -or $sid -eq 'S-1-3-1' -or ($sid -eq 'S-1-3-4' -and $ownerTrusted) -or (& $isTrusted $sid)) {
                continue
            }
            $rights = [int64]$rule.FileSystemRights
            if (($rights -band $Mask) -ne 0) {
                & $finding $Item $sid "may change $What ($($rule.FileSystemRights))"
            }
        }
    }

    $full = [System.IO.Path]::GetFullPath($Path)
    if ($Path -match '^(\\\\|//)' -or $full -match '^(\\\\|//)') {
        & $finding $Path '' 'is on a network share, whose permissions this computer cannot vouch for'
        return
    }
    $top = Get-Item -LiteralPath $full -Force -ErrorAction Stop
    $items = @($top) + @(Get-ChildItem -LiteralPath $full -Recurse -Force -ErrorAction Stop)
    foreach ($item in $items) {
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) {
            & $finding $item.FullName '' 'is a link (junction or symbolic link) to somewhere else'
            continue
        }
        & $inspect $item.FullName $changesContent 'the module''s files'
    }
    $parent = [System.IO.Directory]::GetParent($full)
    while ($parent) {
        & $inspect $parent.FullName $replacesChild 'a folder above the module (it could be renamed or its contents swapped)'
        $parent = $parent.Parent
    }
}
