//! The record of a complete picture set, written last: it says which source and recipe
//! made the set and what each file holds. A folder whose files match its manifest is a
//! complete set; one without a manifest (a run stopped half-way) is not.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use adphoto_core::digest::sha256_hex;
use adphoto_core::safe_names::is_plain_component;

/// The manifest's file name inside a set's folder.
pub const MANIFEST_FILE: &str = "adphoto-set.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// See `sizes::recipe`.
    pub recipe: String,
    /// `file`, `jpegPhoto`, `graph`, `thumbnailPhoto`.
    pub source_kind: String,
    /// Where the source came from (a path, a DN), for people.
    pub source_origin: String,
    pub source_sha256: String,
    /// File name → SHA-256 of its bytes.
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest in `folder`, if there is a readable one that names only files of
    /// this folder (a manifest naming `../x` would have its files read and copied).
    pub fn read(folder: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(folder.join(MANIFEST_FILE)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
        manifest
            .files
            .keys()
            .all(|name| is_plain_component(name) && name != MANIFEST_FILE)
            .then_some(manifest)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    /// Every file the manifest names is in `folder` with the recorded content.
    pub fn matches_folder(&self, folder: &Path) -> bool {
        !self.files.is_empty()
            && self
                .files
                .iter()
                .all(|(name, sha)| std::fs::read(folder.join(name)).is_ok_and(|bytes| sha256_hex(&bytes) == *sha))
    }

    /// The set in `folder` when it is complete (its manifest matches its files).
    pub fn complete_set(folder: &Path) -> Option<Manifest> {
        Manifest::read(folder).filter(|m| m.matches_folder(folder))
    }
}
