//! Check 6: every public function declares `[OutputType(...)]` with at least one type.

use crate::layout::Repo;
use crate::module_functions::public;
use crate::problem::Problem;

pub fn check(repo: &Repo) -> Vec<Problem> {
    let mut problems = Vec::new();
    for defined in public(repo) {
        let (script, f) = (defined.script, &defined.function);
        match f.attribute("OutputType") {
            None => {
                problems.push(script.error_at(f.name_node, format!("{} does not declare [OutputType(...)]", f.name)))
            }
            Some(a) if a.arguments.is_empty() => {
                problems.push(script.error_at(a.node, format!("[OutputType()] of {} names no type", f.name)))
            }
            Some(_) => {}
        }
    }
    problems
}
