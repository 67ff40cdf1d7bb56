//! Check 5: a public command whose verb changes state (see `verb_table::VERBS`) or that has a
//! file-writing parameter (`verb_table::FILE_WRITING_PARAMETERS`) declares
//! `[CmdletBinding(SupportsShouldProcess = $true)]` and calls `$PSCmdlet.ShouldProcess(` in its body.
//! Any public command that declares one of the two without the other is reported as well: declaring
//! without calling makes `-WhatIf` do the real work; calling without declaring offers no `-WhatIf`.

use crate::functions::{calls_should_process, Function};
use crate::layout::Repo;
use crate::module_functions::public;
use crate::problem::Problem;
use crate::source::Script;
use crate::verb_table::{lookup, Effect, FILE_WRITING_PARAMETERS};

pub fn check(repo: &Repo) -> Vec<Problem> {
    let mut problems = Vec::new();
    for defined in public(repo) {
        let (script, f) = (defined.script, &defined.function);
        let reason = why_required(f);
        let declared = declares_should_process(script, f);
        let calls = calls_should_process(script, f);
        let message = match (&reason, declared, calls) {
            (Some(reason), false, false) => format!(
                "{} {reason}: declare [CmdletBinding(SupportsShouldProcess = $true)] and call $PSCmdlet.ShouldProcess()",
                f.name
            ),
            (Some(reason), false, true) => format!(
                "{} {reason} and calls $PSCmdlet.ShouldProcess(), but its [CmdletBinding()] does not declare SupportsShouldProcess",
                f.name
            ),
            (None, false, true) => {
                format!("{} calls $PSCmdlet.ShouldProcess() without declaring SupportsShouldProcess", f.name)
            }
            (_, true, false) => format!(
                "{} declares SupportsShouldProcess but never calls $PSCmdlet.ShouldProcess(), so -WhatIf would not stop it",
                f.name
            ),
            _ => continue,
        };
        problems.push(script.error_at(f.name_node, message));
    }
    problems
}

/// Why `f` must support ShouldProcess, or `None` if it need not.
fn why_required(f: &Function<'_>) -> Option<String> {
    if let Some((verb, _)) = f.verb_noun() {
        if let Some((approved, _, Effect::ChangesState)) = lookup(verb) {
            return Some(format!("changes state (verb {approved})"));
        }
    }
    f.parameters
        .iter()
        .find(|p| FILE_WRITING_PARAMETERS.iter().any(|w| w.eq_ignore_ascii_case(&p.name)))
        .map(|p| format!("writes files (parameter -{})", p.name))
}

/// `[CmdletBinding(SupportsShouldProcess)]` or `… = $true` (anything but `$false`/`0`).
fn declares_should_process(script: &Script, f: &Function<'_>) -> bool {
    let Some(binding) = f.attribute("CmdletBinding") else {
        return false;
    };
    let Some(argument) = binding.named_argument("SupportsShouldProcess") else {
        return false;
    };
    match argument.value {
        None => true,
        Some(value) => !matches!(
            script.text_of(value).trim().to_ascii_lowercase().as_str(),
            "$false" | "0"
        ),
    }
}
