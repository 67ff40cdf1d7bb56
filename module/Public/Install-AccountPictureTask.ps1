<#
.SYNOPSIS
    Registers a scheduled task that runs Sync-AccountPicture as SYSTEM at every logon.

.DESCRIPTION
    Install-AccountPictureTask registers (or with -Force replaces) a scheduled task that
    runs, as SYSTEM, when any user signs in (and with -AtStartup also when the computer
    starts): Windows PowerShell imports this module from -ModulePath and runs
    Sync-AccountPicture with the photo folder, directory and sources given here. As SYSTEM,
    Sync-AccountPicture syncs the users signed in at that moment, reads the directory as the
    computer account (Kerberos, no stored password) and may write HKLM, so no registry
    permission has to be loosened for users.

    Deploy it once per computer: from a Group Policy computer startup script, or with
    Invoke-Command. The task holds no secret. It needs an administrator, on Windows with
    the ScheduledTasks module (Windows 8 / Server 2012 and later).

.PARAMETER TaskName
    The task's name (default: ADPhoto account picture).

.PARAMETER TaskPath
    The Task Scheduler folder (default: \ADPhoto\).

.PARAMETER ModulePath
    The ADPhoto.psd1 the task imports (default: this module's, which must then stay where
    it is; a path every computer has, such as C:\Program Files\WindowsPowerShell\Modules,
    is best).

.PARAMETER PhotoFolder
    Passed to Sync-AccountPicture -PhotoFolder: HD photos named after the account.

.PARAMETER Server
    Passed to Sync-AccountPicture -Server (default there: the computer's domain).

.PARAMETER SearchBase
    Passed to Sync-AccountPicture -SearchBase.

.PARAMETER Source
    Passed to Sync-AccountPicture -Source: the sources to try, in order.

.PARAMETER AtStartup
    Also run when the computer starts (for every user profile on it).

.PARAMETER Force
    Replace a task of the same name.

.EXAMPLE
    Install-AccountPictureTask -PhotoFolder \\fs1\photos\staff

    At every logon, the signed-in user's picture from \\fs1\photos\staff\<account>.jpg, else
    from jpegPhoto or thumbnailPhoto in the computer's domain.

.EXAMPLE
    Install-AccountPictureTask -Server dc1.school.org -Source JpegPhoto, ThumbnailPhoto -AtStartup -Force -WhatIf

    Shows the task it would register (directory photos only, at logon and at startup).

.INPUTS
    None.

.OUTPUTS
    Microsoft.Management.Infrastructure.CimInstance#MSFT_ScheduledTask: the registered task.

.LINK
    Sync-AccountPicture
#>
function Install-AccountPictureTask {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('Microsoft.Management.Infrastructure.CimInstance#MSFT_ScheduledTask')]
    param(
        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$TaskName = 'ADPhoto account picture',

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$TaskPath = '\ADPhoto\',

        [Parameter()]
        [string]$ModulePath,

        [Parameter()]
        [string]$PhotoFolder,

        [Parameter()]
        [string]$Server,

        [Parameter()]
        [string]$SearchBase,

        [Parameter()]
        [ValidateSet('File', 'JpegPhoto', 'Graph', 'ThumbnailPhoto')]
        [string[]]$Source,

        [Parameter()]
        [switch]$AtStartup,

        [Parameter()]
        [switch]$Force
    )

    $onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    if (-not $onWindows -or -not (Get-Command -Name Register-ScheduledTask -ErrorAction SilentlyContinue)) {
        $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'unsupported' -ErrorId 'ADPhoto.ScheduledTasksUnavailable' -Category NotImplemented -Message 'Install-AccountPictureTask needs Windows and its ScheduledTasks module.'))
    }
    if (-not $ModulePath) {
        $ModulePath = Join-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -ChildPath 'ADPhoto.psd1'
    }
    $ModulePath = Resolve-ADPhotoPath -Path $ModulePath
    if (-not (Test-Path -LiteralPath $ModulePath -PathType Leaf)) {
        $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'missing-file' -ErrorId 'ADPhoto.ModuleNotFound' -Category ObjectNotFound -TargetObject $ModulePath -Message "The module $ModulePath does not exist."))
    }

    # Values are single-quoted in the command, with quotes doubled: a path or base with
    # spaces or a quote in it cannot end the argument early.
    $quote = { param([string]$Value) "'" + $Value.Replace("'", "''") + "'" }
    $sync = 'Sync-AccountPicture -Confirm:$false'
    if ($PhotoFolder) {
        $sync += ' -PhotoFolder ' + (& $quote $PhotoFolder)
    }
    if ($Server) {
        $sync += ' -Server ' + (& $quote $Server)
    }
    if ($SearchBase) {
        $sync += ' -SearchBase ' + (& $quote $SearchBase)
    }
    if ($Source) {
        $sync += ' -Source ' + (($Source | ForEach-Object { & $quote $_ }) -join ',')
    }
    $logonCommand = "Import-Module -Name $(& $quote $ModulePath) -ErrorAction Stop; $sync"
    $arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -Command "' + $logonCommand + '"'

    $actions = @(New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $arguments)
    $triggers = @(New-ScheduledTaskTrigger -AtLogOn)
    if ($AtStartup) {
        $startupCommand = "Import-Module -Name $(& $quote $ModulePath) -ErrorAction Stop; $sync -AllProfiles"
        $actions = @(New-ScheduledTaskAction -Execute 'powershell.exe' -Argument ('-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -Command "' + $startupCommand + '"'))
        $triggers += New-ScheduledTaskTrigger -AtStartup
    }
    # SYSTEM by its well-known SID, so the task registers on any display language.
    $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -ExecutionTimeLimit (New-TimeSpan -Minutes 5) -MultipleInstances IgnoreNew

    $existing = Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
    if ($existing -and -not $Force) {
        $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'exists' -ErrorId 'ADPhoto.TaskExists' -Category ResourceExists -TargetObject "$TaskPath$TaskName" -Message "The task $TaskPath$TaskName exists already: add -Force to replace it."))
    }
    $when = 'at every logon'
    if ($AtStartup) {
        $when = 'at every logon and at startup'
    }
    if ($PSCmdlet.ShouldProcess("$TaskPath$TaskName", "Register a task that runs Sync-AccountPicture as SYSTEM $when")) {
        try {
            Register-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Action $actions -Trigger $triggers -Principal $principal -Settings $settings -Description 'ADPhoto: the signed-in users'' Windows account pictures from their HD photo (Sync-AccountPicture).' -Force:$Force -ErrorAction Stop
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'access-denied' -ErrorId 'ADPhoto.TaskNotRegistered' -TargetObject "$TaskPath$TaskName" -Exception $_.Exception -Message "Cannot register the task $TaskPath${TaskName}: $($_.Exception.Message) (run as an administrator)"))
        }
    }
}
