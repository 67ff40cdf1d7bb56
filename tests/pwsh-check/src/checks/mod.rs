//! The checks, one per file. Each reads the loaded repository and returns its problems.

mod exports;
mod help;
mod interop;
mod manifest;
mod output_type;
mod should_process;
mod syntax;
mod verbs;

use crate::layout::Repo;
use crate::problem::Problem;

/// A check: it reads the repository and returns its problems.
pub type Check = fn(&Repo) -> Vec<Problem>;

/// Each check's name (as `--only` takes it) and the function that runs it.
pub const CHECKS: &[(&str, Check)] = &[
    ("syntax", syntax::check),
    ("exports", exports::check),
    ("help", help::check),
    ("verbs", verbs::check),
    ("should-process", should_process::check),
    ("output-type", output_type::check),
    ("interop", interop::check),
    ("manifest", manifest::check),
];

/// The syntax check for one parsed file (for tests and tools that parse text themselves).
pub fn syntax_problems(script: &crate::source::Script) -> Vec<Problem> {
    syntax::check_file(script)
}
