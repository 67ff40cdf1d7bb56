//! Checks ADPhoto's PowerShell module without PowerShell: syntax (tree-sitter-pwsh), exports,
//! comment-based help, verbs, ShouldProcess, OutputType, the C#/C interop and the manifest.

pub mod c_header;
pub mod checks;
pub mod comment_help;
pub mod csharp;
pub mod functions;
pub mod layout;
pub mod module_functions;
pub mod problem;
pub mod psd1;
pub mod source;
pub mod tree_dump;
pub mod verb_table;

use std::path::Path;

use crate::layout::Repo;
use crate::problem::Problem;

/// Runs every check (or only those named in `only`) on the repository at `root`; the problems come
/// sorted by file and position, errors and warnings together.
pub fn check_repository(root: &Path, only: &[String]) -> Vec<Problem> {
    let (repo, mut problems) = Repo::load(root);
    for (name, check) in checks::CHECKS {
        if only.is_empty() || only.iter().any(|o| o == name) {
            problems.extend(check(&repo));
        }
    }
    problems.sort();
    problems.dedup();
    problems
}
