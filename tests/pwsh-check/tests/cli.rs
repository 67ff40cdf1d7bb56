//! The binary: one line per problem on stdout, exit 1 on any error, 0 otherwise.

mod common;

use std::process::Command;

use common::{bad_repo, fixtures};

fn run(root: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pwsh-check"))
        .arg("--root")
        .arg(root)
        .output()
        .expect("run pwsh-check");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn good_module_exits_zero_and_prints_nothing() {
    assert_eq!(run(&fixtures().join("good")), (0, String::new()));
}

#[test]
fn a_problem_exits_one_and_prints_its_line() {
    let repo = bad_repo("no-output-type");
    assert_eq!(
        run(&repo.root),
        (
            1,
            "module/Public/Export-ADPhoto.ps1:1:10: Export-ADPhoto does not declare [OutputType(...)]\n".to_string()
        )
    );
}

#[test]
fn tree_prints_the_parse() {
    let file = fixtures().join("good/module/ADPhoto.psd1");
    let out = Command::new(env!("CARGO_BIN_EXE_pwsh-check"))
        .arg("--tree")
        .arg(&file)
        .output()
        .expect("run pwsh-check");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("hash_literal_expression"));
}
