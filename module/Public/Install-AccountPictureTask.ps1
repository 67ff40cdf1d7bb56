<#
.SYNOPSIS
    Registers a scheduled task that runs Sync-AccountPicture as SYSTEM at every logon.

.DESCRIPTION
    Install-AccountPictureTask registers (or with -Force replaces) a scheduled task that
    runs, as SYSTEM, when any user signs in: Windows PowerShell imports this module from
    -ModulePath and runs Sync-AccountPicture with the photo folder, directory and sources
    given here. As SYSTEM, Sync-AccountPicture syncs the users signed in at that moment,
    reads the directory as the computer account (Kerberos, no stored password) and may write
    HKLM, so no registry permission has to be loosened for users. With -AtStartup a second
    task, "<TaskName> at startup", syncs every profile when the computer starts; the logon
    task still syncs only the users signed in.

    The module must live where only administrators can write. The tasks run its code as
    SYSTEM, so anyone able to change a file of the module, add one to it, or rename or
    replace a folder above it would run their own code as SYSTEM at the next logon.
    Install-AccountPictureTask therefore reads the access control lists (not the name) of the
    module's folder, of everything in it and of every folder above it, and refuses, saying
    who could change what, when anyone other than SYSTEM, Administrators, TrustedInstaller,
    Domain or Enterprise Admins could (an administrator's own account counts as anyone: the
    programs it runs without elevation could change the module); network shares and links are
    refused too. Install the module for all users first, from an elevated PowerShell:

        Expand-Archive ADPhoto-<version>.zip -DestinationPath 'C:\Program Files\WindowsPowerShell\Modules'

    (C:\Program Files\WindowsPowerShell\Modules is in the module path of every user and
    of SYSTEM, for Windows PowerShell 5.1 and PowerShell 7), then run
    Install-AccountPictureTask from there. A module in Documents, on the desktop, in a
    download folder or in a clone of the repository is refused.

    Deploy it once per computer: from a Group Policy computer startup script, or with
    Invoke-Command. The task holds no secret. It needs an administrator, on Windows with
    the ScheduledTasks module (Windows 8 / Server 2012 and later).

.PARAMETER TaskName
    The logon task's name (default: ADPhoto account picture); the startup task adds " at startup".

.PARAMETER TaskPath
    The Task Scheduler folder (default: \ADPhoto\).

.PARAMETER ModulePath
    The ADPhoto.psd1 the task imports (default: this module's, which must then stay where
    it is). Its folder must be writable by administrators only (see the description): for
    example C:\Program Files\WindowsPowerShell\Modules\ADPhoto\<version>\ADPhoto.psd1.

.PARAMETER PhotoFolder
    Passed to Sync-AccountPicture -PhotoFolder: HD photos named after the account.

.PARAMETER Server
    Passed to Sync-AccountPicture -Server (default there: the computer's domain).

.PARAMETER SearchBase
    Passed to Sync-AccountPicture -SearchBase.

.PARAMETER Source
    Passed to Sync-AccountPicture -Source: the sources to try, in order.

.PARAMETER TenantId
    Passed to Sync-AccountPicture -TenantId: the Microsoft 365 tenant of the Graph source
    (the 648-pixel photo Teams shows), with -ClientId and -CertificatePath. A task can hold
    no secret (its command line is readable by every administrator and written to the event
    log), so it signs in with a certificate only, never a client secret.

.PARAMETER ClientId
    Passed to Sync-AccountPicture -ClientId: the app registration's application id. Grant the
    app ProfilePhoto.Read.All (read only): its certificate is on every computer.

.PARAMETER CertificatePath
    Passed to Sync-AccountPicture -CertificatePath: the app's certificate with its key (PEM,
    or a PFX without a password) on this computer, readable by SYSTEM and administrators only.

.PARAMETER AtStartup
    Also register "<TaskName> at startup", which syncs every user profile on the computer when
    it starts. The logon task keeps syncing only the users signed in.

.PARAMETER Force
    Replace tasks of the same names (and, without -AtStartup, remove the startup task of an
    earlier installation).

.EXAMPLE
    Install-AccountPictureTask -PhotoFolder \\fs1\photos\staff

    At every logon, the signed-in user's picture from \\fs1\photos\staff\<account>.jpg, else
    from jpegPhoto or thumbnailPhoto in the computer's domain.

.EXAMPLE
    Install-AccountPictureTask -Server dc1.school.org -Source JpegPhoto, ThumbnailPhoto -AtStartup -Force -WhatIf

    Shows the two tasks it would register (directory photos only): at logon for the users
    signed in, and at startup for every profile.

.EXAMPLE
    Install-AccountPictureTask -Source Graph, ThumbnailPhoto -TenantId contoso.onmicrosoft.com -ClientId $appId -CertificatePath C:\ProgramData\ADPhoto\app.pem

    On Entra-joined and hybrid computers: at every logon, the picture Teams shows, read from
    Microsoft 365 with the app's certificate, else thumbnailPhoto.

.EXAMPLE
    Install-AccountPictureTask -PhotoFolder \\fs1\photos\staff -ModulePath 'C:\Program Files\WindowsPowerShell\Modules\ADPhoto\0.1.0\ADPhoto.psd1'

    Registers the logon task for the module installed for all users. From a module in
    Documents\WindowsPowerShell\Modules it would stop with the error
    ADPhoto.ModuleLocationUnsafe, naming who could change it.

.INPUTS
    None.

.OUTPUTS
    Microsoft.Management.Infrastructure.CimInstance#MSFT_ScheduledTask: the registered tasks.

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
        [string]$TenantId,

        [Parameter()]
        [string]$ClientId,

        [Parameter()]
        [string]$CertificatePath,

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

    # The task runs this module as SYSTEM: whoever can change its files (or swap a folder
    # above it) would run their code as SYSTEM at every logon.
    $moduleFolder = Split-Path -Path $ModulePath -Parent
    $unsafe = @(Get-ADPhotoUnsafeWriteAccess -Path $moduleFolder)
    if ($unsafe.Count -gt 0) {
        $first = $unsafe[0]
        $who = "$($first.Principal) $($first.Reason)"
        if (-not $first.Principal) {
            $who = "it $($first.Reason)"
        }
        $more = ''
        if ($unsafe.Count -gt 1) {
            $more = " ($($unsafe.Count - 1) more: $(@($unsafe | Select-Object -Skip 1 | ForEach-Object { "$($_.Principal) on $($_.Path)" }) -join '; '))"
        }
        $message = "The module in $moduleFolder can be changed by others than administrators: $($first.Path): $who$more. " +
            'A task running it as SYSTEM would hand them the computer. Install the module where only administrators can write, ' +
            "for every user and for the SYSTEM task: Expand-Archive ADPhoto-<version>.zip -DestinationPath 'C:\Program Files\WindowsPowerShell\Modules', " +
            'then run Install-AccountPictureTask from there (or give -ModulePath).'
        $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'access-denied' -ErrorId 'ADPhoto.ModuleLocationUnsafe' -Category SecurityError -TargetObject $moduleFolder -Message $message))
    }

    $planParameters = @{
        TaskName   = $TaskName
        ModulePath = $ModulePath
        AtStartup  = $AtStartup
    }
    if ($TenantId -or $ClientId -or $CertificatePath) {
        if (-not ($TenantId -and $ClientId -and $CertificatePath)) {
            $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.TaskGraphIncomplete' -Category InvalidArgument -Message 'The task reads Microsoft 365 with -TenantId, -ClientId and -CertificatePath together (a task can hold no client secret).'))
        }
        $CertificatePath = Resolve-ADPhotoPath -Path $CertificatePath
        if (-not (Test-Path -LiteralPath $CertificatePath -PathType Leaf)) {
            $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'missing-file' -ErrorId 'ADPhoto.CertificateNotFound' -Category ObjectNotFound -TargetObject $CertificatePath -Message "The certificate $CertificatePath does not exist."))
        }
        $PSBoundParameters['CertificatePath'] = $CertificatePath
    }
    foreach ($name in @('PhotoFolder', 'Server', 'SearchBase', 'Source', 'TenantId', 'ClientId', 'CertificatePath')) {
        if ($PSBoundParameters.ContainsKey($name)) {
            $planParameters[$name] = $PSBoundParameters[$name]
        }
    }
    $plans = @(Get-AccountPictureTaskPlan @planParameters)

    foreach ($plan in $plans) {
        $existing = Get-ScheduledTask -TaskName $plan.TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
        if ($existing -and -not $Force) {
            $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'exists' -ErrorId 'ADPhoto.TaskExists' -Category ResourceExists -TargetObject "$TaskPath$($plan.TaskName)" -Message "The task $TaskPath$($plan.TaskName) exists already: add -Force to replace it."))
        }
    }

    # Windows PowerShell by its full path: the task must not find another powershell.exe on PATH.
    $powershell = Join-Path -Path $env:SystemRoot -ChildPath 'System32\WindowsPowerShell\v1.0\powershell.exe'
    # SYSTEM by its well-known SID, so the task registers on any display language.
    $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -ExecutionTimeLimit (New-TimeSpan -Minutes 5) -MultipleInstances IgnoreNew
    foreach ($plan in $plans) {
        $action = New-ScheduledTaskAction -Execute $powershell -Argument $plan.Arguments
        $when = 'at every logon, for the users signed in'
        $trigger = New-ScheduledTaskTrigger -AtLogOn
        if ($plan.Trigger -eq 'AtStartup') {
            $when = 'at startup, for every profile'
            $trigger = New-ScheduledTaskTrigger -AtStartup
        }
        if ($PSCmdlet.ShouldProcess("$TaskPath$($plan.TaskName)", "Register a task that runs Sync-AccountPicture as SYSTEM $when")) {
            try {
                Register-ScheduledTask -TaskName $plan.TaskName -TaskPath $TaskPath -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Description $plan.Description -Force:$Force -ErrorAction Stop
            } catch {
                $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'access-denied' -ErrorId 'ADPhoto.TaskNotRegistered' -TargetObject "$TaskPath$($plan.TaskName)" -Exception $_.Exception -Message "Cannot register the task $TaskPath$($plan.TaskName): $($_.Exception.Message) (run as an administrator)"))
            }
        }
    }

    # Installed again without -AtStartup: the startup task of an earlier installation goes.
    $startupName = "$TaskName at startup"
    if (-not $AtStartup -and $Force -and (Get-ScheduledTask -TaskName $startupName -TaskPath $TaskPath -ErrorAction SilentlyContinue)) {
        if ($PSCmdlet.ShouldProcess("$TaskPath$startupName", 'Unregister the startup task of an earlier installation')) {
            Unregister-ScheduledTask -TaskName $startupName -TaskPath $TaskPath -Confirm:$false -ErrorAction Stop
        }
    }
}
