//! Check 8: the manifest is one hashtable literal with what `Test-ModuleManifest` and
//! `Publish-Module` need: RootModule (an existing file), ModuleVersion, GUID, Author, Description,
//! PowerShellVersion, FunctionsToExport (string literals, no wildcard) and PrivateData.PSData with
//! Tags, LicenseUri and ProjectUri. Unknown and duplicate keys are errors too.

use std::collections::HashSet;

use crate::layout::{Repo, MODULE_DIR};
use crate::problem::Problem;
use crate::psd1::{read_data_file, Entry, Value};
use crate::source::Script;

/// Keys a module manifest may have (`New-ModuleManifest`'s, PowerShell 5.1 and 7).
const KNOWN_KEYS: &[&str] = &[
    "RootModule",
    "ModuleToProcess",
    "ModuleVersion",
    "CompatiblePSEditions",
    "GUID",
    "Author",
    "CompanyName",
    "Copyright",
    "Description",
    "PowerShellVersion",
    "PowerShellHostName",
    "PowerShellHostVersion",
    "DotNetFrameworkVersion",
    "CLRVersion",
    "ProcessorArchitecture",
    "RequiredModules",
    "RequiredAssemblies",
    "ScriptsToProcess",
    "TypesToProcess",
    "FormatsToProcess",
    "NestedModules",
    "FunctionsToExport",
    "CmdletsToExport",
    "VariablesToExport",
    "AliasesToExport",
    "DscResourcesToExport",
    "ModuleList",
    "FileList",
    "PrivateData",
    "HelpInfoURI",
    "DefaultCommandPrefix",
];

/// Keys whose value must be a non-empty string.
const REQUIRED_STRINGS: &[&str] = &[
    "RootModule",
    "ModuleVersion",
    "GUID",
    "Author",
    "Description",
    "PowerShellVersion",
];

pub fn check(repo: &Repo) -> Vec<Problem> {
    let Some(script) = repo.manifest() else {
        return Vec::new();
    };
    if script.root().has_error() {
        return Vec::new(); // the syntax check reports it; reading a broken tree would only add noise
    }
    let data = match read_data_file(script) {
        Ok(data) => data,
        Err(node) => {
            return vec![script.error_at(
                node,
                "a module manifest must hold one hashtable literal @{ … } and nothing else",
            )]
        }
    };
    let mut problems = Vec::new();
    duplicates(script, &data, &mut problems);
    let Value::Hash(entries, hash) = &data else {
        return problems;
    };
    for e in entries
        .iter()
        .filter(|e| !KNOWN_KEYS.iter().any(|k| k.eq_ignore_ascii_case(&e.key)))
    {
        problems.push(script.error_at(e.key_node, format!("'{}' is not a module manifest key", e.key)));
    }

    for key in REQUIRED_STRINGS {
        let Some(e) = required(script, &data, *hash, key, "", &mut problems) else {
            continue;
        };
        let Some(value) = string(script, e, &mut problems) else {
            continue;
        };
        let wrong = match *key {
            "ModuleVersion" | "PowerShellVersion" if !is_version(&value) => Some("is not a version like 1.2.3"),
            "GUID" if !is_guid(&value) => Some("is not a GUID like 01234567-89ab-cdef-0123-456789abcdef"),
            "RootModule" if !repo.root.join(MODULE_DIR).join(&value).is_file() => {
                Some("names a file module/ does not have")
            }
            _ => None,
        };
        if let Some(wrong) = wrong {
            problems.push(script.error_at(e.value.node(), format!("{key} '{value}' {wrong}")));
        }
    }

    if let Some(e) = required(script, &data, *hash, "FunctionsToExport", "", &mut problems) {
        match e.value.strings() {
            Err(node) => {
                problems.push(script.error_at(node, "FunctionsToExport must list the functions as string literals"))
            }
            Ok(names) => {
                for (name, node) in names.iter().filter(|(n, _)| n.contains(['*', '?'])) {
                    problems
                        .push(script.error_at(*node, format!("FunctionsToExport must not use a wildcard ('{name}')")));
                }
            }
        }
    }
    for key in ["CmdletsToExport", "VariablesToExport", "AliasesToExport"] {
        if let Some(e) = data.get(key) {
            if e.value
                .strings()
                .is_ok_and(|names| names.iter().any(|(n, _)| n.contains('*')))
            {
                problems
                    .push(script.warning_at(e.value.node(), format!("{key} uses a wildcard; list the names, or @()")));
            }
        }
    }
    if let Some(e) = data.get("CompatiblePSEditions") {
        match e.value.strings() {
            Ok(editions) => {
                for (edition, node) in editions.iter().filter(|(ed, _)| ed != "Desktop" && ed != "Core") {
                    problems.push(script.error_at(
                        *node,
                        format!("'{edition}' is not a PowerShell edition (Desktop, Core)"),
                    ));
                }
            }
            Err(node) => problems.push(script.error_at(node, "CompatiblePSEditions must list string literals")),
        }
    }
    private_data(script, &data, *hash, &mut problems);
    problems
}

fn private_data(script: &Script, data: &Value<'_>, hash: tree_sitter::Node<'_>, problems: &mut Vec<Problem>) {
    let Some(private) = required(script, data, hash, "PrivateData", "", problems) else {
        return;
    };
    if !matches!(private.value, Value::Hash(..)) {
        problems.push(script.error_at(private.value.node(), "PrivateData must be a hashtable"));
        return;
    }
    let Some(psdata) = required(
        script,
        &private.value,
        private.value.node(),
        "PSData",
        "PrivateData.",
        problems,
    ) else {
        return;
    };
    if !matches!(psdata.value, Value::Hash(..)) {
        problems.push(script.error_at(psdata.value.node(), "PrivateData.PSData must be a hashtable"));
        return;
    }
    if let Some(tags) = required(
        script,
        &psdata.value,
        psdata.value.node(),
        "Tags",
        "PrivateData.PSData.",
        problems,
    ) {
        match tags.value.strings() {
            Ok(list) if list.is_empty() => problems.push(script.error_at(tags.value.node(), "Tags is empty")),
            Ok(list) => {
                for (tag, node) in list
                    .iter()
                    .filter(|(t, _)| t.is_empty() || t.contains(char::is_whitespace))
                {
                    problems.push(script.error_at(
                        *node,
                        format!("tag '{tag}' must be one word (the PowerShell Gallery rejects spaces)"),
                    ));
                }
            }
            Err(node) => problems.push(script.error_at(node, "Tags must list string literals")),
        }
    }
    for key in ["LicenseUri", "ProjectUri"] {
        let Some(e) = required(
            script,
            &psdata.value,
            psdata.value.node(),
            key,
            "PrivateData.PSData.",
            problems,
        ) else {
            continue;
        };
        if let Some(uri) = string(script, e, problems) {
            if !(uri.starts_with("https://") || uri.starts_with("http://")) || uri.contains(char::is_whitespace) {
                problems.push(script.error_at(e.value.node(), format!("{key} '{uri}' is not an absolute http(s) URI")));
            }
        }
    }
}

/// The entry for `key` in `data`, or a problem at the hashtable saying it is missing.
fn required<'v, 't>(
    script: &Script,
    data: &'v Value<'t>,
    hash: tree_sitter::Node<'_>,
    key: &str,
    prefix: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'v Entry<'t>> {
    let entry = data.get(key);
    if entry.is_none() {
        problems.push(script.error_at(hash, format!("the manifest has no {prefix}{key}")));
    }
    entry
}

/// The entry's value as a non-empty string literal, or a problem.
fn string(script: &Script, e: &Entry<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    match &e.value {
        Value::Str(s, _) if !s.trim().is_empty() => Some(s.clone()),
        Value::Str(_, node) => {
            problems.push(script.error_at(*node, format!("{} is empty", e.key)));
            None
        }
        other => {
            problems.push(script.error_at(other.node(), format!("{} must be a string literal", e.key)));
            None
        }
    }
}

/// PowerShell rejects a hashtable literal with the same key twice.
fn duplicates(script: &Script, value: &Value<'_>, problems: &mut Vec<Problem>) {
    match value {
        Value::Hash(entries, _) => {
            let mut seen = HashSet::new();
            for e in entries {
                if !seen.insert(e.key.to_ascii_lowercase()) {
                    problems.push(script.error_at(e.key_node, format!("duplicate key '{}'", e.key)));
                }
                duplicates(script, &e.value, problems);
            }
        }
        Value::Array(items, _) => items.iter().for_each(|i| duplicates(script, i, problems)),
        _ => {}
    }
}

fn is_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_guid(g: &str) -> bool {
    let groups: Vec<&str> = g.split('-').collect();
    groups.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}
