//! Check 3: every public function has comment-based help that PowerShell accepts, with a
//! non-empty `.SYNOPSIS` and `.DESCRIPTION`, one `.PARAMETER` per parameter of its `param()` block
//! (and none for parameters it does not have), and at least two `.EXAMPLE`s whose first line
//! (after an optional `PS C:\>` prompt, as `Get-Help` splits it) runs a Verb-Noun command.

use crate::comment_help::{locate, strip_prompt, Help, Located, Section};
use crate::layout::Repo;
use crate::module_functions::{public, Defined};
use crate::problem::Problem;
use crate::source::{descendants, Script};

const MIN_EXAMPLES: usize = 2;

pub fn check(repo: &Repo) -> Vec<Problem> {
    let mut problems = Vec::new();
    for defined in public(repo) {
        let (script, f) = (defined.script, &defined.function);
        match locate(script, f) {
            Located::Missing => problems.push(script.error_at(
                f.name_node,
                format!(
                    "{} has no comment-based help (a <# .SYNOPSIS … #> block just before the function or at the start of its body)",
                    f.name
                ),
            )),
            Located::Rejected { offset, reason } => {
                let (line, col) = script.position(offset);
                problems.push(Problem::error(
                    &script.path,
                    line,
                    col,
                    format!("PowerShell ignores the comment-based help of {}: {reason}", f.name),
                ));
            }
            Located::Found(help) => check_help(&defined, &help, &mut problems),
        }
    }
    problems
}

fn check_help(defined: &Defined<'_>, help: &Help, problems: &mut Vec<Problem>) {
    let (script, f) = (defined.script, &defined.function);
    let at = |offset: usize, message: String| {
        let (line, col) = script.position(offset);
        Problem::error(&script.path, line, col, message)
    };

    for keyword in ["SYNOPSIS", "DESCRIPTION"] {
        match help.sections(keyword).next() {
            None => problems.push(script.error_at(f.name_node, format!("help of {} has no .{keyword}", f.name))),
            Some(s) if s.text().is_empty() => problems.push(at(s.offset, format!(".{keyword} of {} is empty", f.name))),
            Some(_) => {}
        }
    }

    let documented: Vec<&Section> = help.sections("PARAMETER").collect();
    for p in &f.parameters {
        if !documented
            .iter()
            .any(|s| s.argument.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&p.name)))
        {
            problems.push(script.error_at(
                p.node,
                format!("parameter -{} of {} has no .PARAMETER help", p.name, f.name),
            ));
        }
    }
    for (i, s) in documented.iter().enumerate() {
        let name = s.argument.as_deref().unwrap_or_default();
        if !f.parameters.iter().any(|p| p.name.eq_ignore_ascii_case(name)) {
            problems.push(at(
                s.offset,
                format!(".PARAMETER {name} documents a parameter that {} does not have", f.name),
            ));
        } else if documented[..i]
            .iter()
            .any(|d| d.argument.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(name)))
        {
            problems.push(at(
                s.offset,
                format!(".PARAMETER {name} appears twice; PowerShell keeps the first"),
            ));
        } else if s.text().is_empty() {
            problems.push(at(s.offset, format!(".PARAMETER {name} of {} is empty", f.name)));
        }
    }

    let examples: Vec<&Section> = help.sections("EXAMPLE").collect();
    if examples.len() < MIN_EXAMPLES {
        let offset = examples.first().map_or(f.node.start_byte(), |s| s.offset);
        problems.push(at(
            offset,
            format!(
                "help of {} has {} .EXAMPLE section(s); at least {MIN_EXAMPLES} are required",
                f.name,
                examples.len()
            ),
        ));
    }
    for (n, example) in examples.iter().enumerate() {
        check_example(script, &f.name, n + 1, example, problems);
    }
}

fn check_example(script: &Script, function: &str, n: usize, example: &Section, problems: &mut Vec<Problem>) {
    let Some(first) = example.example_code() else {
        let (line, col) = script.position(example.offset);
        problems.push(Problem::error(
            &script.path,
            line,
            col,
            format!(".EXAMPLE {n} of {function} is empty"),
        ));
        return;
    };
    let code = strip_prompt(&first.text);
    if !runs_a_command(code) {
        let (line, col) = script.position(first.content_offset());
        let hint = if first.text.contains('>') {
            " (Get-Help takes everything up to the first '>' on that line as the prompt)"
        } else {
            ""
        };
        problems.push(Problem::error(
            &script.path,
            line,
            col,
            format!(".EXAMPLE {n} of {function}: its first line `{code}` does not run a Verb-Noun command{hint}"),
        ));
    }
    if !example
        .text()
        .to_ascii_lowercase()
        .contains(&function.to_ascii_lowercase())
    {
        let (line, col) = script.position(example.offset);
        problems.push(Problem::warning(
            &script.path,
            line,
            col,
            format!(".EXAMPLE {n} of {function} does not use {function}"),
        ));
    }
}

/// Whether `code` parses to something that invokes a `Verb-Noun` command.
fn runs_a_command(code: &str) -> bool {
    let parsed = Script::parse("example", code);
    descendants(parsed.root()).into_iter().any(|n| {
        n.kind() == "command_name" && {
            let name = parsed.text_of(n);
            name.split_once('-').is_some_and(|(verb, noun)| {
                !verb.is_empty()
                    && verb.chars().all(|c| c.is_ascii_alphabetic())
                    && !noun.is_empty()
                    && noun.chars().all(|c| c.is_ascii_alphanumeric())
            })
        }
    })
}
