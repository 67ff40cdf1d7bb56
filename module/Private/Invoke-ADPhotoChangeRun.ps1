function Invoke-ADPhotoChangeRun {
    <#
    .SYNOPSIS
        The end block of Remove-ADPhoto, Restore-ADPhoto and Remove-EntraPhoto: look, ask for each user, then change only the users approved.

    .DESCRIPTION
        1. A read-only pass (Get-ADPhotoPendingChange) finds what the change would do to each
           user; users it would not touch come back as Skipped results.
        2. Each user it would touch goes through the command's -ShouldProcess. A user answered
           No (under -Confirm, or ConfirmImpact High) comes back as a Declined result; under
           -WhatIf PowerShell prints the "What if:" line and nothing comes back for that user.
        3. The users approved are changed in one job (Invoke-ADPhotoChange), each photo backed
           up first, and each comes back as a result (Removed, Restored, Failed, Skipped).

        The directory is the command's -Directory or its service parameters
        (ConvertTo-ADPhotoUsersRequest); a restore also needs a run folder with a
        manifest.jsonl (ADPhoto.NotABackup). What cannot work ends the command with a
        terminating error before anything is read.

    .PARAMETER Change
        Remove or Restore.

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: its errors and terminating errors are the command's.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters (-BackupPath, -Attribute, the directory).

    .PARAMETER Identity
        The users given or piped (a restore with none restores everyone in the backup).

    .PARAMETER ShouldProcess
        The command's confirmation, { param($Target, $Action) $PSCmdlet.ShouldProcess($Target, $Action) }
        made a closure in the command's own body, so its -WhatIf and -Confirm apply.

    .PARAMETER PlanOnly
        The command runs under -WhatIf (nobody is declined: nobody was asked).

    .PARAMETER Service
        The service of the parameters the command takes directly (see Resolve-ADPhotoDirectory).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('Remove', 'Restore')]
        [string]$Change,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [AllowEmptyCollection()]
        [string[]]$Identity = @(),

        [Parameter(Mandatory = $true)]
        [scriptblock]$ShouldProcess,

        [bool]$PlanOnly,

        [string]$Service = 'ActiveDirectory'
    )

    $attribute = 'thumbnailPhoto'
    if ($BoundParameters['Attribute']) {
        $attribute = "$($BoundParameters['Attribute'])"
    }
    try {
        $folder = $null
        if ("$($BoundParameters['BackupPath'])".Trim()) {
            $folder = Resolve-ADPhotoPath -Path $BoundParameters['BackupPath']
        }
        if ($Change -eq 'Restore' -and -not (Test-Path -LiteralPath (Join-Path -Path "$folder" -ChildPath 'manifest.jsonl') -PathType Leaf)) {
            throw (New-ADPhotoErrorRecord -Kind 'not-a-backup' -Category ObjectNotFound -TargetObject $folder -Message "$folder is not a run folder: it has no manifest.jsonl (give the -BackupPath of Set-ADPhotoBulk or Remove-ADPhoto).")
        }
        $directory = ConvertTo-ADPhotoUsersRequest -BoundParameters $BoundParameters -Attribute $attribute -Service $Service
    } catch {
        $Cmdlet.ThrowTerminatingError($_)
    }
    # The arguments both passes share.
    $pass = @{ Change = $Change; Cmdlet = $Cmdlet; TargetObject = $directory.Label; Attribute = $directory.Photo; BackupPath = $folder }
    $request = [ordered]@{ task = $Change.ToLowerInvariant(); directory = $directory.Users; identities = $Identity; what_if = $true }
    if ($Change -eq 'Restore') {
        $pass['TargetObject'] = $folder
        $request['backup_dir'] = $folder
    }
    $directory = $null

    # Pass 1 (reads only): who the change would touch; the others come back as Skipped.
    $approved = New-Object System.Collections.Generic.List[string]
    Get-ADPhotoPendingChange -Request $request @pass | ForEach-Object {
        if ($_.PSObject.TypeNames -notcontains 'ADPhoto.PendingChange') {
            $_
        } elseif (& $ShouldProcess $_.Target $_.Action) {
            # By the key the job gave: exactly this user (a restore: this backup entry).
            $approved.Add($_.Key)
        } elseif (-not $PlanOnly) {
            New-ADPhotoChangeResult -ItemEvent $_.Event -Status 'Declined' -Change $Change -Attribute $pass['Attribute'] -BackupPath $folder
        }
    }
    if ($approved.Count -eq 0) {
        return
    }
    # Pass 2: change the approved users, each photo backed up first.
    $request['identities'] = $approved.ToArray()
    $request['what_if'] = $false
    if ($Change -eq 'Remove' -and $folder) {
        $request['backup_dir'] = $folder
    }
    Invoke-ADPhotoChange -Request $request -Count $approved.Count @pass
}
