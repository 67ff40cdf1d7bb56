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

        With -Command, the parameters -Command has in every parameter set are copied first:
        that gives the Entra and Google commands the parameters of the ADPhoto command they
        stand for, so that Set-EntraPhotoBulk takes exactly what Set-ADPhotoBulk takes
        (-Directory is in a set of its own and is never copied).

        With -WithAttribute, the command also takes -Attribute (thumbnailPhoto or jpegPhoto, the
        Active Directory attribute the photo is in) in every parameter set: declared here once
        for every command that reads or writes Active Directory photos, with the other Active
        Directory parameters. Its default, thumbnailPhoto, is applied by
        ConvertTo-ADPhotoUsersRequest.

    .PARAMETER Service
        The service whose parameters are copied: New-ADPhotoDirectory's parameter set
        ActiveDirectory, Entra or Google.

    .PARAMETER Command
        An ADPhoto command whose parameters of every set are copied too.

    .PARAMETER ParameterSetName
        The parameter set the copies belong to in the calling command (default: every set).

    .PARAMETER Position
        Positions for some of the copies, by parameter name.

    .PARAMETER Exclude
        Parameters not to copy.

    .PARAMETER WithAttribute
        Add -Attribute (see the description).

    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.RuntimeDefinedParameterDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('ActiveDirectory', 'Entra', 'Google')]
        [string]$Service,

        [string]$Command,

        [string]$ParameterSetName = '__AllParameterSets',

        [hashtable]$Position = @{},

        [string[]]$Exclude = @(),

        [switch]$WithAttribute
    )

    $dictionary = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
    $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
    # Which command's parameters, from which of its parameter sets; the first copy of a name wins.
    $sources = [ordered]@{}
    if ($Command) {
        $sources[$Command] = '__AllParameterSets'
    }
    $sources['New-ADPhotoDirectory'] = $Service
    foreach ($sourceName in $sources.Keys) {
        $from = $sources[$sourceName]
        foreach ($parameter in (Get-Command -Name $sourceName -CommandType Function -ErrorAction Stop).Parameters.Values) {
            $name = $parameter.Name
            if ($common -contains $name -or $Exclude -contains $name -or $parameter.IsDynamic -or
                $dictionary.ContainsKey($name) -or -not $parameter.ParameterSets.ContainsKey($from)) {
                continue
            }
            $inSource = $parameter.ParameterSets[$from]
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
            $dictionary.Add($name, (New-Object System.Management.Automation.RuntimeDefinedParameter($name, $parameter.ParameterType, $attributes)))
        }
    }
    if ($WithAttribute -and -not $dictionary.ContainsKey('Attribute')) {
        $attributes = New-Object 'System.Collections.ObjectModel.Collection[System.Attribute]'
        $attributes.Add((New-Object System.Management.Automation.ParameterAttribute))
        $attributes.Add([System.Management.Automation.ValidateSetAttribute]::new([string[]]@('thumbnailPhoto', 'jpegPhoto')))
        $dictionary.Add('Attribute', (New-Object System.Management.Automation.RuntimeDefinedParameter('Attribute', [string], $attributes)))
    }
    $dictionary
}
