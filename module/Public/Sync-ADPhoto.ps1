<#
.SYNOPSIS
    Copies users' photos from one service to others: Microsoft 365, Active Directory, Google Workspace.

.DESCRIPTION
    Sync-ADPhoto reads the photos of one service (-From) and writes them to one or more
    others (-To), each converted for its target: Microsoft 365's 648x648 photo becomes AD's
    96x96 thumbnailPhoto ("use existing HD"), AD's photo goes to Microsoft 365 or Google,
    and so on. All targets are written at the same time, each under its own limits.

    Users are paired across services by their employee id where both have one, else by
    userPrincipalName or mail (either way round), or by the -Pattern templates. A user who
    fits several users of the other service gets nothing, and two employee ids that differ
    are never the same person: nobody receives another user's photo.

    By default a photo is replaced where it differs, but never by a worse one: a smaller
    source photo does not replace a larger one unless -AllowSmaller. -OnlyMissing fills
    gaps only. A photo someone else changed since ADPhoto last wrote it is reported as
    changed-elsewhere and left alone unless -Force. Every replaced photo is backed up first,
    in one run folder with a part per target; `adphoto restore --backup-dir FOLDER` undoes
    the whole run.

.PARAMETER From
    The directory the photos come from: an ADPhoto.Directory made by New-ADPhotoDirectory
    (Active Directory, Microsoft 365 or Google Workspace).

.PARAMETER To
    The directories they go to, one or more (New-ADPhotoDirectory each).

.PARAMETER Attribute
    Active Directory: the photo attribute read and written, thumbnailPhoto (default) or jpegPhoto.

.PARAMETER Pattern
    How users pair across the services, e.g. '{employeeID}' or '{mail}', tried in order.

.PARAMETER Map
    A CSV pairing users instead of -Pattern, a row per pair: a Source (or From) column naming
    the user in -From and a Target (or To) column naming the user in -To, each by any identity
    (userPrincipalName, mail, sAMAccountName, employee id, distinguished name, object id).
    Export-Csv and Excel files alike (comma or semicolon, any encoding with a byte-order mark).
    A name that fits nobody is reported, never guessed; a user named on two rows, or a name
    that fits several users, gets nothing; users the CSV does not name are left alone.

.PARAMETER Encoding
    The encoding of the -Map file when it has no byte-order mark, for example windows-1252.
    Without it, a file that is not UTF-8 has its encoding detected, with a warning.

.PARAMETER OnlyMissing
    Fill gaps only: users who have a photo in a target are left alone.

.PARAMETER AllowSmaller
    Let a smaller source photo replace a larger one.

.PARAMETER Force
    Write even what is unchanged, and replace photos someone else changed since ADPhoto wrote them.

.PARAMETER BackupPath
    The run folder for backups and journals (default: a dated folder). Reusing it resumes that run.

.EXAMPLE
    $m365 = New-ADPhotoDirectory -TenantId contoso.onmicrosoft.com -ClientId $appId -ClientSecret $secret
    $ad = New-ADPhotoDirectory -Server dc1.contoso.com
    Sync-ADPhoto -From $m365 -To $ad

    "Use existing HD": makes every AD thumbnailPhoto from the 648-pixel photo in Microsoft 365,
    replacing blurry ones, never a better one.

.EXAMPLE
    Sync-ADPhoto -From $m365 -To $ad -OnlyMissing -WhatIf

    Shows which AD users without a photo would get the one they have in Microsoft 365.

.EXAMPLE
    $google = New-ADPhotoDirectory -KeyFile .\key.json -Subject admin@school.org
    Sync-ADPhoto -From (New-ADPhotoDirectory -Server dc1.school.org) -Attribute jpegPhoto -To $m365, $google

    Copies AD's 648-pixel jpegPhoto into Microsoft 365 and Google Workspace at once.

.EXAMPLE
    Sync-ADPhoto -From $m365 -To $ad -Map .\pairs.csv -WhatIf

    Pairs users by pairs.csv (Source,Target: jsmith@contoso.com,jsmith) where their
    addresses do not, and shows what would be copied.

.OUTPUTS
    ADPhoto.SyncResult: Target, User, Source, Action, Status, Reason.

.LINK
    Set-ADPhotoBulk
#>
function Sync-ADPhoto {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('ADPhoto.SyncResult')]
    param(
        [Parameter(Mandatory = $true)]
        [PSTypeName('ADPhoto.Directory')]
        [object]$From,

        [Parameter(Mandatory = $true)]
        [PSTypeName('ADPhoto.Directory')]
        [object[]]$To,

        [string[]]$Pattern,

        [string]$Map,

        [string]$Encoding,

        [switch]$OnlyMissing,

        [switch]$AllowSmaller,

        [switch]$Force,

        [string]$BackupPath,

        [ValidateSet('thumbnailPhoto', 'jpegPhoto')]
        [string]$Attribute = 'thumbnailPhoto'
    )

    try {
        # How the command line names each directory: the events name their target so.
        $addressOf = {
            param($Directory)
            switch ("$($Directory.Service)") {
                'ActiveDirectory' { "$($Directory.Spec['server'])" }
                'Entra' { "graph:$($Directory.Spec['tenant'])" }
                'Google' { "google:$($Directory.Spec['domain'])" }
            }
        }
        $names = @($To | ForEach-Object { & $addressOf $_ })
        if ($names -contains (& $addressOf $From)) {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -Category InvalidArgument -Message "$($From.Name) is both the source and a target.")
        }
        $targets = @(foreach ($directory in $To) {
                [ordered]@{ address = (& $addressOf $directory); directory = (ConvertTo-ADPhotoDirectorySpec -Directory $directory -Attribute $Attribute) }
            })
        $options = [ordered]@{
            only_missing  = [bool]$OnlyMissing
            allow_smaller = [bool]$AllowSmaller
            force         = [bool]$Force
        }
        if ($Pattern -and $Map) {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -Category InvalidArgument -Message 'Give -Map (a CSV of pairs) or -Pattern (templates), not both.')
        }
        if ($Pattern) { $options['patterns'] = @($Pattern) }
        if ($Map) { $options['map'] = Resolve-ADPhotoPath -Path $Map }
        if ("$Encoding".Trim()) { $options['encoding'] = "$Encoding".Trim() }
        if ($BackupPath) { $options['run_folder'] = Resolve-ADPhotoPath -Path $BackupPath }
        $whatIf = -not $PSCmdlet.ShouldProcess(($names -join ', '), "Copy the photos of $($From.Name)")
        # The request holds secrets from here on: never print or log it.
        $request = [ordered]@{ task = 'sync'; source = (ConvertTo-ADPhotoDirectorySpec -Directory $From -Attribute $Attribute); targets = $targets; options = $options; what_if = $whatIf }
    } catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }

    $doneEvent = $null
    Invoke-ADPhotoJob -Request $request | ForEach-Object {
        $jobEvent = $_
        switch ("$($jobEvent.event)") {
            'item' {
                # What-if shows the plan; a run shows what was applied (and the plan's skips).
                if ($jobEvent.phase -eq 'plan' -and -not $whatIf -and @('write', 'remove') -contains "$($jobEvent.action)") {
                    return
                }
                $result = [pscustomobject]@{
                    PSTypeName = 'ADPhoto.SyncResult'
                    Target     = "$($jobEvent.target)"
                    User       = "$($jobEvent.user)"
                    Source     = "$($jobEvent.identity)"
                    Action     = "$($jobEvent.action)"
                    Status     = "$($jobEvent.status)"
                    Reason     = "$($jobEvent.reason)"
                }
                if (@('failed', 'in-doubt') -contains $result.Status) {
                    $message = "$($result.Target): $($result.User): $($jobEvent.error.message)"
                    $PSCmdlet.WriteError((New-ADPhotoErrorRecord -Kind "$($jobEvent.error.kind)" -TargetObject $result.User -Message $message))
                }
                $result
            }
            'warning' { Write-Warning "$($jobEvent.message)" }
            'done' { $doneEvent = $jobEvent }
            default { Write-Debug "Event: $($jobEvent.event)" }
        }
    }
    if ($doneEvent -and $doneEvent.status -eq 'failed') {
        $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind "$($doneEvent.error.kind)" -Message "$($doneEvent.error.message)"))
    }
    if ($doneEvent -and $doneEvent.run_folder) {
        Write-Verbose "Backups and journals (a part per target): $($doneEvent.run_folder). Undo: adphoto restore --backup-dir `"$($doneEvent.run_folder)`""
    }
}
