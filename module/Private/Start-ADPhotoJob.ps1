function Start-ADPhotoJob {
    <#
    .SYNOPSIS
        Starts a job in the native library and returns its handle (an ADPhoto.Job).

    .DESCRIPTION
        Serialises the request to JSON and calls [ADPhoto.Native]::StartJob. A request the
        library refuses (unknown field, bad value) throws an ErrorRecord with the library's
        kind (ADPhoto.InvalidRequest, ...). The caller owns the job: pull it with
        Invoke-ADPhotoJob, which disposes it at the end, on error and on Ctrl+C.
        The request may hold a password: it is never written anywhere but to the library.

    .PARAMETER Request
        The request: an ordered hashtable with a "task" key (see rust/include/README.md).
    #>
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Request
    )

    $task = $Request['task']
    Write-Verbose "Starting the native '$task' job"
    $json = ConvertTo-ADPhotoJson -InputObject $Request
    try {
        $job = [ADPhoto.Native]::StartJob($json)
    } catch {
        throw (ConvertTo-ADPhotoErrorRecord -ErrorRecord $_ -TargetObject $task -Activity "Cannot start the $task job" -DefaultKind 'invalid-request')
    } finally {
        $json = $null
    }
    , $job
}
