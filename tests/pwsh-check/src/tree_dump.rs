//! `--tree FILE`: prints how tree-sitter-pwsh parsed a file, to see why a check reads it as it does.

use std::fmt::Write;

use tree_sitter::Node;

use crate::source::Script;

pub fn dump(script: &Script) -> String {
    let mut out = String::new();
    write_node(script, script.root(), None, 0, &mut out);
    out
}

fn write_node(script: &Script, node: Node<'_>, field: Option<&str>, depth: usize, out: &mut String) {
    let (line, col) = script.position(node.start_byte());
    let _ = write!(out, "{}", "  ".repeat(depth));
    if let Some(field) = field {
        let _ = write!(out, "{field}: ");
    }
    let marker = if node.is_missing() { "MISSING " } else { "" };
    let _ = write!(out, "{marker}{} {line}:{col}", node.kind());
    if node.child_count() == 0 || node.kind() == "comment" {
        let text: String = script.text_of(node).chars().take(60).collect();
        let _ = write!(out, " {:?}", text);
    }
    out.push('\n');
    let mut cursor = node.walk();
    for (i, child) in node.children(&mut cursor).enumerate() {
        write_node(script, child, node.field_name_for_child(i as u32), depth + 1, out);
    }
}
