function Confirm-ADPhotoServerAddress {
    <#
    .SYNOPSIS
        Refuses a directory server address that carries an account or a password.

    .DESCRIPTION
        URLs carry credentials as user:password@host, so what stands before an '@' in a
        -Server value may be a password. Such a value is refused before it is shown
        anywhere (-WhatIf, a scheduled task's command line, an error): the error names the
        parameter, never the value. The account goes in -Credential, which keeps the
        password as a SecureString.

    .PARAMETER Server
        The -Server value as given.

    .EXAMPLE
        Confirm-ADPhotoServerAddress -Server 'ldaps://dc1.school.org'
        Returns nothing: the address holds no credentials.

    .EXAMPLE
        Confirm-ADPhotoServerAddress -Server 'ldaps://admin:secret@dc1'
        Throws ADPhoto.CredentialsInServer without repeating the address.
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [AllowEmptyString()]
        [AllowNull()]
        [string]$Server
    )

    if ("$Server".Contains('@')) {
        throw (New-ADPhotoErrorRecord -Kind 'invalid-argument' -ErrorId 'ADPhoto.CredentialsInServer' -Category InvalidArgument -Message (
                '-Server holds an ''@'' (not repeated here): an address never carries an account or a password. ' +
                'Give the server alone (dc1.example.edu or ldaps://host:port) and the account with -Credential.'))
    }
}
