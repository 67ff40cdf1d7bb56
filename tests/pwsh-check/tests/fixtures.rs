//! Each bad fixture trips exactly one check; the good one passes them all.

mod common;

use common::{bad_problems, empty_repo, fixtures, problems};

#[test]
fn good_module_passes_every_check() {
    assert_eq!(problems(&fixtures().join("good")), Vec::<String>::new());
}

#[test]
fn syntax_error() {
    assert_eq!(
        bad_problems("syntax-error"),
        ["module/Private/Get-NativeLibraryPath.ps1:6:91: syntax error: unexpected ')' in `$arch = [System.Runtime.InteropServices.RuntimeInformation]:…`"]
    );
}

#[test]
fn unclosed_brace_is_a_missing_node() {
    assert_eq!(
        bad_problems("unclosed-brace"),
        ["module/Public/Export-ADPhoto.ps1:43:2: syntax error: missing '}' to close the '{' at 1:25; the '{' at 36:61 is probably the one left open (the '}' it pairs with, at 43:1, is indented differently)"]
    );
}

#[test]
fn public_function_not_exported() {
    assert_eq!(
        bad_problems("not-exported"),
        ["module/Public/Export-ADPhoto.ps1:1:10: public function 'Export-ADPhoto' is missing from FunctionsToExport in module/ADPhoto.psd1"]
    );
}

#[test]
fn unapproved_verb() {
    assert_eq!(
        bad_problems("unapproved-verb"),
        ["module/Private/Fetch-PhotoCache.ps1:1:10: 'Fetch' in 'Fetch-PhotoCache' is not an approved PowerShell verb (see Get-Verb)"]
    );
}

#[test]
fn parameter_without_help() {
    assert_eq!(
        bad_problems("missing-parameter-help"),
        ["module/Public/ConvertTo-ADPhoto.ps1:35:14: parameter -MaxBytes of ConvertTo-ADPhoto has no .PARAMETER help"]
    );
}

#[test]
fn only_one_example() {
    assert_eq!(
        bad_problems("one-example"),
        ["module/Public/Export-ADPhoto.ps1:18:5: help of Export-ADPhoto has 1 .EXAMPLE section(s); at least 2 are required"]
    );
}

#[test]
fn example_without_a_command() {
    assert_eq!(
        bad_problems("example-without-command"),
        ["module/Public/Set-ADPhotoBulk.ps1:19:5: .EXAMPLE 1 of Set-ADPhotoBulk: its first line `Shows what Set-ADPhotoBulk would change for two users.` does not run a Verb-Noun command"]
    );
}

#[test]
fn help_powershell_would_ignore() {
    assert_eq!(
        bad_problems("help-ignored"),
        ["module/Public/ConvertTo-ADPhoto.ps1:2:1: PowerShell ignores the comment-based help of ConvertTo-ADPhoto: '.SYNOPSIS' must be alone on its line; put its text on the lines below"]
    );
}

#[test]
fn set_without_should_process() {
    assert_eq!(
        bad_problems("set-without-should-process"),
        ["module/Public/Set-ADPhotoBulk.ps1:27:10: Set-ADPhotoBulk changes state (verb Set): declare [CmdletBinding(SupportsShouldProcess = $true)] and call $PSCmdlet.ShouldProcess()"]
    );
}

#[test]
fn no_output_type() {
    assert_eq!(
        bad_problems("no-output-type"),
        ["module/Public/Export-ADPhoto.ps1:1:10: Export-ADPhoto does not declare [OutputType(...)]"]
    );
}

#[test]
fn dll_import_not_in_header() {
    assert_eq!(
        bad_problems("dllimport-not-in-header"),
        ["module/ADPhoto.Native.cs:17:38: imports 'adphoto_resize', which rust/include/adphoto.h does not declare"]
    );
}

#[test]
fn header_function_not_imported() {
    assert_eq!(
        bad_problems("header-not-imported"),
        ["rust/include/adphoto.h:28:13: 'adphoto_last_error' is declared but module/ADPhoto.Native.cs does not import it"]
    );
}

#[test]
fn manifest_without_license_uri() {
    assert_eq!(
        bad_problems("manifest-incomplete"),
        ["module/ADPhoto.psd1:22:18: the manifest has no PrivateData.PSData.LicenseUri"]
    );
}

#[test]
fn missing_module_fails_instead_of_passing() {
    let repo = empty_repo("missing");
    assert_eq!(
        problems(&repo.root),
        [
            "build.ps1:1:1: missing: the build script does not exist",
            "module:1:1: missing: the module directory does not exist",
            "module/ADPhoto.Native.cs:1:1: missing: the C# interop class; the interop check cannot run",
            "rust/include/adphoto.h:1:1: missing: the C header of the native library; the interop check cannot run",
        ]
    );
}
