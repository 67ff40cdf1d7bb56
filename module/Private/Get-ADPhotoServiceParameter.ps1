function Get-ADPhotoServiceParameter {
    <#
    .SYNOPSIS
        Another command's parameters, offered as dynamic parameters: how every command shares one declaration of each service's parameters.

    .DESCRIPTION
        New-ADPhotoDirectory declares the parameters of each service once (its parameter sets
        ActiveDirectory, Entra and Google). A command that also takes them directly, as scripts
        written for earlier releases do (Get-ADPhoto -Server dc1 -Credential ...), returns this
        from its dynamicparam block instead of declaring them again: the parameters of set
        -From of -Command, with their types, aliases, validation and credential attributes and
        whether they are mandatory there, put into the command's parameter set
        -ParameterSetName. Positions are not copied (the command has its own), except those
        -Position gives. Common parameters (-Verbose, -WhatIf, ...) are never copied.

        The same copy gives the Entra and Google commands the parameters of the ADPhoto command
        they stand for, so that Set-EntraPhotoBulk takes exactly what Set-ADPhotoBulk takes.

    .PARAMETER Command
        The command whose parameters are copied (New-ADPhotoDirectory, Set-ADPhotoBulk, ...).

    .PARAMETER From
        Its parameter set whose parameters are copied; '__AllParameterSets' for those that
        belong to every set.

    .PARAMETER ParameterSetName
        The parameter set the copies belong to in the calling command (default: every set).

    .PARAMETER Position
        Positions for some of the copies, by parameter name.

    .PARAMETER Exclude
        Parameters not to copy.

    .PARAMETER Dictionary
        A dictionary to add the copies to (default: a new one), to combine several sources.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.RuntimeDefinedParameterDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Command,

        [Parameter(Mandatory = $true)]
        [string]$From,

        [string]$ParameterSetName = '__AllParameterSets',

        [hashtable]$Position = @{},

        [string[]]$Exclude = @(),

        [System.Management.Automation.RuntimeDefinedParameterDictionary]$Dictionary
    )

    if ($null -eq $Dictionary) {
        $Dictionary = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
    }
    $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
    $source = Get-Command -Name $Command -CommandType Function -ErrorAction Stop
    foreach ($parameter in $source.Parameters.Values) {
        $name = $parameter.Name
        if ($common -contains $name -or $Exclude -contains $name -or $parameter.IsDynamic -or
            $Dictionary.ContainsKey($name) -or -not $parameter.ParameterSets.ContainsKey($From)) {
            continue
        }
        $inSource = $parameter.ParameterSets[$From]
        $binding = New-Object System.Management.Automation.ParameterAttribute
        $binding.ParameterSetName = $ParameterSetName
        $binding.Mandatory = $inSource.IsMandatory
        $binding.ValueFromPipeline = $inSource.ValueFromPipeline
        $binding.ValueFromPipelineByPropertyName = $inSource.ValueFromPipelineByPropertyName
        if ($Position.ContainsKey($name)) {
            $binding.Position = [int]$Position[$name]
        }
        $attributes = New-Object 'System.Collections.ObjectModel.Collection[System.Attribute]'
        $attributes.Add($binding)
        # Aliases, ValidateSet/ValidateRange, [Credential()] and the type conversion, as declared.
        foreach ($attribute in $parameter.Attributes) {
            if (-not ($attribute -is [System.Management.Automation.ParameterAttribute])) {
                $attributes.Add($attribute)
            }
        }
        $Dictionary.Add($name, (New-Object System.Management.Automation.RuntimeDefinedParameter($name, $parameter.ParameterType, $attributes)))
    }
    $Dictionary
}
