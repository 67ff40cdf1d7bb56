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
    The service the photos come from: ActiveDirectory, Microsoft365 or Google.

.PARAMETER To
    The services they go to (one or more): ActiveDirectory, Microsoft365, Google.

.PARAMETER Server
    Active Directory: the directory server (dc1.example.edu, ldaps://host:port).

.PARAMETER Credential
    Active Directory: the account to sign in with (default: the current user's Kerberos ticket).

.PARAMETER SearchBase
    Active Directory: where to look for the users.

.PARAMETER Attribute
    Active Directory: thumbnailPhoto (default) or jpegPhoto.

.PARAMETER CaCertificate
    Trust exactly this CA certificate (PEM file) for the directory server.

.PARAMETER TenantId
    Microsoft 365: the tenant id or a verified domain (contoso.onmicrosoft.com).

.PARAMETER ClientId
    Microsoft 365: the app registration's application id.

.PARAMETER ClientSecret
    Microsoft 365: the app's client secret.

.PARAMETER CertificatePath
    Microsoft 365: sign in with the app's certificate (PEM or PFX) instead of a secret.

.PARAMETER KeyFile
    Google Workspace: the service account's JSON key file.

.PARAMETER Subject
    Google Workspace: the administrator the service account acts as.

.PARAMETER Domain
    Google Workspace: only users of this domain.

.PARAMETER Pattern
    How users pair across the services, e.g. '{employeeID}' or '{mail}', tried in order.

.PARAMETER OnlyMissing
    Fill gaps only: users who have a photo in a target are left alone.

.PARAMETER AllowSmaller
    Let a smaller source photo replace a larger one.

.PARAMETER Force
    Write even what is unchanged, and replace photos someone else changed since ADPhoto wrote them.

.PARAMETER BackupPath
    The run folder for backups and journals (default: a dated folder). Reusing it resumes that run.

.EXAMPLE
    Sync-ADPhoto -From Microsoft365 -To ActiveDirectory -TenantId contoso.onmicrosoft.com -ClientId $appId -ClientSecret $secret -Server dc1.contoso.com

    "Use existing HD": makes every AD thumbnailPhoto from the 648-pixel photo in Microsoft 365,
    replacing blurry ones, never a better one.

.EXAMPLE
    Sync-ADPhoto -From Microsoft365 -To ActiveDirectory -OnlyMissing -TenantId contoso.onmicrosoft.com -ClientId $appId -ClientSecret $secret -Server dc1.contoso.com -WhatIf

    Shows which AD users without a photo would get the one they have in Microsoft 365.

.EXAMPLE
    Sync-ADPhoto -From ActiveDirectory -To Microsoft365, Google -Attribute jpegPhoto -Server dc1.school.org -TenantId school.onmicrosoft.com -ClientId $appId -ClientSecret $secret -KeyFile .\key.json -Subject admin@school.org

    Copies AD's 648-pixel jpegPhoto into Microsoft 365 and Google Workspace at once.

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
        [ValidateSet('ActiveDirectory', 'Microsoft365', 'Google')]
        [string]$From,

        [Parameter(Mandatory = $true)]
        [ValidateSet('ActiveDirectory', 'Microsoft365', 'Google')]
        [string[]]$To,

        [string]$Server,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [string]$SearchBase,

        [ValidateSet('thumbnailPhoto', 'jpegPhoto')]
        [string]$Attribute = 'thumbnailPhoto',

        [string]$CaCertificate,

        [string]$TenantId,

        [string]$ClientId,

        [System.Security.SecureString]$ClientSecret,

        [string]$CertificatePath,

        [string]$KeyFile,

        [string]$Subject,

        [string]$Domain,

        [string[]]$Pattern,

        [switch]$OnlyMissing,

        [switch]$AllowSmaller,

        [switch]$Force,

        [string]$BackupPath
    )

    try {
        if ($To -contains $From) {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -Category InvalidArgument -Message "$From is both the source and a target.")
        }
        # Each service's own options only: -Credential is AD's account, never Microsoft 365's.
        $bound = $PSBoundParameters
        $directoryOf = {
            param([string]$Service)
            switch ($Service) {
                'ActiveDirectory' {
                    $spec = ConvertTo-ADPhotoDirectoryRequest -BoundParameters $bound -Attribute $Attribute
                    @{ Address = "$($spec.server)"; Spec = $spec }
                }
                'Microsoft365' {
                    $entra = @{}
                    foreach ($name in @('TenantId', 'ClientId', 'ClientSecret', 'CertificatePath')) {
                        if ($bound.ContainsKey($name)) { $entra[$name] = $bound[$name] }
                    }
                    $spec = ConvertTo-EntraPhotoDirectoryRequest -BoundParameters $entra
                    @{ Address = "graph:$($spec.tenant)"; Spec = $spec }
                }
                'Google' {
                    $keyPath = "$KeyFile".Trim()
                    if (-not $keyPath) { $keyPath = "$env:GOOGLE_APPLICATION_CREDENTIALS".Trim() }
                    if (-not $keyPath -or -not "$Subject".Trim()) {
                        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoKeyFile' -Category InvalidArgument -Message 'Google Workspace needs -KeyFile (the JSON key file) and -Subject (the administrator it acts as).')
                    }
                    # The key file is named, never read here: only the native library opens it.
                    $spec = [ordered]@{ type = 'google'; key_file = (Resolve-ADPhotoPath -Path $keyPath); subject = "$Subject".Trim() }
                    if ("$Domain".Trim()) { $spec['domain'] = "$Domain".Trim() }
                    @{ Address = "google:$("$Domain".Trim())"; Spec = $spec }
                }
            }
        }
        $source = & $directoryOf $From
        $targets = @(foreach ($service in $To) {
                $t = & $directoryOf $service
                [ordered]@{ address = $t.Address; directory = $t.Spec }
            })
        $options = [ordered]@{
            only_missing  = [bool]$OnlyMissing
            allow_smaller = [bool]$AllowSmaller
            force         = [bool]$Force
        }
        if ($Pattern) { $options['patterns'] = @($Pattern) }
        if ($BackupPath) { $options['run_folder'] = Resolve-ADPhotoPath -Path $BackupPath }
        $whatIf = -not $PSCmdlet.ShouldProcess(($To -join ', '), "Copy the photos of $From")
        $request = [ordered]@{ task = 'sync'; source = $source.Spec; targets = $targets; options = $options; what_if = $whatIf }
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
