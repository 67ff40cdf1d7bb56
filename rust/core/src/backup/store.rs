//! Writing backups into a run folder.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::entry::{read_manifest, BackupEntry};
use crate::clock::utc_now;
use crate::digest::sha256_hex;
use crate::durable::PendingFlush;
use crate::safe_names::{file_component, key_component};

pub const MANIFEST: &str = "manifest.jsonl";

pub struct BackupStore {
    folder: PathBuf,
    manifest: File,
    /// (key, attribute) already saved in this folder: the first save is the original.
    saved: HashSet<(String, String)>,
    pending: PendingFlush,
}

/// What is being saved.
pub struct Saving<'a> {
    pub key: &'a str,
    pub user: &'a str,
    pub dn: Option<&'a str>,
    pub target: &'a str,
    pub attribute: &'a str,
    pub values: &'a [Vec<u8>],
    pub before: &'a str,
}

impl BackupStore {
    /// Opens (or creates) a run folder; an existing manifest is continued.
    pub fn open(folder: &Path) -> Result<BackupStore, String> {
        let fail = |e: std::io::Error| format!("cannot use the backup folder {}: {e}", folder.display());
        std::fs::create_dir_all(folder.join("photos")).map_err(fail)?;
        let saved = if folder.join(MANIFEST).exists() {
            read_manifest(folder)?
                .into_iter()
                .map(|e| (e.key, e.attribute.to_ascii_lowercase()))
                .collect()
        } else {
            HashSet::new()
        };
        let manifest = OpenOptions::new()
            .create(true)
            .append(true)
            .open(folder.join(MANIFEST))
            .map_err(fail)?;
        Ok(BackupStore {
            folder: folder.to_path_buf(),
            manifest,
            saved,
            pending: PendingFlush::default(),
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Saves the values (none: the user had no photo). Does nothing when this folder
    /// already holds this object's original value.
    pub fn save(&mut self, s: Saving<'_>) -> Result<(), String> {
        let id = (s.key.to_string(), s.attribute.to_ascii_lowercase());
        if self.saved.contains(&id) {
            return Ok(());
        }
        // Ids from the directory become folder names that never collide or escape.
        let safe_key = key_component(s.key);
        let attribute = file_component(s.attribute, "photo");
        let mut files = Vec::new();
        for (i, value) in s.values.iter().enumerate() {
            let suffix = if s.values.len() > 1 {
                format!("-{i}")
            } else {
                String::new()
            };
            let relative = format!("photos/{safe_key}/{attribute}{suffix}.jpg");
            let path = self.folder.join(&relative);
            let fail = |e: std::io::Error| format!("cannot save the backup {}: {e}", path.display());
            std::fs::create_dir_all(path.parent().unwrap_or(&self.folder)).map_err(fail)?;
            std::fs::write(&path, value).map_err(fail)?;
            self.pending.add(&path);
            files.push(relative);
        }
        let entry = BackupEntry {
            key: s.key.to_string(),
            user: s.user.to_string(),
            dn: s.dn.map(str::to_string),
            target: s.target.to_string(),
            attribute: s.attribute.to_string(),
            files,
            sha256: s.values.iter().map(|v| sha256_hex(v)).collect(),
            time: utc_now(),
            before: s.before.to_string(),
        };
        let mut line = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
        line.push('\n');
        self.manifest
            .write_all(line.as_bytes())
            .map_err(|e| format!("cannot write the backup manifest in {}: {e}", self.folder.display()))?;
        self.pending.add(&self.folder.join(MANIFEST));
        self.saved.insert(id);
        Ok(())
    }

    /// Makes every backup so far durable. Call before replacing what they protect.
    pub fn sync(&mut self) -> Result<(), String> {
        self.manifest.flush().map_err(|e| e.to_string())?;
        self.pending
            .flush(&self.folder)
            .map_err(|e| format!("cannot flush the backups in {}: {e}", self.folder.display()))
    }
}
