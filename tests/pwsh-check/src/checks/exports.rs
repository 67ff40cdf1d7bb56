//! Check 2: one public function per file, named like the file; the public functions are exactly
//! the manifest's `FunctionsToExport`; no name is both public and private; one helper per private file.

use std::collections::HashMap;

use crate::layout::{file_stem, Repo, PRIVATE_DIR};
use crate::module_functions::{functions_to_export, private, public};
use crate::problem::Problem;
use crate::source::Script;

pub fn check(repo: &Repo) -> Vec<Problem> {
    let mut problems = Vec::new();
    for script in repo.public() {
        one_function_per_file(script, "public", true, &mut problems);
    }
    for script in repo.private() {
        one_function_per_file(script, "private", false, &mut problems);
    }

    let public = public(repo);
    let private = private(repo);
    let all: Vec<_> = public.iter().chain(&private).collect();
    for (i, d) in all.iter().enumerate() {
        if let Some(first) = all[..i]
            .iter()
            .find(|e| e.function.name.eq_ignore_ascii_case(&d.function.name))
        {
            if d.script.path.starts_with(PRIVATE_DIR) == first.script.path.starts_with(PRIVATE_DIR) {
                problems.push(d.script.error_at(
                    d.function.name_node,
                    format!(
                        "'{}' is already defined in {}; the later definition silently wins",
                        d.function.name, first.script.path
                    ),
                ));
            }
        }
    }
    for p in &private {
        if let Some(q) = public
            .iter()
            .find(|q| q.function.name.eq_ignore_ascii_case(&p.function.name))
        {
            problems.push(p.script.error_at(
                p.function.name_node,
                format!("'{}' is both private and public ({})", p.function.name, q.script.path),
            ));
        }
    }

    let Some((manifest, exported)) = functions_to_export(repo) else {
        return problems;
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (name, node) in &exported {
        let count = seen.entry(name.to_ascii_lowercase()).or_default();
        *count += 1;
        if *count == 2 {
            problems.push(manifest.error_at(*node, format!("FunctionsToExport lists '{name}' more than once")));
        }
    }
    for (name, node) in exported.iter().filter(|(n, _)| !n.contains(['*', '?'])) {
        match public.iter().find(|p| p.function.name.eq_ignore_ascii_case(name)) {
            None => problems.push(manifest.error_at(
                *node,
                format!("FunctionsToExport lists '{name}', which no file in module/Public defines"),
            )),
            Some(p) if p.function.name != *name => problems.push(manifest.warning_at(
                *node,
                format!(
                    "FunctionsToExport writes '{name}' but the function is defined as '{}'",
                    p.function.name
                ),
            )),
            Some(_) => {}
        }
    }
    for p in &public {
        if !exported
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(&p.function.name))
        {
            problems.push(p.script.error_at(
                p.function.name_node,
                format!(
                    "public function '{}' is missing from FunctionsToExport in {}",
                    p.function.name, manifest.path
                ),
            ));
        }
    }
    problems
}

/// A public file defines exactly one function, named like the file; a private file exactly one.
fn one_function_per_file(script: &Script, kind: &str, named_like_file: bool, problems: &mut Vec<Problem>) {
    let functions = crate::functions::top_level_functions(script);
    let stem = file_stem(&script.path);
    match functions.as_slice() {
        [] => problems.push(Problem::file(
            &script.path,
            format!(
                "defines no function; a {kind} file defines exactly one{}",
                expected(named_like_file, stem)
            ),
        )),
        [first, rest @ ..] => {
            if named_like_file && first.name != stem {
                problems.push(script.error_at(
                    first.name_node,
                    format!("function '{}' is not named like its file ('{stem}')", first.name),
                ));
            }
            for extra in rest {
                problems.push(script.error_at(
                    extra.name_node,
                    format!(
                        "second function '{}' in a {kind} file; define one function per file",
                        extra.name
                    ),
                ));
            }
        }
    }
}

fn expected(named_like_file: bool, stem: &str) -> String {
    if named_like_file {
        format!(", named '{stem}'")
    } else {
        String::new()
    }
}
