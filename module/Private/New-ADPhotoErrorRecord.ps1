function New-ADPhotoErrorRecord {
    <#
    .SYNOPSIS
        An ErrorRecord with a stable id ("ADPhoto.<Kind>"), a category and the user or file as target.

    .DESCRIPTION
        The library names every failure with a kebab-case kind ("invalid-image", "no-match",
        "invalid-credentials", ...). The error id is that kind in PascalCase after "ADPhoto."
        (ADPhoto.InvalidImage, ADPhoto.NoMatch, ...) unless -ErrorId is given, so scripts can
        filter on $_.FullyQualifiedErrorId. The category follows the kind when not given.

    .PARAMETER Message
        What went wrong, for the administrator.

    .PARAMETER Kind
        The library's kind of failure (kebab-case), or a module one.

    .PARAMETER ErrorId
        The error id to use instead of the one made from -Kind.

    .PARAMETER Category
        The error category to use instead of the one chosen from -Kind.

    .PARAMETER TargetObject
        The user, file or folder the error is about.

    .PARAMETER Exception
        The exception that caused the error, if any.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Message,

        [string]$Kind = 'failed',

        [string]$ErrorId,

        [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::NotSpecified,

        [AllowNull()]
        [object]$TargetObject,

        [AllowNull()]
        [System.Exception]$Exception
    )

    $kindText = "$Kind".Trim().ToLowerInvariant()
    if (-not $kindText) {
        $kindText = 'failed'
    }
    if (-not $ErrorId) {
        $words = $kindText -split '[^a-z0-9]+' | Where-Object { $_ }
        $pascal = ($words | ForEach-Object { $_.Substring(0, 1).ToUpperInvariant() + $_.Substring(1) }) -join ''
        $ErrorId = 'ADPhoto.' + $pascal
    }

    if (-not $PSBoundParameters.ContainsKey('Category')) {
        $Category = switch -Regex ($kindText) {
            'cancel' { [System.Management.Automation.ErrorCategory]::OperationStopped; break }
            'timeout|timed-out' { [System.Management.Automation.ErrorCategory]::OperationTimeout; break }
            'credential|password|auth|bind|kerberos|locked' { [System.Management.Automation.ErrorCategory]::AuthenticationError; break }
            'access|permission|rights|denied' { [System.Management.Automation.ErrorCategory]::PermissionDenied; break }
            'connect|server|tls|certificate|unavailable|busy|network' { [System.Management.Automation.ErrorCategory]::ConnectionError; break }
            'too-large|too-many|limit|budget' { [System.Management.Automation.ErrorCategory]::LimitsExceeded; break }
            'no-match|not-found|no-such|missing|no-photo|unmatched' { [System.Management.Automation.ErrorCategory]::ObjectNotFound; break }
            'ambiguous|duplicate' { [System.Management.Automation.ErrorCategory]::InvalidResult; break }
            'image|corrupt|format|heic|empty|invalid-row|csv|utf8|damaged' { [System.Management.Automation.ErrorCategory]::InvalidData; break }
            'invalid|request|usage|argument' { [System.Management.Automation.ErrorCategory]::InvalidArgument; break }
            'write|backup|ldif|journal' { [System.Management.Automation.ErrorCategory]::WriteError; break }
            'read|export' { [System.Management.Automation.ErrorCategory]::ReadError; break }
            default { [System.Management.Automation.ErrorCategory]::NotSpecified }
        }
    }

    $details = $null
    if ($null -eq $Exception) {
        $Exception = [System.InvalidOperationException]::new($Message)
    } elseif ($Exception.Message -ne $Message) {
        # Show the module's message; the library's own stays in the exception.
        $details = [System.Management.Automation.ErrorDetails]::new($Message)
    }
    $record = [System.Management.Automation.ErrorRecord]::new(
        $Exception, $ErrorId, $Category, $TargetObject)
    if ($details) {
        $record.ErrorDetails = $details
    }
    $record
}
