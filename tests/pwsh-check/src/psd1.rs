//! A PowerShell data file (`.psd1`) read from its syntax tree into plain values: hashtables,
//! arrays and strings. Anything else (numbers, `$true`, variables, commands) is kept as `Other`.

use tree_sitter::Node;

use crate::source::{children, string_value, unwrap_expression, Script};

#[derive(Debug)]
pub enum Value<'t> {
    Str(String, Node<'t>),
    Array(Vec<Value<'t>>, Node<'t>),
    Hash(Vec<Entry<'t>>, Node<'t>),
    Other(Node<'t>),
}

#[derive(Debug)]
pub struct Entry<'t> {
    pub key: String,
    pub key_node: Node<'t>,
    pub value: Value<'t>,
}

impl<'t> Value<'t> {
    pub fn node(&self) -> Node<'t> {
        match self {
            Value::Str(_, n) | Value::Array(_, n) | Value::Hash(_, n) | Value::Other(n) => *n,
        }
    }

    /// The entry for `key` (compared without case, as PowerShell does) in a hashtable.
    pub fn get(&self, key: &str) -> Option<&Entry<'t>> {
        match self {
            Value::Hash(entries, _) => entries.iter().find(|e| e.key.eq_ignore_ascii_case(key)),
            _ => None,
        }
    }

    /// A string, or an array of strings (a single string counts as a one-element list).
    /// `Err` holds the first element that is not a string literal.
    pub fn strings(&self) -> Result<Vec<(String, Node<'t>)>, Node<'t>> {
        match self {
            Value::Str(s, n) => Ok(vec![(s.clone(), *n)]),
            Value::Array(items, _) => items.iter().try_fold(Vec::new(), |mut acc, item| {
                acc.extend(item.strings()?);
                Ok(acc)
            }),
            other => Err(other.node()),
        }
    }
}

/// The single hashtable a `.psd1` holds; `Err` is the node that is not one (or the root).
pub fn read_data_file(script: &Script) -> Result<Value<'_>, Node<'_>> {
    let root = script.root();
    let statements: Vec<Node> = children(root)
        .into_iter()
        .filter(|c| c.kind() == "statement_list")
        .flat_map(children)
        .filter(|c| !c.is_extra())
        .collect();
    match statements.as_slice() {
        [only] => match value(script, *only) {
            hash @ Value::Hash(..) => Ok(hash),
            other => Err(other.node()),
        },
        [_, second, ..] => Err(*second),
        [] => Err(root),
    }
}

fn value<'t>(script: &'t Script, node: Node<'t>) -> Value<'t> {
    let node = unwrap_expression(node);
    match node.kind() {
        "string_literal" => Value::Str(string_value(script.text_of(node)), node),
        "hash_literal_expression" => {
            let mut entries = Vec::new();
            for body in children(node).into_iter().filter(|c| c.kind() == "hash_literal_body") {
                for entry in children(body).into_iter().filter(|c| c.kind() == "hash_entry") {
                    let parts: Vec<Node> = children(entry).into_iter().filter(|c| !c.is_extra()).collect();
                    let (Some(key_node), Some(value_node)) = (parts.first(), parts.get(2)) else {
                        continue;
                    };
                    let key = match unwrap_expression(*key_node) {
                        k if k.kind() == "string_literal" => string_value(script.text_of(k)),
                        k => script.text_of(k).to_string(),
                    };
                    entries.push(Entry {
                        key,
                        key_node: *key_node,
                        value: value(script, *value_node),
                    });
                }
            }
            Value::Hash(entries, node)
        }
        // `@( … )`: each statement inside is one or more elements.
        "array_expression" => {
            let mut items = Vec::new();
            for list in children(node).into_iter().filter(|c| c.kind() == "statement_list") {
                for statement in children(list).into_iter().filter(|c| !c.is_extra()) {
                    match value(script, statement) {
                        Value::Array(inner, n) if n.kind() == "array_literal_expression" => items.extend(inner),
                        v => items.push(v),
                    }
                }
            }
            Value::Array(items, node)
        }
        // `'a', 'b'`
        "array_literal_expression" => Value::Array(
            children(node)
                .into_iter()
                .filter(|c| c.is_named() && !c.is_extra())
                .map(|c| value(script, c))
                .collect(),
            node,
        ),
        "parenthesized_expression" => match children(node).into_iter().find(|c| c.is_named() && !c.is_extra()) {
            Some(inner) => value(script, inner),
            None => Value::Other(node),
        },
        _ => Value::Other(node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exported(psd1: &str) -> Vec<String> {
        let script = Script::parse("x.psd1", psd1);
        let data = read_data_file(&script).expect("a hashtable");
        let entry = data.get("functionstoexport").expect("FunctionsToExport");
        entry
            .value
            .strings()
            .expect("strings")
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn the_ways_to_write_a_list() {
        assert_eq!(exported("@{ FunctionsToExport = 'Get-A' }"), ["Get-A"]);
        assert_eq!(
            exported("@{ FunctionsToExport = 'Get-A', \"Set-B\" }"),
            ["Get-A", "Set-B"]
        );
        assert_eq!(
            exported("@{\n FunctionsToExport = @(\n  'Get-A' # one\n  'Set-B', 'it''s'\n )\n}"),
            ["Get-A", "Set-B", "it's"]
        );
        assert_eq!(exported("@{ 'FunctionsToExport' = @() }"), Vec::<String>::new());
    }

    #[test]
    fn non_literals_and_extra_statements_are_refused() {
        let script = Script::parse("x.psd1", "@{ FunctionsToExport = $names }");
        let data = read_data_file(&script).expect("a hashtable");
        assert!(data.get("FunctionsToExport").expect("key").value.strings().is_err());
        assert!(read_data_file(&Script::parse("x.psd1", "@{ A = 1 }\nGet-Thing")).is_err());
        assert!(read_data_file(&Script::parse("x.psd1", "'just a string'")).is_err());
    }

    #[test]
    fn here_strings_lose_their_delimiter_lines() {
        assert_eq!(string_value("@'\r\nline one\r\nline two\r\n'@"), "line one\r\nline two");
        assert_eq!(string_value("'it''s'"), "it's");
    }
}
