//! The functions a script defines, with what the checks need from each: its name, the
//! attributes on its `param()` block, its parameters and where its body starts and ends.

use tree_sitter::Node;

use crate::source::{child_of_kind, children, descendants, strip_scope, Script};

pub struct Function<'t> {
    /// The `function_statement` node.
    pub node: Node<'t>,
    /// The name as written, without a scope prefix such as `script:`.
    pub name: String,
    pub name_node: Node<'t>,
    /// Attributes written before `param(` (`[CmdletBinding()]`, `[OutputType()]`, …).
    pub attributes: Vec<Attribute<'t>>,
    pub parameters: Vec<Parameter<'t>>,
    /// Byte offset just after the body's `{`.
    pub body_start: usize,
    /// Byte offset of the body's closing `}`.
    pub body_end: usize,
}

pub struct Attribute<'t> {
    pub node: Node<'t>,
    /// The attribute's type name as written (`CmdletBinding`, `OutputType`).
    pub name: String,
    pub arguments: Vec<AttributeArgument<'t>>,
}

pub struct AttributeArgument<'t> {
    /// `SupportsShouldProcess` in `SupportsShouldProcess = $true`; `None` for a positional argument.
    pub name: Option<String>,
    /// The value after `=`, or the positional argument itself; `None` for a bare named argument.
    pub value: Option<Node<'t>>,
}

pub struct Parameter<'t> {
    /// Without the `$`.
    pub name: String,
    pub node: Node<'t>,
}

impl<'t> Function<'t> {
    /// The verb and noun of a `Verb-Noun` name.
    pub fn verb_noun(&self) -> Option<(&str, &str)> {
        self.name.split_once('-')
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute<'t>> {
        self.attributes.iter().find(|a| type_name_is(&a.name, name))
    }
}

impl Attribute<'_> {
    pub fn named_argument(&self, name: &str) -> Option<&AttributeArgument<'_>> {
        self.arguments
            .iter()
            .find(|a| a.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }
}

/// `CmdletBinding`, `CmdletBindingAttribute` and `System.Management.Automation.CmdletBinding` all name
/// the same attribute; PowerShell compares type names without regard to case.
pub fn type_name_is(written: &str, wanted: &str) -> bool {
    let last = written.rsplit('.').next().unwrap_or(written);
    let last = if last.len() > "Attribute".len() && last.to_ascii_lowercase().ends_with("attribute") {
        &last[..last.len() - "Attribute".len()]
    } else {
        last
    };
    last.eq_ignore_ascii_case(wanted)
}

/// The functions (and filters) defined at the top level of `script`, in order. Functions nested
/// in other functions are local to them and not counted.
pub fn top_level_functions(script: &Script) -> Vec<Function<'_>> {
    let mut out = Vec::new();
    for child in children(script.root()) {
        if child.kind() != "statement_list" {
            continue;
        }
        for statement in children(child) {
            if statement.kind() == "function_statement" {
                if let Some(f) = function(script, statement) {
                    out.push(f);
                }
            }
        }
    }
    out
}

fn function<'t>(script: &'t Script, node: Node<'t>) -> Option<Function<'t>> {
    let name_node = child_of_kind(node, "function_name")?;
    let parts = children(node);
    let open = parts.iter().find(|c| c.kind() == "{")?;
    let close = parts.iter().rev().find(|c| c.kind() == "}")?;
    let mut attributes = Vec::new();
    let mut parameters = Vec::new();
    let param_block = child_of_kind(node, "script_block").and_then(|b| child_of_kind(b, "param_block"));
    if let Some(block) = param_block {
        if let Some(list) = child_of_kind(block, "attribute_list") {
            attributes = children(list)
                .into_iter()
                .filter_map(|a| attribute(script, a))
                .collect();
        }
        if let Some(list) = child_of_kind(block, "parameter_list") {
            parameters = script_parameters(script, list);
        }
    }
    // `function Name($a, $b) { … }` declares its parameters before the body.
    if let Some(list) =
        child_of_kind(node, "function_parameter_declaration").and_then(|d| child_of_kind(d, "parameter_list"))
    {
        parameters.extend(script_parameters(script, list));
    }
    Some(Function {
        node,
        name: strip_scope(script.text_of(name_node).trim()).to_string(),
        name_node,
        attributes,
        parameters,
        body_start: open.end_byte(),
        body_end: close.start_byte(),
    })
}

/// An `[Name(args)]` attribute; `None` for a type constraint such as `[string]`.
fn attribute<'t>(script: &'t Script, node: Node<'t>) -> Option<Attribute<'t>> {
    if node.kind() != "attribute" {
        return None;
    }
    let name = child_of_kind(node, "attribute_name")?;
    let mut arguments = Vec::new();
    if let Some(args) = child_of_kind(node, "attribute_arguments") {
        for arg in children(args).into_iter().filter(|a| a.kind() == "attribute_argument") {
            let parts: Vec<Node> = children(arg).into_iter().filter(|p| !p.is_extra()).collect();
            let named = parts
                .first()
                .filter(|p| p.kind() == "simple_name" && (parts.len() == 1 || parts[1].kind() == "="));
            arguments.push(match named {
                Some(n) => AttributeArgument {
                    name: Some(script.text_of(*n).to_string()),
                    value: parts.get(2).copied(),
                },
                None => AttributeArgument {
                    name: None,
                    value: parts.first().copied(),
                },
            });
        }
    }
    Some(Attribute {
        node,
        name: script.text_of(name).trim().to_string(),
        arguments,
    })
}

fn script_parameters<'t>(script: &'t Script, list: Node<'t>) -> Vec<Parameter<'t>> {
    children(list)
        .into_iter()
        .filter(|p| p.kind() == "script_parameter")
        .filter_map(|p| {
            let variable = child_of_kind(p, "variable")?;
            Some(Parameter {
                name: variable_name(script.text_of(variable)),
                node: variable,
            })
        })
        .collect()
}

/// `$Name` and `${Name}` → `Name`.
pub fn variable_name(written: &str) -> String {
    let name = written.trim_start_matches(['$', '@']);
    let name = name.strip_prefix('{').and_then(|n| n.strip_suffix('}')).unwrap_or(name);
    name.to_string()
}

/// Whether the function's body calls `$PSCmdlet.ShouldProcess(…)` (names compared without case).
pub fn calls_should_process(script: &Script, function: &Function<'_>) -> bool {
    descendants(function.node).into_iter().any(|n| {
        if n.kind() != "invocation_expression" {
            return false;
        }
        let parts = children(n);
        let target = parts
            .first()
            .is_some_and(|t| script.text_of(*t).eq_ignore_ascii_case("$PSCmdlet"));
        let method = parts
            .iter()
            .find(|p| p.kind() == "member_name")
            .is_some_and(|m| script.text_of(*m).eq_ignore_ascii_case("ShouldProcess"));
        let called = parts.iter().any(|p| p.kind() == "argument_list");
        target && method && called
    })
}
