function Write-ADPhotoProgress {
    <#
    .SYNOPSIS
        Updates a command's progress bar, at most four times a second when given a stopwatch.

    .DESCRIPTION
        Jobs report thousands of users in a few seconds, and drawing the progress bar for each
        one would cost more than the work: with -Throttle, the bar is updated only when 250 ms
        have passed on that stopwatch since the last update (or with -Force), and the stopwatch
        then starts again. With -Total, the bar shows -Done out of -Total as a percentage
        (100 when -Total is 0); without it, the status text alone. Writes nothing to the pipeline.

    .PARAMETER Activity
        The progress bar's activity (the command's name).

    .PARAMETER Status
        What the bar says now.

    .PARAMETER Done
        How many of -Total are done.

    .PARAMETER Total
        How many there are in all; gives the bar a percentage.

    .PARAMETER Throttle
        The stopwatch of the last update; without it, every call updates the bar.

    .PARAMETER Force
        Update the bar even if the last update was less than 250 ms ago (the last item).
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Activity,

        [Parameter(Mandatory = $true)]
        [string]$Status,

        [double]$Done,

        [double]$Total,

        [System.Diagnostics.Stopwatch]$Throttle,

        [switch]$Force
    )

    if ($null -ne $Throttle -and -not $Force -and $Throttle.ElapsedMilliseconds -lt 250) {
        return
    }
    if ($PSBoundParameters.ContainsKey('Total')) {
        $percent = 100
        if ($Total -gt 0) {
            $percent = [int][Math]::Min(100, (100 * $Done / $Total))
        }
        Write-Progress -Activity $Activity -Status $Status -PercentComplete $percent
    } else {
        Write-Progress -Activity $Activity -Status $Status
    }
    if ($null -ne $Throttle) {
        $Throttle.Reset()
        $Throttle.Start()
    }
}
