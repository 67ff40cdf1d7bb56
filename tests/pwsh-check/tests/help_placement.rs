//! Where comment-based help is found relative to the function, and which blocks PowerShell would
//! ignore, mirroring `Get-Help`.

use pwsh_check::comment_help::{locate, Located};
use pwsh_check::functions::top_level_functions;
use pwsh_check::source::Script;

/// The synopsis PowerShell would show for the only function in `code`, or why there is none.
fn synopsis(code: &str) -> Result<String, String> {
    let script = Script::parse("test.ps1", code);
    let functions = top_level_functions(&script);
    assert_eq!(functions.len(), 1, "one function expected in:\n{code}");
    match locate(&script, &functions[0]) {
        Located::Found(help) => Ok(help.sections("SYNOPSIS").next().map(|s| s.text()).unwrap_or_default()),
        Located::Rejected { reason, .. } => Err(reason),
        Located::Missing => Err("missing".to_string()),
    }
}

#[test]
fn right_before_the_function() {
    assert_eq!(
        synopsis("<#\n.SYNOPSIS\nBefore.\n#>\nfunction Get-A { param() }\n"),
        Ok("Before.".into())
    );
}

#[test]
fn one_blank_line_before_the_function_is_allowed() {
    assert_eq!(
        synopsis("<#\n.SYNOPSIS\nBefore.\n#>\n\nfunction Get-A { param() }\n"),
        Ok("Before.".into())
    );
}

#[test]
fn two_blank_lines_detach_the_help() {
    assert_eq!(
        synopsis("<#\n.SYNOPSIS\nBefore.\n#>\n\n\nfunction Get-A { param() }\n"),
        Err("missing".into())
    );
}

#[test]
fn at_the_start_of_the_body() {
    let code =
        "function Get-A {\n    <#\n    .SYNOPSIS\n        Inside.\n    #>\n    [CmdletBinding()]\n    param()\n}\n";
    assert_eq!(synopsis(code), Ok("Inside.".into()));
}

#[test]
fn after_an_ordinary_comment_at_the_start_of_the_body() {
    let code = "function Get-A {\n    # not help\n\n    <#\n    .SYNOPSIS\n    Second block.\n    #>\n    param()\n}\n";
    assert_eq!(synopsis(code), Ok("Second block.".into()));
}

#[test]
fn at_the_end_of_the_body() {
    let code = "function Get-A {\n    param()\n    'x'\n    <#\n    .SYNOPSIS\n    At the end.\n    #>\n}\n";
    assert_eq!(synopsis(code), Ok("At the end.".into()));
}

#[test]
fn a_comment_after_code_in_the_body_is_not_help() {
    let code = "function Get-A {\n    param()\n    <#\n    .SYNOPSIS\n    Middle.\n    #>\n    'x'\n}\n";
    assert_eq!(synopsis(code), Err("missing".into()));
}

#[test]
fn line_comments_make_a_block() {
    let code = "# .SYNOPSIS\n#   Lines.\n# .DESCRIPTION\n#   More.\nfunction Get-A { param() }\n";
    assert_eq!(synopsis(code), Ok("Lines.".into()));
}

#[test]
fn unknown_keyword_makes_powershell_ignore_the_block() {
    let code = "<#\n.SYNOPSIS\nUses\n.NET types.\n#>\nfunction Get-A { param() }\n";
    assert_eq!(
        synopsis(code),
        Err("'.NET types.' is not a help keyword (a line starting with '.WORD' ends the section)".into())
    );
}

#[test]
fn text_before_the_first_keyword_makes_powershell_ignore_the_block() {
    let code = "<#\nCopyright notice\n.SYNOPSIS\nX\n#>\nfunction Get-A { param() }\n";
    assert_eq!(
        synopsis(code),
        Err("text before the first keyword ('Copyright notice')".into())
    );
}

#[test]
fn parameter_needs_a_single_name() {
    let code = "<#\n.SYNOPSIS\nX\n.PARAMETER\nNo name.\n#>\nfunction Get-A { param($A) }\n";
    assert_eq!(synopsis(code), Err("'.PARAMETER' needs a name after it".into()));
}

#[test]
fn help_before_wins_over_help_inside() {
    let code = "<#\n.SYNOPSIS\nOutside.\n#>\nfunction Get-A {\n<#\n.SYNOPSIS\nInside.\n#>\nparam()\n}\n";
    assert_eq!(synopsis(code), Ok("Outside.".into()));
}
