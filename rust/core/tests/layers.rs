//! Layers only import downward. Between crates the compiler keeps that for us as long
//! as each crate depends only on the crates below it (checked here from the manifests);
//! inside the core crate, each module may use only modules of its own layer or below
//! (checked here from the sources). The layers are drawn in README's Repository section.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The core crate's modules, by layer (lowest first), as `src/lib.rs` documents them.
const CORE_LAYERS: [&[&str]; 5] = [
    &[
        "error",
        "cancel",
        "clock",
        "digest",
        "durable",
        "atomic_file",
        "secret",
        "parallel",
        "fault",
        "notice",
    ],
    &["text", "safe_names", "photo", "inputs"],
    &["users", "matching"],
    &["directory", "backup", "conversion_cache"],
    &["plan"],
];

/// Which workspace crates each crate may depend on (normal dependencies).
const CRATE_RULES: [(&str, &[&str]); 9] = [
    ("core", &[]),
    ("cloud", &["adphoto-core"]),
    ("ldap", &["adphoto-core"]),
    ("graph", &["adphoto-core", "adphoto-cloud"]),
    ("google", &["adphoto-core", "adphoto-cloud"]),
    (
        "app",
        &["adphoto-core", "adphoto-ldap", "adphoto-graph", "adphoto-google"],
    ),
    ("ffi", &["adphoto-core", "adphoto-app"]),
    (
        "cli",
        &[
            "adphoto-core",
            "adphoto-app",
            "adphoto-ldap",
            "adphoto-graph",
            "adphoto-google",
        ],
    ),
    ("testkit", &["adphoto-core"]),
];

fn rust_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn layer_of(module: &str) -> Option<usize> {
    CORE_LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src` belongs to (`photo/turbo.rs` -> `photo`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The top-level modules `text` names through `crate::`.
fn crate_references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        // `adphoto_core::` and the like are other crates, not this one.
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = text[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

#[test]
fn core_modules_only_use_their_own_layer_or_below() {
    let src = rust_dir().join("core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        if module == "lib" {
            continue;
        }
        let own = layer_of(&module).unwrap_or_else(|| panic!("module {module} is in no layer: add it to CORE_LAYERS"));
        let text = std::fs::read_to_string(file).expect("read source");
        for used in crate_references(&text) {
            let Some(layer) = layer_of(&used) else { continue };
            if layer > own {
                violations.insert(
                    format!("{}", file.display()),
                    format!("{module} (layer {}) uses {used} (layer {})", own + 1, layer + 1),
                );
            }
        }
    }
    assert!(
        violations.is_empty(),
        "modules importing a layer above them: {violations:#?}"
    );
}

#[test]
fn the_checker_sees_an_upward_import() {
    assert_eq!(
        crate_references("use crate::plan::Totals; adphoto_core::photo"),
        ["plan"]
    );
    assert!(layer_of("plan") > layer_of("photo"));
}

#[test]
fn crates_depend_only_on_the_layers_below_them() {
    for (krate, allowed) in CRATE_RULES {
        let manifest = std::fs::read_to_string(rust_dir().join(krate).join("Cargo.toml")).expect("manifest");
        // Normal dependencies only: dev-dependencies may reach anywhere.
        let mut section = String::new();
        for line in manifest.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                section = line.to_string();
                continue;
            }
            let normal =
                section == "[dependencies]" || section.ends_with(".dependencies]") && !section.contains("dev-");
            if !normal {
                continue;
            }
            let name = line.split(['=', ' ', '.']).next().unwrap_or_default();
            if name.starts_with("adphoto") {
                assert!(
                    allowed.contains(&name),
                    "rust/{krate} depends on {name}, which is not below it"
                );
            }
        }
    }
}
