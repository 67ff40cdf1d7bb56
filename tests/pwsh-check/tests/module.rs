//! The real module in this repository passes every check. Until `module/` is written this test
//! fails, listing what is missing.

use std::path::Path;

#[test]
fn repository_module_passes_every_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let problems = pwsh_check::check_repository(&root, &[]);
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "pwsh-check found {} problem(s) in the PowerShell module (run `cargo run -p pwsh-check` at the repository root):\n  {}\n",
        errors.len(),
        errors.join("\n  ")
    );
}
