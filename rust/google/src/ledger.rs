//! What ADPhoto last uploaded to each Google user, so that an unchanged run uploads
//! nothing.
//!
//! Google re-encodes every upload to 96x96, so the photo it hands back never equals
//! the one sent and cannot be compared byte for byte. What does survive is the
//! user's `thumbnailPhotoEtag`, which changes whenever the photo others see changes
//! (an administrator's upload, or the user setting their own). After each upload we
//! note the etag it produced and keep the uploaded JPEG; while the user still shows
//! that etag, their photo is exactly what we uploaded. The planner then compares the
//! new photo with the kept one, and backups save the kept one (sharper than
//! Google's rendition of it).
//!
//! Losing this folder is harmless: every photo is then "unknown" and is uploaded
//! once more.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use adphoto_core::clock::utc_now;
use adphoto_core::digest::sha256_hex;
use adphoto_core::safe_names::key_component;

const LOG: &str = "ledger.jsonl";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Line {
    id: String,
    /// None: ADPhoto removed the photo (nothing of ours is there).
    etag: Option<String>,
    #[serde(default)]
    sha256: String,
    #[serde(default)]
    time: String,
}

#[derive(Debug, Clone)]
struct Entry {
    etag: String,
    sha256: String,
}

pub struct Ledger {
    folder: PathBuf,
    entries: HashMap<String, Entry>,
    log: Option<File>,
}

impl Ledger {
    /// Reads the folder's ledger (missing or damaged lines are simply unknown).
    pub fn open(folder: &Path) -> Ledger {
        let mut entries = HashMap::new();
        let mut lines = 0usize;
        if let Ok(text) = std::fs::read_to_string(folder.join(LOG)) {
            for line in text.lines().filter_map(|l| serde_json::from_str::<Line>(l).ok()) {
                lines += 1;
                match line.etag {
                    Some(etag) => entries.insert(
                        line.id,
                        Entry {
                            etag,
                            sha256: line.sha256,
                        },
                    ),
                    None => entries.remove(&line.id),
                };
            }
        }
        let mut ledger = Ledger {
            folder: folder.to_path_buf(),
            entries,
            log: None,
        };
        // One line per upload adds up over years of runs; rewrite when mostly stale.
        if lines > 2 * ledger.entries.len() + 64 {
            let _ = ledger.compact();
        }
        ledger
    }

    /// The photo ADPhoto uploaded, if the user still shows the etag that upload left.
    pub fn uploaded(&self, id: &str, etag: &str) -> Option<Vec<u8>> {
        let entry = self.entries.get(id).filter(|e| e.etag == etag)?;
        let bytes = std::fs::read(self.photo_path(id)).ok()?;
        // A torn or replaced file is not evidence of anything.
        (sha256_hex(&bytes) == entry.sha256).then_some(bytes)
    }

    /// Notes an upload: the user now shows `etag`, and it is `photo`.
    pub fn record(&mut self, id: &str, etag: &str, photo: &[u8]) -> Result<(), String> {
        let path = self.photo_path(id);
        std::fs::create_dir_all(self.folder.join("photos"))
            .and_then(|()| std::fs::write(&path, photo))
            .map_err(|e| format!("cannot keep the uploaded photo in {}: {e}", path.display()))?;
        let sha256 = sha256_hex(photo);
        self.append(Line {
            id: id.to_string(),
            etag: Some(etag.to_string()),
            sha256: sha256.clone(),
            time: utc_now(),
        })?;
        self.entries.insert(
            id.to_string(),
            Entry {
                etag: etag.to_string(),
                sha256,
            },
        );
        Ok(())
    }

    /// Notes that the user's photo is no longer one of ours (removed, or unknown).
    pub fn forget(&mut self, id: &str) -> Result<(), String> {
        if self.entries.remove(id).is_none() {
            return Ok(());
        }
        let _ = std::fs::remove_file(self.photo_path(id));
        self.append(Line {
            id: id.to_string(),
            etag: None,
            sha256: String::new(),
            time: utc_now(),
        })
    }

    fn photo_path(&self, id: &str) -> PathBuf {
        // Google ids are digits; anything else is made safe (and distinct) rather
        // than trusted.
        self.folder.join("photos").join(format!("{}.jpg", key_component(id)))
    }

    fn append(&mut self, line: Line) -> Result<(), String> {
        let path = self.folder.join(LOG);
        let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        if self.log.is_none() {
            std::fs::create_dir_all(&self.folder).map_err(fail)?;
            self.log = Some(OpenOptions::new().create(true).append(true).open(&path).map_err(fail)?);
        }
        let mut text = serde_json::to_string(&line).map_err(|e| e.to_string())?;
        text.push('\n');
        match self.log.as_mut() {
            Some(file) => file.write_all(text.as_bytes()).map_err(fail),
            None => Ok(()),
        }
    }

    fn compact(&mut self) -> std::io::Result<()> {
        let mut text = String::new();
        for (id, e) in &self.entries {
            let line = Line {
                id: id.clone(),
                etag: Some(e.etag.clone()),
                sha256: e.sha256.clone(),
                time: utc_now(),
            };
            if let Ok(l) = serde_json::to_string(&line) {
                text.push_str(&l);
                text.push('\n');
            }
        }
        adphoto_core::atomic_file::write_atomically(&self.folder.join(LOG), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_its_uploads_only_while_the_etag_holds() {
        let dir = std::env::temp_dir().join(format!("adphoto-ledger-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut ledger = Ledger::open(&dir);
        ledger.record("101", "\"e1\"", b"jpeg-1").unwrap();
        ledger.record("102", "\"e2\"", b"jpeg-2").unwrap();
        ledger.record("101", "\"e3\"", b"jpeg-3").unwrap();
        ledger.forget("102").unwrap();

        let again = Ledger::open(&dir);
        assert_eq!(again.uploaded("101", "\"e3\""), Some(b"jpeg-3".to_vec()));
        // The user (or someone else) changed the photo since: not ours any more.
        assert_eq!(again.uploaded("101", "\"e1\""), None);
        assert_eq!(again.uploaded("102", "\"e2\""), None);
        // A kept photo that no longer matches its checksum proves nothing.
        std::fs::write(dir.join("photos/101.jpg"), b"tampered").unwrap();
        assert_eq!(Ledger::open(&dir).uploaded("101", "\"e3\""), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
