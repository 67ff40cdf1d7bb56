function Invoke-ADPhotoGet {
    <#
    .SYNOPSIS
        The end block of Get-ADPhoto and Get-EntraPhoto: reads the users' photos in one job and returns one ADPhoto.DirectoryPhoto per user that has one.

    .DESCRIPTION
        A user who cannot be found, or who has no photo, is a non-terminating error
        (ADPhoto.NotFound, ADPhoto.NoPhoto, ...) written through -Cmdlet with the user as
        TargetObject; the others are returned. What cannot work at all (the directory's
        parameters, the connection) ends the command with a terminating error.

    .PARAMETER Cmdlet
        The calling command's $PSCmdlet: its errors and terminating errors are the command's.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters (-Attribute, the directory).

    .PARAMETER Identity
        The users given or piped.

    .PARAMETER Service
        The service of the parameters the command takes directly (see Resolve-ADPhotoDirectory).
    #>
    [CmdletBinding()]
    [OutputType('ADPhoto.DirectoryPhoto')]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [Parameter(Mandatory = $true)]
        [string[]]$Identity,

        [string]$Service = 'ActiveDirectory'
    )

    try {
        $directory = ConvertTo-ADPhotoUsersRequest -BoundParameters $BoundParameters -Service $Service
    } catch {
        $Cmdlet.ThrowTerminatingError($_)
    }
    $photo = $directory.Photo
    $request = [ordered]@{ task = 'get'; directory = $directory.Users; identities = $Identity }
    Receive-ADPhotoJobEvent -Request $request -Cmdlet $Cmdlet -Activity $Cmdlet.MyInvocation.MyCommand.Name -TargetObject $directory.Label -EventName 'item' | ForEach-Object {
        $jobEvent = $_
        if ($jobEvent.photo) {
            $bytes = [System.Convert]::FromBase64String("$($jobEvent.photo)")
            [pscustomobject]@{
                PSTypeName = 'ADPhoto.DirectoryPhoto'
                User       = $jobEvent.user
                DN         = $jobEvent.dn
                Attribute  = $photo
                Length     = $bytes.Length
                Bytes      = $bytes
                Key        = $jobEvent.key
            }
            return
        }
        $problem = Get-ADPhotoEventError -ItemEvent $jobEvent -DefaultKind 'no-photo'
        if ($null -eq $problem) {
            $reason = "$($jobEvent.reason)"
            if (-not $reason) {
                $reason = "has no $photo"
            }
            $problem = [pscustomobject]@{ Kind = 'no-photo'; Message = $reason }
        }
        $Cmdlet.WriteError((New-ADPhotoErrorRecord -Kind $problem.Kind -TargetObject $jobEvent.user -Message "$($jobEvent.user): $($problem.Message)"))
    }
}
