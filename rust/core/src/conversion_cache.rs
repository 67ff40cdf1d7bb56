//! Remembers what each photo file converted to, so that a run over unchanged files
//! and an unchanged directory knows it has nothing to do without decoding a single
//! photo. Keyed by the file (path, size, modification time) and the exact options;
//! any change to either means a fresh conversion.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::digest::sha256_hex;
use crate::photo::{Fit, Framing, Rendition};

/// Bump when the engine's output for the same input and options changes.
/// 2: face framing, ICC colour management.
/// 3: with face framing, the whole picture is decoded at the face detector's scale
///    whatever the output sizes (outputs over 320 pixels: Microsoft 365, account
///    pictures), so one decode serves every target of a run.
/// 4: with face framing, the whole picture is decoded finely enough for a 648-pixel
///    square (1,200 pixels across its shorter side), once for every target.
const ENGINE_REVISION: &str = concat!(env!("CARGO_PKG_VERSION"), "/4");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPhoto {
    pub sha256: String,
    pub bytes: u64,
    pub quality: u8,
}

#[derive(Default)]
pub struct ConversionCache {
    path: Option<PathBuf>,
    entries: HashMap<(String, String), (u64, i128, CachedPhoto)>,
    lines_on_disk: usize,
    added: Vec<String>,
}

/// Names the options a conversion used; equal fingerprints give equal outputs.
pub fn fingerprint(renditions: &[Rendition], fit: Fit, framing: &Framing) -> String {
    let mut text = format!("{ENGINE_REVISION}|{fit:?}|{framing:?}");
    for r in renditions {
        text.push_str(&format!("|{},{},{:?}", r.size, r.quality, r.max_bytes));
    }
    sha256_hex(text.as_bytes())[..16].to_string()
}

impl ConversionCache {
    /// The cache in the user's data folder; an unreadable one is simply empty.
    pub fn open_default() -> ConversionCache {
        Self::open(&crate::backup::data_folder().join("conversion-cache.tsv"))
    }

    pub fn open(path: &Path) -> ConversionCache {
        let mut cache = ConversionCache {
            path: Some(path.to_path_buf()),
            ..Default::default()
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return cache;
        };
        for line in text.lines() {
            cache.lines_on_disk += 1;
            let f: Vec<&str> = line.split('\t').collect();
            let [fp, size, mtime, sha, bytes, quality, file] = f[..] else {
                continue;
            };
            let (Ok(size), Ok(mtime), Ok(bytes), Ok(quality)) =
                (size.parse(), mtime.parse(), bytes.parse(), quality.parse())
            else {
                continue;
            };
            let photo = CachedPhoto {
                sha256: sha.to_string(),
                bytes,
                quality,
            };
            cache
                .entries
                .insert((fp.to_string(), unescape(file)), (size, mtime, photo));
        }
        cache
    }

    /// What `file` converted to with these options, if it has not changed since.
    pub fn lookup(&self, file: &Path, fingerprint: &str) -> Option<&CachedPhoto> {
        let (key, size, mtime) = identity(file)?;
        let (s, m, photo) = self.entries.get(&(fingerprint.to_string(), key))?;
        (*s == size && *m == mtime).then_some(photo)
    }

    pub fn record(&mut self, file: &Path, fingerprint: &str, photo: CachedPhoto) {
        let Some((key, size, mtime)) = identity(file) else {
            return;
        };
        self.added.push(format!(
            "{fingerprint}\t{size}\t{mtime}\t{}\t{}\t{}\t{}",
            photo.sha256,
            photo.bytes,
            photo.quality,
            escape(&key)
        ));
        self.entries
            .insert((fingerprint.to_string(), key), (size, mtime, photo));
    }

    /// Appends what was recorded; rewrites the file when old lines dominate it.
    pub fn save(&mut self) -> std::io::Result<()> {
        let Some(path) = self.path.clone() else { return Ok(()) };
        if self.added.is_empty() {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if self.lines_on_disk + self.added.len() > 2 * self.entries.len() + 1000 {
            let mut text = String::new();
            for ((fp, file), (size, mtime, p)) in &self.entries {
                text.push_str(&format!(
                    "{fp}\t{size}\t{mtime}\t{}\t{}\t{}\t{}\n",
                    p.sha256,
                    p.bytes,
                    p.quality,
                    escape(file)
                ));
            }
            crate::atomic_file::write_atomically(&path, text.as_bytes())?;
            self.lines_on_disk = self.entries.len();
        } else {
            let mut f = OpenOptions::new().create(true).append(true).open(&path)?;
            let mut text = self.added.join("\n");
            text.push('\n');
            f.write_all(text.as_bytes())?;
            self.lines_on_disk += self.added.len();
        }
        self.added.clear();
        Ok(())
    }
}

/// The file's absolute path, size and modification time (nanoseconds).
fn identity(file: &Path) -> Option<(String, u64, i128)> {
    let meta = std::fs::metadata(file).ok()?;
    let mtime = meta.modified().ok()?;
    let nanos = match mtime.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    let absolute = std::path::absolute(file).ok()?;
    Some((absolute.to_string_lossy().into_owned(), meta.len(), nanos))
}

fn escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%09", "\t")
        .replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_or_option_misses() {
        let dir = std::env::temp_dir().join(format!("adphoto-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let photo = dir.join("a\tb.jpg");
        std::fs::write(&photo, b"one").unwrap();
        let r = [Rendition {
            size: 96,
            quality: 90,
            max_bytes: None,
        }];
        let fp = fingerprint(&r, Fit::Crop, &Framing::default());
        assert_ne!(fp, fingerprint(&r, Fit::Pad, &Framing::default()));
        assert_ne!(fp, fingerprint(&r, Fit::Crop, &Framing::centre()));
        let cache_file = dir.join("cache.tsv");
        let mut cache = ConversionCache::open(&cache_file);
        let entry = CachedPhoto {
            sha256: "ab".into(),
            bytes: 3,
            quality: 90,
        };
        cache.record(&photo, &fp, entry.clone());
        cache.save().unwrap();
        let cache = ConversionCache::open(&cache_file);
        assert_eq!(cache.lookup(&photo, &fp), Some(&entry));
        assert_eq!(cache.lookup(&photo, "other"), None);
        std::fs::write(&photo, b"three").unwrap();
        assert_eq!(cache.lookup(&photo, &fp), None, "a rewritten file is converted again");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
