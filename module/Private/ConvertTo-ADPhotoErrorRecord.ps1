function ConvertTo-ADPhotoErrorRecord {
    <#
    .SYNOPSIS
        Turns an exception caught around a call into the native library into an ADPhoto ErrorRecord.

    .DESCRIPTION
        PowerShell wraps exceptions thrown by .NET methods in MethodInvocationException; this
        unwraps them. An ADPhoto.ADPhotoException carries the library's status code and kind
        (from adphoto_last_error): the error id becomes ADPhoto.<Kind> (ADPhoto.Corrupt,
        ADPhoto.InvalidRequest, ...). Any other exception keeps -DefaultKind.

    .PARAMETER ErrorRecord
        The ErrorRecord caught ($_ in a catch block).

    .PARAMETER TargetObject
        The user, file or request the call was about.

    .PARAMETER Activity
        What was being done, put before the library's message ("ConvertTo-ADPhoto photo.jpg").

    .PARAMETER DefaultKind
        The kind when the exception is not the library's.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.ErrorRecord]$ErrorRecord,

        [AllowNull()]
        [object]$TargetObject,

        [string]$Activity,

        [string]$DefaultKind = 'failed'
    )

    $exception = $ErrorRecord.Exception
    while (($exception -is [System.Management.Automation.MethodInvocationException] -or
            $exception -is [System.Reflection.TargetInvocationException]) -and $null -ne $exception.InnerException) {
        $exception = $exception.InnerException
    }

    $kind = $DefaultKind
    if ($exception.GetType().FullName -eq 'ADPhoto.ADPhotoException') {
        $kind = "$($exception.Kind)"
        if (-not $kind) {
            $kind = switch ([int]$exception.Status) {
                10 { 'null-pointer' }
                11 { 'invalid-utf8' }
                12 { 'invalid-request' }
                13 { 'too-large' }
                14 { 'invalid-state' }
                30 { 'internal' }
                default { 'failed' }
            }
        }
    }

    $message = $exception.Message
    if ($Activity) {
        $message = "${Activity}: $message"
    }
    New-ADPhotoErrorRecord -Message $message -Kind $kind -TargetObject $TargetObject -Exception $exception
}
