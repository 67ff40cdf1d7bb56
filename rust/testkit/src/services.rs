//! Starting a test server through its script in `tests/services/`, which prints what
//! clients need as `KEY=value` lines and stops the server when this process ends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a started server's script printed.
pub struct Started(HashMap<String, String>);

impl Started {
    /// The value the script printed for `key` (it always prints every key it has).
    pub fn get(&self, key: &str) -> String {
        self.0
            .get(key)
            .unwrap_or_else(|| panic!("the service script printed no {key}"))
            .clone()
    }
}

/// Runs `tests/services/<script> start <dir> --watch <this process>`.
pub fn start(script: &str, dir: &Path) -> Started {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/services")
        .join(script);
    let out = Command::new(&path)
        .arg("start")
        .arg(dir)
        .arg("--watch")
        .arg(std::process::id().to_string())
        .output()
        .unwrap_or_else(|e| panic!("run tests/services/{script}: {e}"));
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    Started(
        text.lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}
