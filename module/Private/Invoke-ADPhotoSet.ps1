function Invoke-ADPhotoSet {
    <#
    .SYNOPSIS
        The end block of Set-ADPhotoBulk (and of Set-EntraPhotoBulk and Set-GooglePhotoBulk): builds the set request from the rows collected and the command's parameters, and runs it.

    .DESCRIPTION
        One run for whatever directory the command names: the photos (pairs or files to match,
        -Pattern), the users (-Directory, a service's parameters, or -UsersCsv), where the
        photos go (the directory, or an LDIF file with -LdifPath), the photo options (-Size,
        -Quality, -MaxBytes, -Fit), -Force and the run folder (-BackupPath). Then
        Invoke-ADPhotoSetJob plans, confirms each photo through -ShouldProcess and writes.
        Parameters that cannot work end the command with a terminating error
        (ADPhoto.NoTarget: users from a CSV can only go to an LDIF file; ADPhoto.NoServer, ...).

    .PARAMETER InputSet
        The rows collected (New-ADPhotoInputSet, Add-ADPhotoInputRow).

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: its errors and terminating errors are the command's.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters.

    .PARAMETER ShouldProcess
        The command's confirmation (see Invoke-ADPhotoSetJob).

    .PARAMETER PlanOnly
        The command runs under -WhatIf: the library stops after the plan and nothing can be written.

    .PARAMETER Service
        The service of the parameters the command takes directly (see Resolve-ADPhotoDirectory).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.Result')]
    param(
        [Parameter(Mandatory = $true)]
        [hashtable]$InputSet,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [Parameter(Mandatory = $true)]
        [scriptblock]$ShouldProcess,

        [bool]$PlanOnly,

        [string]$Service = 'ActiveDirectory'
    )

    $activity = $Cmdlet.MyInvocation.MyCommand.Name
    $source = ConvertTo-ADPhotoSourceRequest -InputSet $InputSet -Cmdlet $Cmdlet -Pattern $BoundParameters['Pattern'] -NoInputMessage 'No photos: pipe Import-Csv rows (AD_user,path_to_file), Find-ADPhotoMatch results, Get-ChildItem files or paths, or give -Path.'
    if ($null -eq $source) {
        return
    }
    $mode = 'confirm'
    if ($PlanOnly) {
        $mode = 'plan'
    }
    try {
        $users = ConvertTo-ADPhotoUsersRequest -BoundParameters $BoundParameters -Service $Service
        $where = $users.Label
        $ldif = "$($BoundParameters['LdifPath'])".Trim()
        if ($ldif) {
            $target = [ordered]@{ type = 'ldif'; path = (Resolve-ADPhotoPath -Path $ldif) }
            $where = "LDIF $($target['path'])"
        } elseif ($users.Users['type'] -eq 'csv') {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NoTarget' -Category InvalidArgument -Message 'Users from -UsersCsv can only be written to an LDIF file: add -LdifPath (or use -Server or -Directory to write to the directory).')
        } else {
            $target = [ordered]@{ type = 'directory' }
        }
        $request = [ordered]@{
            task      = 'set'
            mode      = $mode
            users     = $users.Users
            target    = $target
            attribute = $users.Attribute
            force     = [bool]$BoundParameters['Force']
        }
        if ("$($BoundParameters['BackupPath'])".Trim()) {
            $request['run_folder'] = Resolve-ADPhotoPath -Path $BoundParameters['BackupPath']
        }
    } catch {
        $Cmdlet.ThrowTerminatingError($_)
    }
    foreach ($key in $source.Keys) {
        $request[$key] = $source[$key]
    }
    $fit = 'crop'
    if ($BoundParameters['Fit']) {
        $fit = "$($BoundParameters['Fit'])"
    }
    $request['photo'] = ConvertTo-ADPhotoImageOption -BoundParameters $BoundParameters -Fit $fit

    Write-Verbose ('{0}: {1} pair(s), {2} file(s)/folder(s); {3} to {4}; mode {5}' -f $activity, $InputSet.Pairs.Count, $InputSet.Photos.Count, $users.Photo, $where, $mode)
    $photo = $users.Photo
    $users = $null
    Invoke-ADPhotoSetJob -Request $request -Cmdlet $Cmdlet -ShouldProcess $ShouldProcess -Activity $activity -Attribute $photo -Where $where -PairCount $InputSet.Pairs.Count -IdentityOfFile $InputSet.IdentityOfFile
}
