//! A PowerShell file parsed with tree-sitter-pwsh, plus the position and text helpers the checks share.

use tree_sitter::{Node, Parser, Tree};

use crate::problem::Problem;

pub struct Script {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    pub text: String,
    pub tree: Tree,
}

impl Script {
    /// Parses `text` as a PowerShell script. A leading UTF-8 byte order mark (common in files
    /// meant for Windows PowerShell 5.1) is dropped first, so columns on line 1 stay right.
    ///
    /// tree-sitter-pwsh 0.38 misreads attributes followed by `param` with its `(` on the next
    /// line: `param` becomes a command and the parameters a parenthesised expression, with no
    /// error. Such a `(` is moved up next to `param` (same length, same lines) and the text parsed again.
    pub fn parse(path: &str, text: &str) -> Script {
        let mut text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
        let mut tree = parse_text(&text);
        if let Some(fixed) = join_param_paren(&text, &tree) {
            text = fixed;
            tree = parse_text(&text);
        }
        Script {
            path: path.to_string(),
            text,
            tree,
        }
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }

    pub fn text_of(&self, node: Node<'_>) -> &str {
        &self.text[node.byte_range()]
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, byte: usize) -> (usize, usize) {
        position_in(&self.text, byte)
    }

    pub fn error_at(&self, node: Node<'_>, message: impl Into<String>) -> Problem {
        let (line, col) = self.position(node.start_byte());
        Problem::error(&self.path, line, col, message)
    }

    pub fn warning_at(&self, node: Node<'_>, message: impl Into<String>) -> Problem {
        let (line, col) = self.position(node.start_byte());
        Problem::warning(&self.path, line, col, message)
    }
}

fn parse_text(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_pwsh::LANGUAGE.into())
        .expect("tree-sitter-pwsh is built for this tree-sitter's ABI");
    parser
        .parse(text, None)
        .expect("a parser with a language and no timeout returns a tree")
}

/// `param` parsed as a bare command and followed, across a line break, by `(`: returns the text with
/// each such `(` moved right after `param`, before the line break (same length, same lines).
fn join_param_paren(text: &str, tree: &Tree) -> Option<String> {
    let mut fixed = text.to_string();
    let mut changed = false;
    for command in descendants(tree.root_node())
        .into_iter()
        .filter(|n| n.kind() == "command")
    {
        let parts = children(command);
        let [name] = parts.as_slice() else { continue };
        if name.kind() != "command_name" || !text[name.byte_range()].eq_ignore_ascii_case("param") {
            continue;
        }
        let end = name.end_byte();
        let gap_len = text[end..].find(|c: char| !c.is_whitespace()).unwrap_or(0);
        let gap = &text[end..end + gap_len];
        if !gap.contains('\n') || !text[end + gap_len..].starts_with('(') {
            continue;
        }
        fixed.replace_range(end..end + gap_len + 1, &format!("({gap}"));
        changed = true;
    }
    changed.then_some(fixed)
}

/// 1-based line and character column of `byte` in `text`.
pub fn position_in(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

/// Every node under `node` (itself included), in document order.
pub fn descendants(node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = node.walk();
    loop {
        out.push(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

/// Direct children of `node`.
pub fn children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

/// The first direct child of `node` of the given kind.
pub fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    children(node).into_iter().find(|c| c.kind() == kind)
}

/// Peels single-child wrapper nodes (`pipeline`, `pipeline_chain`, `unary_expression`, …) off
/// an expression, stopping at the first node with more than one named child.
pub fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    const WRAPPERS: &[&str] = &[
        "pipeline",
        "pipeline_chain",
        "unary_expression",
        "assignment_value",
        "argument_expression",
        "key_expression",
    ];
    while WRAPPERS.contains(&node.kind()) && node.named_child_count() == 1 {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The value of a PowerShell string literal node (`'…'`, `"…"`, `@'…'@`, `@"…"@`), without its
/// quotes. Expandable strings are returned as written: `$x` inside them is not expanded.
pub fn string_value(literal: &str) -> String {
    let t = literal.trim();
    for (open, close) in [("@'", "'@"), ("@\"", "\"@")] {
        if let Some(body) = t.strip_prefix(open).and_then(|b| b.strip_suffix(close)) {
            // A here-string's content starts after the opening line and ends before the closing one.
            let body = body.split_once('\n').map_or("", |(_, rest)| rest);
            let body = body.strip_suffix('\n').unwrap_or(body);
            return body.strip_suffix('\r').unwrap_or(body).to_string();
        }
    }
    if let Some(body) = t.strip_prefix('\'').and_then(|b| b.strip_suffix('\'')) {
        return body.replace("''", "'");
    }
    if let Some(body) = t.strip_prefix('"').and_then(|b| b.strip_suffix('"')) {
        return body.replace("`\"", "\"").replace("\"\"", "\"");
    }
    t.to_string()
}

/// A function's name without a scope prefix (`script:`, `global:` …).
pub fn strip_scope(name: &str) -> &str {
    match name.split_once(':') {
        Some((scope, rest))
            if ["global", "script", "local", "private"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(scope)) =>
        {
            rest
        }
        _ => name,
    }
}
