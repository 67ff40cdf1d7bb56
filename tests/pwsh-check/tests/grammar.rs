//! How tree-sitter-pwsh parses the PowerShell the module is written in. The first test lists
//! constructs it must accept; the second pins the gaps known in tree-sitter-pwsh 0.38.1, so an
//! upgrade that closes one shows up here.

use pwsh_check::source::{descendants, Script};

fn errors(code: &str) -> Vec<String> {
    let script = Script::parse("test.ps1", code);
    descendants(script.root())
        .into_iter()
        .filter(|n| n.is_error() || n.is_missing())
        .map(|n| {
            let (line, col) = script.position(n.start_byte());
            format!("{line}:{col} {}", n.kind())
        })
        .collect()
}

#[test]
fn real_world_constructs_parse() {
    let cases = [
        "#requires -Version 5.1\n#Requires -Modules @{ ModuleName = 'ActiveDirectory'; ModuleVersion = '1.0' }\nGet-X",
        "using namespace System.IO\n[FileInfo]$f = $null",
        "\u{feff}# a UTF-8 byte order mark\r\nGet-X\r\n",
        "$p = @{ Path = 'x'; Force = $true }\nGet-Item @p -ErrorAction Stop\n& $cmd @args 2>&1 | Out-Null",
        "$h = @\"\nValue: $($o.Name) \"quoted\" @ text\n\"@\n$l = @'\nliteral $not\n'@",
        "function Set-A {\n[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Path')]\n[OutputType([void], [string[]])]\nparam(\n[Parameter(Mandatory, ValueFromPipeline, Position = 0, ParameterSetName = 'Path')]\n[ValidateNotNullOrEmpty()]\n[ValidateRange(1, 100)]\n[ValidatePattern('^a+$')]\n[ValidateSet('A', 'B')]\n[ValidateScript({ Test-Path $_ })]\n[Alias('Name')]\n[string[]]$Identity,\n[switch]$PassThru,\n[hashtable]$Opts = @{ a = 1 }\n)\nbegin {} process { if ($PSCmdlet.ShouldProcess($Identity, 'Set')) { } } end {}\n}",
        "function Get-A($a, [int]$b = 2) { $a }\nfilter Get-B { $_ }",
        "$x = $a ?? 'b'\n$y = $c ? 1 : 2\nGet-X && Get-Y || Get-Z",
        "$r = Get-Item `\n    -Path 'x' `\n    -Force",
        "$o = [pscustomobject]@{ Name = 'a'; Size = [int64]42 }\n$b = [byte[]]::new(4)\n$d = [System.Collections.Generic.Dictionary[string, int]]::new()",
        "switch -Regex ($s) {\n    '^a' { 'a' }\n    default { 'other' }\n}",
        "try { throw [System.ArgumentException]::new('bad') } catch [System.IO.IOException] { $_ } finally { }",
        "enum Fit { Crop; Pad }\nclass Foo { [string]$Name; Foo([string]$n) { $this.Name = $n } [string] ToString() { return $this.Name } }",
        "$s = 'it''s' + \"a`\"b\" + \"$($o.Name) ${env:PATH}\"\n'{0:N2} MB' -f ($n / 1MB)",
        "Add-Type -TypeDefinition (Get-Content -Raw -Path (Join-Path $PSScriptRoot 'X.cs')) -Language CSharp",
        "@{\n    RootModule = 'A.psm1'\n    FunctionsToExport = @(\n        'Get-A'\n        'Set-B',\n        'Set-C'\n    )\n    PrivateData = @{ PSData = @{ Tags = @('a', 'b') } }\n}",
    ];
    for code in cases {
        assert_eq!(errors(code), Vec::<String>::new(), "in:\n{code}");
    }
}

#[test]
fn known_grammar_gaps() {
    // PowerShell accepts all of these; tree-sitter-pwsh 0.38.1 reports syntax errors.
    let gaps = [
        // switch clauses on one line without `;` between them
        "switch ($s) { 'a' { 1 } default { 2 } }",
        // break/continue with a loop label
        ":outer foreach ($a in 1..3) { break outer }",
    ];
    for code in gaps {
        assert_ne!(
            errors(code),
            Vec::<String>::new(),
            "tree-sitter-pwsh now parses:\n{code}\nupdate the notes"
        );
    }
}

#[test]
fn attributes_then_param_with_its_parenthesis_on_the_next_line() {
    // tree-sitter-pwsh alone reads this `param` as a command; Script::parse works around it.
    let code = "function Get-A\n{\n    [CmdletBinding()]\n    [OutputType([string])]\n    param\n    (\n        [string]$A\n    )\n    begin { }\n}\n";
    let script = Script::parse("test.ps1", code);
    let functions = pwsh_check::functions::top_level_functions(&script);
    assert_eq!(
        functions[0]
            .parameters
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["A"]
    );
    assert!(functions[0].attribute("CmdletBinding").is_some());
    assert!(functions[0].attribute("OutputType").is_some());
    assert_eq!(errors(code), Vec::<String>::new());
    assert_eq!(script.text.len(), code.len());
    assert_eq!(script.text.lines().count(), code.lines().count());
}

#[test]
fn cmdlet_binding_without_param_is_reported() {
    let script = Script::parse(
        "module/x.ps1",
        "function Get-A {\n    [CmdletBinding()]\n    Get-B\n}\n",
    );
    let problems: Vec<String> = pwsh_check::checks::syntax_problems(&script)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        ["module/x.ps1:2:5: [CmdletBinding(...)] is not followed by a param() block; PowerShell rejects it here"]
    );
}

#[test]
fn indented_here_string_end_is_named() {
    let script = Script::parse(
        "module/x.ps1",
        "function Get-A {\n    $h = @\"\n    text\n    \"@\n    $h\n}\n",
    );
    let problems: Vec<String> = pwsh_check::checks::syntax_problems(&script)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        ["module/x.ps1:1:1: syntax error near `function Get-A {` (unclosed '{' at 1:16); the here-string end at 4:5 must start its line"]
    );
}
