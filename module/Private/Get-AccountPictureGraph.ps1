function Get-AccountPictureGraph {
    <#
    .SYNOPSIS
        The "graph" object of an account-picture request (the Microsoft 365 tenant the Graph source reads), or $null when none is given.

    .DESCRIPTION
        Sync-AccountPicture takes the tenant two ways, with the same sign-in rules as every
        Microsoft 365 command (New-ADPhotoDirectory):

        - -Graph: an ADPhoto.Directory made by New-ADPhotoDirectory -TenantId ..., holding a
          client secret (SecureString or PSCredential) or a certificate. For scripts.
        - -TenantId, -ClientId and -CertificatePath: for a command line that must hold no
          secret (the scheduled task of Install-AccountPictureTask). The certificate file
          (PEM with its key, or a PFX without a password) is named, never read here.

        Giving both is an error (ADPhoto.TwoGraphSources), as is a directory of another
        service (ADPhoto.GraphNotEntra). The result holds the secret as text, from here on:
        never print it, log it or pass it to Write-Verbose.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters
    )

    $given = { param($Name) $BoundParameters.Contains($Name) -and "$($BoundParameters[$Name])".Trim() }
    $directory = $null
    if ($BoundParameters.Contains('Graph') -and $null -ne $BoundParameters['Graph']) {
        $directory = $BoundParameters['Graph']
        if ((& $given 'TenantId') -or (& $given 'ClientId') -or (& $given 'CertificatePath')) {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.TwoGraphSources' -Category InvalidArgument -Message 'Give -Graph (New-ADPhotoDirectory -TenantId ...) or -TenantId with -ClientId and -CertificatePath, not both.')
        }
        if ("$($directory.Service)" -ne 'Entra') {
            throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.GraphNotEntra' -Category InvalidArgument -TargetObject "$($directory.Name)" -Message "-Graph takes a Microsoft 365 directory (New-ADPhotoDirectory -TenantId ...), not $($directory.Service) $($directory.Name).")
        }
    } elseif ((& $given 'TenantId') -or (& $given 'ClientId') -or (& $given 'CertificatePath')) {
        $parameters = @{}
        foreach ($name in @('TenantId', 'ClientId', 'CertificatePath')) {
            if ($BoundParameters.Contains($name)) {
                $parameters[$name] = $BoundParameters[$name]
            }
        }
        $directory = ConvertTo-ADPhotoDirectory -Service Entra -BoundParameters $parameters
    } else {
        return $null
    }
    $spec = ConvertTo-ADPhotoDirectorySpec -Directory $directory
    # The account-picture request names the Graph options alone: no service type.
    $spec.Remove('type')
    $spec
}
