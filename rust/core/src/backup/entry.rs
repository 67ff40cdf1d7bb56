//! One manifest line: whose photo was saved, from where, and which files hold it.

use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupEntry {
    /// The object's stable id (objectGUID, entryUUID, Graph or Google id).
    pub key: String,
    /// How people know the user.
    pub user: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dn: Option<String>,
    /// The directory it came from.
    pub target: String,
    pub attribute: String,
    /// The saved values, relative to the run folder; empty when there was no photo
    /// (restoring then removes what the run added).
    pub files: Vec<String>,
    pub sha256: Vec<String>,
    pub time: String,
    /// What was about to happen: `set`, `remove`, `restore`.
    pub before: String,
}

/// Every entry of a run folder's manifest, oldest first. For each object and
/// attribute the first entry is the original state.
pub fn read_manifest(folder: &Path) -> Result<Vec<BackupEntry>, String> {
    let path = folder.join(super::store::MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1)))
        .collect()
}
