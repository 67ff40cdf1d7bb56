function New-ADPhotoInputSet {
    <#
    .SYNOPSIS
        An empty collection for the input rows of Set-ADPhotoBulk or Find-ADPhotoMatch.

    .DESCRIPTION
        Both commands collect every input row first (Add-ADPhotoInputRow in their process
        block) and run one job at the end (ConvertTo-ADPhotoSourceRequest): the collection is
        a hashtable with Pairs (user/file pairs for the request), Photos (files and folders to
        match by name), IdentityOfFile (the user each paired file's row named, to report a
        row whose user cannot be found) and BadRows (how many rows were invalid).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()

    @{
        Pairs          = New-Object System.Collections.Generic.List[object]
        Photos         = New-Object System.Collections.Generic.List[string]
        IdentityOfFile = @{}
        BadRows        = 0
    }
}
