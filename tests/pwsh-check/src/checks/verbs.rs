//! Check 4: every public and private function is named `Verb-Noun` with an approved verb written
//! as `Get-Verb` writes it, and a PascalCase noun (letters and digits, starting upper-case). A noun
//! that looks plural is a warning only.

use crate::layout::Repo;
use crate::module_functions::{private, public};
use crate::problem::Problem;
use crate::verb_table::lookup;

pub fn check(repo: &Repo) -> Vec<Problem> {
    let mut problems = Vec::new();
    for defined in public(repo).into_iter().chain(private(repo)) {
        let (script, f) = (defined.script, &defined.function);
        let Some((verb, noun)) = f.verb_noun() else {
            problems.push(script.error_at(f.name_node, format!("'{}' is not named Verb-Noun", f.name)));
            continue;
        };
        match lookup(verb) {
            None => problems.push(script.error_at(
                f.name_node,
                format!(
                    "'{verb}' in '{}' is not an approved PowerShell verb (see Get-Verb)",
                    f.name
                ),
            )),
            Some((approved, _, _)) if approved != verb => problems.push(script.error_at(
                f.name_node,
                format!("verb '{verb}' in '{}' should be written '{approved}'", f.name),
            )),
            Some(_) => {}
        }
        if !is_pascal_case(noun) {
            problems.push(script.error_at(
                f.name_node,
                format!(
                    "noun '{noun}' in '{}' is not PascalCase (letters and digits, starting with a capital)",
                    f.name
                ),
            ));
        } else if looks_plural(noun) {
            problems.push(script.warning_at(
                f.name_node,
                format!("noun '{noun}' in '{}' looks plural; use a singular noun", f.name),
            ));
        }
    }
    problems
}

fn is_pascal_case(noun: &str) -> bool {
    noun.starts_with(|c: char| c.is_ascii_uppercase()) && noun.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The noun's last word ends in `s` but not in a common singular ending (Status, Address, Analysis…).
fn looks_plural(noun: &str) -> bool {
    let start = noun.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    let word = noun[start..].to_ascii_lowercase();
    word.len() > 2 && word.ends_with('s') && !["ss", "us", "is", "as", "ics"].iter().any(|e| word.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_nouns() {
        for plural in ["ADPhotos", "Users", "PhotoFiles"] {
            assert!(looks_plural(plural), "{plural}");
        }
        for singular in [
            "ADPhoto",
            "ADPhotoBulk",
            "Status",
            "Address",
            "Analysis",
            "Alias",
            "PS",
            "ADPhotoStatus",
        ] {
            assert!(!looks_plural(singular), "{singular}");
        }
    }
}
