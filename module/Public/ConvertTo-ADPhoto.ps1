<#
.SYNOPSIS
    Turns photo files (or bytes) into square, upright, metadata-free JPEGs sized for Active Directory or Microsoft 365.

.DESCRIPTION
    ConvertTo-ADPhoto reads each image once (JPEG, PNG, TIFF, WebP, BMP, GIF; HEIC gets an
    error that says to convert it), applies the EXIF orientation, crops the centred square
    (or pads it, with -Fit pad), resizes it and encodes a baseline JPEG without any metadata,
    lowering the quality (then the size) until it fits the byte budget.

    Presets: ad (96x96, 20 KB budget, never above 102400 bytes: AD thumbnailPhoto),
    hd (648x648, 4 MB: Microsoft 365), account-pictures (the Windows account-picture sizes,
    32 to 1080). -Size, -Quality and -MaxBytes override the preset.

    Files come from -Path or the pipeline (strings, or Get-ChildItem objects through their
    FullName); a folder is searched recursively for image files. Bytes come from -Bytes or
    from objects with a Bytes property (Get-ADPhoto's output). One object is returned per
    output photo, with the JPEG in its Bytes property; -OutFile (one photo) or -OutputPath
    (a folder: <name>.jpg, or <name>\Image<size>.jpg when there are several sizes) also
    writes the files. A file that cannot be converted is reported as a non-terminating
    error (ADPhoto.Corrupt, ADPhoto.UnsupportedFormat, ADPhoto.Heic, ...) and the others go on.

.PARAMETER Path
    Photo files, or folders searched recursively for image files. Accepts pipeline input,
    including Get-ChildItem output (FullName) and CSV rows with a path_to_file column.
    Relative paths are relative to the current location; wildcards are expanded.

.PARAMETER Bytes
    The image itself, as bytes (for example Get-ADPhoto's Bytes, or [System.IO.File]::ReadAllBytes()).

.PARAMETER Preset
    The output profile: ad (default), hd or account-pictures.

.PARAMETER Size
    Output size(s) in pixels, replacing the preset's sizes (for example 96, or 96, 648).

.PARAMETER Quality
    JPEG quality from 1 to 100 (default 90); lowered when needed to fit -MaxBytes.

.PARAMETER MaxBytes
    Byte budget per photo. The ad preset refuses more than 102400 (Active Directory's limit).

.PARAMETER Fit
    crop (default): keep the centred square. pad: keep the whole picture, on white.

.PARAMETER OutFile
    Also write the photo to this file. Takes exactly one photo: use -OutputPath for several.

.PARAMETER OutputPath
    Also write the photos into this folder (created if missing): <name>.jpg for one size,
    <name>\Image<size>.jpg for several.

.EXAMPLE
    ConvertTo-ADPhoto -Path .\jsmith.jpg -OutFile .\jsmith-ad.jpg

    Converts one portrait for thumbnailPhoto (96x96, at most 20 KB) and saves it.

.EXAMPLE
    Get-ChildItem \\fs1\photographer\2026 -Filter *.jpg | ConvertTo-ADPhoto -Preset hd -OutputPath C:\Photos\ready

    Converts a whole delivery for Microsoft 365 (648x648) into C:\Photos\ready.

.EXAMPLE
    ConvertTo-ADPhoto -Path .\photos -Size 96 -MaxBytes 10240 | Select-Object Source, Width, Quality, Length

    Shows how small each photo gets at 96 pixels within a 10 KB budget, writing nothing.

.EXAMPLE
    Get-ADPhoto -Identity jsmith -Server dc1.school.org | ConvertTo-ADPhoto -Size 48 -OutFile .\jsmith-48.jpg

    Makes a 48x48 copy of the photo a user has in the directory.

.INPUTS
    System.String, System.IO.FileInfo, or any object with a FullName, path_to_file or Bytes property.

.OUTPUTS
    ADPhoto.Photo: Source, Size, Width, Height, Quality, Length, Bytes, Format, SourceWidth,
    SourceHeight, Warnings, Path (the file written, if any).

.NOTES
    The same input and options always give the same bytes, so a later Set-ADPhotoBulk run
    can tell that nothing changed. Files larger than 64 MiB are refused before they are read.

.LINK
    Set-ADPhotoBulk
#>
function ConvertTo-ADPhoto {
    [CmdletBinding(DefaultParameterSetName = 'Path', SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    [OutputType('ADPhoto.Photo')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'Path', ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName', 'path_to_file', 'File')]
        [string[]]$Path,

        [Parameter(Mandatory = $true, ParameterSetName = 'Bytes', ValueFromPipelineByPropertyName = $true)]
        [byte[]]$Bytes,

        [ValidateSet('ad', 'hd', 'account-pictures')]
        [string]$Preset = 'ad',

        [ValidateRange(16, 4096)]
        [int[]]$Size,

        [ValidateRange(1, 100)]
        [int]$Quality,

        [ValidateRange(1024, 268435456)]
        [long]$MaxBytes,

        [ValidateSet('crop', 'pad')]
        [string]$Fit = 'crop',

        [Parameter()]
        [string]$OutFile,

        [Parameter()]
        [string]$OutputPath
    )

    begin {
        $maxFileBytes = 64MB
        $imageExtensions = @('.jpg', '.jpeg', '.jpe', '.png', '.gif', '.bmp', '.tif', '.tiff', '.webp', '.heic', '.heif', '.avif')

        if ($PSBoundParameters.ContainsKey('OutFile') -and $PSBoundParameters.ContainsKey('OutputPath')) {
            $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.OutFileAndOutputPath' -Category InvalidArgument -Message 'Give -OutFile (one photo) or -OutputPath (a folder), not both.'))
        }
        $outFileFull = $null
        $outputFolder = $null
        try {
            if ($OutFile) {
                $outFileFull = Resolve-ADPhotoPath -Path $OutFile
            }
            if ($OutputPath) {
                $outputFolder = Resolve-ADPhotoPath -Path $OutputPath
            }
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-ADPhotoErrorRecord -Kind 'invalid-argument' -Category InvalidArgument -Message "The output path cannot be used: $($_.Exception.Message)"))
        }

        $options = ConvertTo-ADPhotoImageOption -BoundParameters $PSBoundParameters -Fit $Fit -Preset $Preset
        $optionsJson = ConvertTo-ADPhotoJson -InputObject $options

        $outFileUsed = $false
        $namesUsed = @{}
    }

    process {
        # What to convert: (name for the output file, where it came from, how to read it).
        $inputs = New-Object System.Collections.Generic.List[object]
        if ($PSCmdlet.ParameterSetName -eq 'Bytes') {
            $inputs.Add([pscustomobject]@{ Name = 'photo'; Source = '(bytes)'; File = $null })
        } else {
            foreach ($item in $Path) {
                if ($null -eq $item -or -not "$item".Trim()) {
                    continue
                }
                $text = "$item".Trim()
                $files = @()
                try {
                    if (Test-Path -LiteralPath $text) {
                        $files = @(Get-Item -LiteralPath $text -Force -ErrorAction Stop)
                    } elseif ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($text)) {
                        $files = @(Get-Item -Path $text -Force -ErrorAction Stop)
                    }
                } catch {
                    $files = @()
                }
                if ($files.Count -eq 0) {
                    $record = New-ADPhotoErrorRecord -Kind 'missing-file' -ErrorId 'ADPhoto.FileNotFound' -Category ObjectNotFound -TargetObject $text -Message "Cannot find the photo file '$text'."
                    $PSCmdlet.WriteError($record)
                    continue
                }
                foreach ($f in $files) {
                    if ($f -is [System.IO.DirectoryInfo]) {
                        $found = Get-ChildItem -LiteralPath $f.FullName -Recurse -File -Force -ErrorAction SilentlyContinue |
                            Where-Object { $imageExtensions -contains $_.Extension.ToLowerInvariant() } |
                            Sort-Object -Property FullName
                        foreach ($g in $found) {
                            $inputs.Add([pscustomobject]@{ Name = $g.BaseName; Source = $g.FullName; File = $g })
                        }
                    } elseif ($f -is [System.IO.FileInfo]) {
                        $inputs.Add([pscustomobject]@{ Name = $f.BaseName; Source = $f.FullName; File = $f })
                    } else {
                        $record = New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.NotAFile' -Category InvalidArgument -TargetObject $text -Message "'$text' is not a file or folder."
                        $PSCmdlet.WriteError($record)
                    }
                }
            }
        }

        foreach ($entry in $inputs) {
            $image = $Bytes
            if ($null -ne $entry.File) {
                if ($entry.File.Length -gt $maxFileBytes) {
                    $record = New-ADPhotoErrorRecord -Kind 'file-too-large' -TargetObject $entry.Source -Message ("{0}: the file has {1} bytes; photos larger than {2} bytes are refused." -f $entry.Source, $entry.File.Length, $maxFileBytes)
                    $PSCmdlet.WriteError($record)
                    continue
                }
                try {
                    $image = [System.IO.File]::ReadAllBytes($entry.Source)
                } catch {
                    $record = New-ADPhotoErrorRecord -Kind 'read' -ErrorId 'ADPhoto.ReadFailed' -Category ReadError -TargetObject $entry.Source -Exception $_.Exception -Message "$($entry.Source): cannot read the file: $($_.Exception.Message)"
                    $PSCmdlet.WriteError($record)
                    continue
                }
            }
            if ($null -eq $image -or $image.Length -eq 0) {
                $record = New-ADPhotoErrorRecord -Kind 'empty-file' -TargetObject $entry.Source -Message "$($entry.Source): the image is empty."
                $PSCmdlet.WriteError($record)
                continue
            }

            $infoJson = $null
            try {
                $photos = [ADPhoto.Native]::Convert($image, $optionsJson, [ref]$infoJson)
            } catch {
                $PSCmdlet.WriteError((ConvertTo-ADPhotoErrorRecord -ErrorRecord $_ -TargetObject $entry.Source -Activity $entry.Source -DefaultKind 'convert'))
                continue
            }
            $info = ConvertFrom-Json -InputObject $infoJson
            $outputs = @($info.outputs)
            $warnings = @($info.warnings | Where-Object { $_ })
            foreach ($w in $warnings) {
                Write-Warning "$($entry.Source): $w"
            }

            foreach ($output in $outputs) {
                $length = [int]$output.length
                $jpeg = New-Object byte[] $length
                [System.Array]::Copy($photos, [long]$output.offset, $jpeg, 0L, [long]$length)

                $photo = [pscustomobject]@{
                    PSTypeName   = 'ADPhoto.Photo'
                    Source       = $entry.Source
                    Size         = $output.size
                    Width        = $output.width
                    Height       = $output.height
                    Quality      = $output.quality
                    Length       = $length
                    Bytes        = $jpeg
                    Format       = $info.source.format
                    SourceWidth  = $info.source.width
                    SourceHeight = $info.source.height
                    Warnings     = $warnings
                    Path         = $null
                }

                $destination = $null
                if ($outFileFull) {
                    if ($outFileUsed) {
                        $record = New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.OutFileTakesOnePhoto' -Category InvalidArgument -TargetObject $entry.Source -Message "$($entry.Source): -OutFile takes one photo and already has one; use -OutputPath for several."
                        $PSCmdlet.WriteError($record)
                    } else {
                        $destination = $outFileFull
                        $outFileUsed = $true
                    }
                } elseif ($outputFolder) {
                    if ($outputs.Count -gt 1) {
                        $destination = [System.IO.Path]::Combine($outputFolder, $entry.Name, ('Image{0}.jpg' -f $output.size))
                    } else {
                        $destination = [System.IO.Path]::Combine($outputFolder, $entry.Name + '.jpg')
                    }
                    $key = $destination.ToLowerInvariant()
                    if ($namesUsed.ContainsKey($key) -and $namesUsed[$key] -ne $entry.Source) {
                        $record = New-ADPhotoErrorRecord -Kind 'output-collision' -Category ResourceExists -TargetObject $entry.Source -Message ("{0} and {1} would both be written to {2}; rename one of them." -f $namesUsed[$key], $entry.Source, $destination)
                        $PSCmdlet.WriteError($record)
                        $destination = $null
                    } else {
                        $namesUsed[$key] = $entry.Source
                    }
                }

                if ($destination -and $PSCmdlet.ShouldProcess($destination, ("Write {0}x{1} photo ({2} bytes) from {3}" -f $output.width, $output.height, $length, $entry.Source))) {
                    try {
                        $folder = [System.IO.Path]::GetDirectoryName($destination)
                        if ($folder) {
                            [void][System.IO.Directory]::CreateDirectory($folder)
                        }
                        [System.IO.File]::WriteAllBytes($destination, $jpeg)
                        $photo.Path = $destination
                    } catch {
                        $record = New-ADPhotoErrorRecord -Kind 'write' -ErrorId 'ADPhoto.WriteFailed' -Category WriteError -TargetObject $destination -Exception $_.Exception -Message "Cannot write $destination : $($_.Exception.Message)"
                        $PSCmdlet.WriteError($record)
                    }
                }
                $photo
            }
        }
    }
}
