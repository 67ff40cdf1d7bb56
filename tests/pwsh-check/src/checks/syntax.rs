//! Check 1: every PowerShell file parses with tree-sitter-pwsh without ERROR or MISSING nodes.

use tree_sitter::Node;

use crate::functions::type_name_is;
use crate::layout::Repo;
use crate::problem::Problem;
use crate::source::{children, descendants, Script};

/// At most this many syntax errors are reported per file; one more line says how many were left out.
const MAX_PER_FILE: usize = 3;

pub fn check(repo: &Repo) -> Vec<Problem> {
    repo.scripts.iter().flat_map(check_file).collect()
}

/// Syntax errors and misplaced attributes in one file.
pub fn check_file(script: &Script) -> Vec<Problem> {
    let mut problems = check_script(script);
    problems.extend(stray_attributes(script));
    problems
}

/// `[CmdletBinding()]`, `[OutputType()]` and `[Parameter()]` belong before `param(`; anywhere else
/// PowerShell stops with "Unexpected attribute", while tree-sitter-pwsh accepts them as a statement.
fn stray_attributes(script: &Script) -> Vec<Problem> {
    descendants(script.root())
        .into_iter()
        .filter(|n| n.kind() == "attribute_statement")
        .filter_map(|n| {
            let name = descendants(n).into_iter().find(|c| c.kind() == "attribute_name")?;
            let name = script.text_of(name).trim();
            ["CmdletBinding", "OutputType", "Parameter"]
                .iter()
                .any(|a| type_name_is(name, a))
                .then(|| {
                    script.error_at(
                        n,
                        format!("[{name}(...)] is not followed by a param() block; PowerShell rejects it here"),
                    )
                })
        })
        .collect()
}

fn check_script(script: &Script) -> Vec<Problem> {
    if !script.root().has_error() {
        return Vec::new();
    }
    let mut bad: Vec<Node> = Vec::new();
    for node in descendants(script.root()) {
        let inside_reported = bad
            .iter()
            .any(|b| b.is_error() && b.byte_range().contains(&node.start_byte()) && *b != node);
        if (node.is_error() || node.is_missing()) && !inside_reported {
            bad.push(node);
        }
    }
    let mut problems: Vec<Problem> = bad.iter().take(MAX_PER_FILE).map(|n| describe(script, *n)).collect();
    if bad.len() > MAX_PER_FILE {
        let last = bad[MAX_PER_FILE];
        problems.push(script.error_at(
            last,
            format!("{} more syntax errors not shown", bad.len() - MAX_PER_FILE),
        ));
    }
    problems
}

fn describe(script: &Script, node: Node<'_>) -> Problem {
    if node.is_missing() {
        let mut message = format!("syntax error: missing '{}'", node.kind());
        if let Some((opener, (line, col))) = opened_by(script, node) {
            message.push_str(&format!(" to close the '{opener}' at {line}:{col}"));
        } else {
            message.push_str(&format!(" in `{}`", snippet(line_at(&script.text, node.start_byte()))));
        }
        if node.kind() == "}" {
            if let Some(((l, c), (cl, cc))) = misindented_brace(script, node.start_byte()) {
                message.push_str(&format!(
                    "; the '{{' at {l}:{c} is probably the one left open (the '}}' it pairs with, at {cl}:{cc}, is indented differently)"
                ));
            }
        }
        return script.error_at(node, message);
    }
    let brackets = brackets(error_leaves(node));
    if let Some(stray) = brackets.stray.first() {
        let line = snippet(line_at(&script.text, stray.start_byte()));
        return script.error_at(
            *stray,
            format!("syntax error: unexpected '{}' in `{line}`", stray.kind()),
        );
    }
    let mut message = format!("syntax error near `{}`", snippet(&script.text[node.start_byte()..]));
    if !brackets.unclosed.is_empty() {
        let list: Vec<String> = brackets
            .unclosed
            .iter()
            .take(MAX_PER_FILE)
            .map(|b| {
                let (l, c) = script.position(b.start_byte());
                format!("'{}' at {l}:{c}", b.kind())
            })
            .collect();
        message.push_str(&format!(" (unclosed {})", list.join(", ")));
    }
    if let Some((line, col)) = indented_here_string_end(script, node) {
        message.push_str(&format!("; the here-string end at {line}:{col} must start its line"));
    }
    script.error_at(node, message)
}

/// A here-string's closing `"@` or `'@` must be the first thing on its line; indented, it ends
/// nothing and the parse fails far away. Returns the first indented one inside `error`.
fn indented_here_string_end(script: &Script, error: Node<'_>) -> Option<(usize, usize)> {
    let range = error.byte_range();
    let mut offset = script.text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    for line in script.text[offset..range.end].split_inclusive('\n') {
        let trimmed = line.trim();
        if (trimmed == "\"@" || trimmed == "'@") && !line.starts_with(['"', '\'']) {
            return Some(script.position(offset + line.find('@').unwrap_or(0) - 1));
        }
        offset += line.len();
    }
    None
}

/// For a missing closing bracket: the opening bracket it would close (a sibling before it).
fn opened_by(script: &Script, missing: Node<'_>) -> Option<(String, (usize, usize))> {
    let openers: &[&str] = match missing.kind() {
        "}" => &["{", "@{"],
        ")" => &["(", "@(", "$("],
        "]" => &["["],
        _ => return None,
    };
    let parent = missing.parent()?;
    let siblings = children(parent);
    let here = siblings.iter().position(|s| *s == missing)?;
    siblings[..here]
        .iter()
        .rev()
        .find(|s| openers.contains(&s.kind()))
        .map(|s| (s.kind().to_string(), script.position(s.start_byte())))
}

/// When a `}` is missing, the brace left open took a later `}` as its own, and that `}` usually
/// sits at a different indentation. Returns the last such `{` before `before` and its `}`.
fn misindented_brace(script: &Script, before: usize) -> Option<((usize, usize), (usize, usize))> {
    let indent = |byte: usize| {
        let line = line_at(&script.text, byte);
        line.len() - line.trim_start().len()
    };
    let starts_line = |byte: usize| {
        script.text[..byte]
            .rsplit('\n')
            .next()
            .is_some_and(|p| p.trim().is_empty())
    };
    let mut found = None;
    for node in descendants(script.root()) {
        let parts = children(node);
        for (i, open) in parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind() == "{" && p.start_byte() < before)
        {
            let Some(close) = parts[i + 1..].iter().find(|p| p.kind() == "}" && !p.is_missing()) else {
                continue;
            };
            let opens_line_end = script.text[open.end_byte()..]
                .split('\n')
                .next()
                .is_some_and(|r| r.trim().is_empty());
            if opens_line_end
                && starts_line(close.start_byte())
                && indent(open.start_byte()) != indent(close.start_byte())
            {
                let candidate = (script.position(open.start_byte()), script.position(close.start_byte()));
                if found.is_none_or(|(f, _)| candidate.0 > f) {
                    found = Some(candidate);
                }
            }
        }
    }
    found
}

/// The leaf tokens under an error node, in order.
fn error_leaves(error: Node<'_>) -> Vec<Node<'_>> {
    descendants(error)
        .into_iter()
        .filter(|n| n.child_count() == 0)
        .collect()
}

struct Brackets<'t> {
    /// Opened and never closed.
    unclosed: Vec<Node<'t>>,
    /// Closed without having been opened.
    stray: Vec<Node<'t>>,
}

/// Matches brackets among `leaves`: what is left open usually explains an error that runs to the
/// end of the file, and a closer without opener is the unexpected token itself.
fn brackets(leaves: Vec<Node<'_>>) -> Brackets<'_> {
    let mut unclosed: Vec<Node> = Vec::new();
    let mut stray = Vec::new();
    for leaf in leaves {
        let openers: &[&str] = match leaf.kind() {
            "{" | "(" | "[" | "@{" | "@(" | "$(" => {
                unclosed.push(leaf);
                continue;
            }
            "}" => &["{", "@{"],
            ")" => &["(", "@(", "$("],
            "]" => &["["],
            _ => continue,
        };
        match unclosed.iter().rposition(|o| openers.contains(&o.kind())) {
            Some(i) => unclosed.truncate(i),
            None => stray.push(leaf),
        }
    }
    Brackets { unclosed, stray }
}

fn line_at(text: &str, byte: usize) -> &str {
    let byte = byte.min(text.len());
    let start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let end = text[byte..].find('\n').map_or(text.len(), |i| byte + i);
    &text[start..end]
}

/// The first line of `text`, trimmed and cut to 60 characters.
fn snippet(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}
