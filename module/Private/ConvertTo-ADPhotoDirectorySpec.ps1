function ConvertTo-ADPhotoDirectorySpec {
    <#
    .SYNOPSIS
        The "directory" (or "users") object of a job request, from an ADPhoto.Directory.

    .DESCRIPTION
        Copies the directory's Spec and adds its secrets as text (the password, client secret
        or PFX password), at the last moment before the request goes to the native library.
        The result holds a secret: never print it, log it or pass it to Write-Verbose.
        For Active Directory, "attribute" names the photo attribute of the run.

    .PARAMETER Directory
        The ADPhoto.Directory (New-ADPhotoDirectory, ConvertTo-ADPhotoDirectory).

    .PARAMETER Attribute
        The photo attribute of an Active Directory run (thumbnailPhoto or jpegPhoto).
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [PSTypeName('ADPhoto.Directory')]
        [object]$Directory,

        [string]$Attribute = 'thumbnailPhoto'
    )

    $spec = [ordered]@{}
    foreach ($key in $Directory.Spec.Keys) {
        $spec[$key] = $Directory.Spec[$key]
    }
    if ($Directory.Service -eq 'ActiveDirectory') {
        $spec['attribute'] = $Attribute
    }
    foreach ($key in $Directory.Secrets.Keys) {
        # NetworkCredential turns a SecureString into text on Windows PowerShell 5.1 and 7 alike.
        $spec[$key] = (New-Object System.Net.NetworkCredential('', [System.Security.SecureString]$Directory.Secrets[$key])).Password
    }
    $spec
}
