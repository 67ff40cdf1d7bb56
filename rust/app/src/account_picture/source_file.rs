//! The local HD photo: the file given for the user, or `<account name>.<ext>` (or
//! `<SID>.<ext>`) in a photo folder, such as a share the photographer's files are
//! copied to.

use std::path::{Path, PathBuf};

use super::source::{Fetched, Lookup, PhotoSource, SourceKind, UserRef};
use adphoto_core::photo::{read_source, Limits};
use adphoto_core::safe_names::is_plain_component;

/// Extensions tried in a photo folder, in this order.
const EXTENSIONS: [&str; 7] = ["jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp"];

pub struct FileSource {
    folder: Option<PathBuf>,
    limits: Limits,
}

impl FileSource {
    pub fn new(folder: Option<PathBuf>, limits: Limits) -> FileSource {
        FileSource { folder, limits }
    }

    /// The first file in the folder named after the user. Names are probed directly
    /// (no listing), so a share of thousands of photos costs a few lookups per logon.
    fn find_in_folder(folder: &Path, user: &UserRef) -> Option<PathBuf> {
        let mut stems: Vec<String> = Vec::new();
        if let Some(name) = user.account_name() {
            stems.push(name.to_string());
            stems.push(name.to_lowercase());
        }
        stems.push(user.sid.clone());
        stems.dedup();
        for stem in &stems {
            if !is_plain_component(stem) {
                continue; // a name must never lead out of the folder, or to a device
            }
            for ext in EXTENSIONS {
                let path = folder.join(format!("{stem}.{ext}"));
                if path.is_file() {
                    return Some(path);
                }
            }
        }
        None
    }
}

impl PhotoSource for FileSource {
    fn kind(&self) -> SourceKind {
        SourceKind::File
    }

    fn fetch(&mut self, user: &UserRef) -> Result<Lookup, String> {
        let path = match (&user.photo, &self.folder) {
            (Some(p), _) => {
                if !p.exists() {
                    return Ok(Lookup::Absent(format!("the photo file {} does not exist", p.display())));
                }
                p.clone()
            }
            (None, Some(folder)) => match FileSource::find_in_folder(folder, user) {
                Some(p) => p,
                None => {
                    return Ok(Lookup::Absent(format!(
                        "no photo named {}.jpg (or .png, ...) in {}",
                        user.account_name().unwrap_or(&user.sid),
                        folder.display()
                    )))
                }
            },
            (None, None) => return Ok(Lookup::Absent("no photo file or folder given".into())),
        };
        let bytes = read_source(&path, &self.limits).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Lookup::Found(Fetched {
            kind: SourceKind::File,
            origin: path.display().to_string(),
            bytes,
        }))
    }
}
