//! `pwsh-check [--root DIR] [--only CHECK]… [--tree FILE]`: prints one `path:line:col: message`
//! line per problem and exits 1 if there is any error (warnings alone exit 0).

use std::path::PathBuf;
use std::process::ExitCode;

use pwsh_check::checks::CHECKS;
use pwsh_check::source::Script;
use pwsh_check::{check_repository, tree_dump};

const USAGE: &str = "usage: pwsh-check [--root DIR] [--only CHECK]... | --tree FILE";

fn main() -> ExitCode {
    let mut root = PathBuf::from(".");
    let mut only = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--root", Some(dir)) => root = PathBuf::from(dir),
            ("--only", Some(check)) if CHECKS.iter().any(|(name, _)| *name == check) => only.push(check),
            ("--tree", Some(file)) => return print_tree(&file),
            ("--help" | "-h", _) => {
                println!(
                    "{USAGE}\nchecks: {}",
                    CHECKS.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
                );
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if !root.is_dir() {
        eprintln!("pwsh-check: {} is not a directory", root.display());
        return ExitCode::from(2);
    }
    let problems = check_repository(&root, &only);
    for problem in &problems {
        println!("{problem}");
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    eprintln!(
        "pwsh-check: {errors} problem(s), {} warning(s)",
        problems.len() - errors
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_tree(file: &str) -> ExitCode {
    match std::fs::read(file) {
        Ok(bytes) => {
            print!(
                "{}",
                tree_dump::dump(&Script::parse(file, &String::from_utf8_lossy(&bytes)))
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pwsh-check: {file}: {e}");
            ExitCode::from(2)
        }
    }
}
