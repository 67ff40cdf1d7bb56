function Get-AccountPictureTaskPlan {
    <#
    .SYNOPSIS
        The scheduled tasks Install-AccountPictureTask registers: name, trigger and command of each.

    .DESCRIPTION
        One task runs at every logon and syncs the users signed in at that moment (as SYSTEM,
        Sync-AccountPicture without -AllProfiles). With -AtStartup a second task, named
        "<TaskName> at startup", runs when the computer starts and syncs every profile on it
        (-AllProfiles): a task's actions run for all of its triggers, so the startup work
        cannot share the logon task without every logon syncing every profile too.

        Each command imports the module by the absolute path of its manifest. Values are
        single-quoted with quotes doubled, so a path or base with spaces or a quote in it
        cannot end an argument early.

    .PARAMETER TaskName
        The logon task's name.

    .PARAMETER ModulePath
        The ADPhoto.psd1 the tasks import.

    .PARAMETER PhotoFolder
        Passed to Sync-AccountPicture -PhotoFolder.

    .PARAMETER Server
        Passed to Sync-AccountPicture -Server.

    .PARAMETER SearchBase
        Passed to Sync-AccountPicture -SearchBase.

    .PARAMETER Source
        Passed to Sync-AccountPicture -Source.

    .PARAMETER TenantId
        Passed to Sync-AccountPicture -TenantId (the Graph source's tenant).

    .PARAMETER ClientId
        Passed to Sync-AccountPicture -ClientId.

    .PARAMETER CertificatePath
        Passed to Sync-AccountPicture -CertificatePath: a file name, never a secret.

    .PARAMETER AtStartup
        Also plan the startup task.

    .EXAMPLE
        Get-AccountPictureTaskPlan -TaskName 'ADPhoto account picture' -ModulePath 'C:\Program Files\WindowsPowerShell\Modules\ADPhoto\0.1.0\ADPhoto.psd1' -AtStartup

        Two plans: AtLogOn (signed-in users) and AtStartup (-AllProfiles).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$TaskName,

        [Parameter(Mandatory = $true)]
        [string]$ModulePath,

        [string]$PhotoFolder,

        [string]$Server,

        [string]$SearchBase,

        [string[]]$Source,

        [string]$TenantId,

        [string]$ClientId,

        [string]$CertificatePath,

        [switch]$AtStartup
    )

    $quote = { param([string]$Value) "'" + $Value.Replace("'", "''") + "'" }
    $sync = 'Sync-AccountPicture -Confirm:$false'
    if ($PhotoFolder) {
        $sync += ' -PhotoFolder ' + (& $quote $PhotoFolder)
    }
    if ($Server) {
        # Never into a task's command line (nor -WhatIf) with credentials in it.
        Confirm-ADPhotoServerAddress -Server $Server
        $sync += ' -Server ' + (& $quote $Server)
    }
    if ($SearchBase) {
        $sync += ' -SearchBase ' + (& $quote $SearchBase)
    }
    if ($Source) {
        $sync += ' -Source ' + (($Source | ForEach-Object { & $quote $_ }) -join ',')
    }
    # Microsoft 365 by certificate only: the command line of a task holds no secret.
    foreach ($pair in @(@('TenantId', $TenantId), @('ClientId', $ClientId), @('CertificatePath', $CertificatePath))) {
        if ($pair[1]) {
            $sync += " -$($pair[0]) " + (& $quote $pair[1])
        }
    }
    $import = "Import-Module -Name $(& $quote $ModulePath) -ErrorAction Stop"
    $arguments = { param([string]$Command) '-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -Command "' + $Command + '"' }

    [pscustomobject]@{
        TaskName    = $TaskName
        Trigger     = 'AtLogOn'
        Arguments   = & $arguments "$import; $sync"
        Description = 'ADPhoto: the Windows account pictures of the users signed in, from their HD photo (Sync-AccountPicture), at every logon.'
    }
    if ($AtStartup) {
        [pscustomobject]@{
            TaskName    = "$TaskName at startup"
            Trigger     = 'AtStartup'
            Arguments   = & $arguments "$import; $sync -AllProfiles"
            Description = 'ADPhoto: the Windows account pictures of every profile on this computer (Sync-AccountPicture -AllProfiles), at startup.'
        }
    }
}
