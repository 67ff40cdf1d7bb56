function ConvertTo-ADPhotoImageOption {
    <#
    .SYNOPSIS
        The photo options of a conversion or a set request, from a command's -Size, -Quality, -MaxBytes and -Fit.

    .DESCRIPTION
        ConvertTo-ADPhoto (the options of adphoto_convert) and Set-ADPhotoBulk (the "photo"
        field of a set request) take the same photo parameters and hand them to the library
        the same way: "fit" always, "sizes", "quality" and "max_bytes" only when given, so the
        library's defaults for the preset or attribute apply otherwise. With -Preset, "preset"
        comes first.

    .PARAMETER BoundParameters
        The calling command's $PSBoundParameters (Size, Quality, MaxBytes).

    .PARAMETER Fit
        The command's -Fit (crop or pad), which has a default and so is passed as it is.

    .PARAMETER Preset
        The command's -Preset (ad, hd, account-pictures), if it has one.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters,

        [string]$Fit = 'crop',

        [string]$Preset
    )

    $options = [ordered]@{}
    if ($PSBoundParameters.ContainsKey('Preset')) {
        $options['preset'] = $Preset
    }
    $options['fit'] = $Fit
    if ($BoundParameters.ContainsKey('Size') -and $BoundParameters['Size']) {
        $options['sizes'] = @($BoundParameters['Size'] | ForEach-Object { [int]$_ })
    }
    if ($BoundParameters.ContainsKey('Quality')) {
        $options['quality'] = $BoundParameters['Quality']
    }
    if ($BoundParameters.ContainsKey('MaxBytes')) {
        $options['max_bytes'] = $BoundParameters['MaxBytes']
    }
    $options
}
