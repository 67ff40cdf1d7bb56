//! Expands the paths an administrator gives into photo files: files as named, folders
//! searched recursively for image extensions, in a stable order.
//!
//! Folders are walked with `walkdir`, without following links at first: every file
//! and folder is taken where it really is. Links are then followed one by one, each
//! adding only what the walk has not reached yet, so a link back to a folder already
//! searched (`loop -> .`, `up -> ..`) is reported once and never walked, and a file
//! reached by two names is counted once, under the name it really has.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::file_key::RealFile;

/// Extensions taken from folders. HEIC and AVIF are included on purpose: skipping them
/// silently would hide photos; converting them reports a clear error instead.
pub const PHOTO_EXTENSIONS: [&str; 14] = [
    "jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "tif", "tiff", "webp", "heic", "heif", "avif", "dib",
];

/// One path found, one that could not be read (with why), or one left out (with why:
/// a link that leads somewhere already searched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundFile {
    Photo(PathBuf),
    Unreadable { path: PathBuf, error: String },
    Skipped { path: PathBuf, reason: String },
}

/// Expands `paths`, skipping the folder `exclude` (the output folder, when it sits
/// inside an input folder: a second run must not convert its own outputs).
pub fn find_photo_files(paths: &[PathBuf], exclude: Option<&Path>) -> Vec<FoundFile> {
    let mut walk = Walk {
        exclude: exclude.and_then(|p| RealFile::of(p).ok()),
        ..Walk::default()
    };
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => match RealFile::of(path) {
                Ok(key) if walk.folders.contains_key(&key) => walk.found.push(FoundFile::Skipped {
                    path: path.clone(),
                    reason: format!("already searched as {}", walk.folders[&key].display()),
                }),
                Ok(key) => {
                    walk.folders.insert(key, path.clone());
                    walk.folder(path);
                }
                Err(e) => walk.unreadable(path, e.to_string()),
            },
            // A file named explicitly is taken whatever its extension: the engine
            // recognises formats by content and explains what it cannot read.
            Ok(_) => walk.file(path, true),
            Err(e) => walk.unreadable(path, e.to_string()),
        }
        walk.follow_links();
    }
    walk.found
}

#[derive(Default)]
struct Walk {
    exclude: Option<RealFile>,
    found: Vec<FoundFile>,
    /// Every real folder searched (or being searched), with the path it was reached by.
    folders: HashMap<RealFile, PathBuf>,
    /// Every real file taken, with its path.
    files: HashMap<RealFile, PathBuf>,
    /// Links met during the walks, followed once the walks that met them are done.
    links: VecDeque<PathBuf>,
}

impl Walk {
    /// Walks one real folder (its key already recorded), without following links.
    fn folder(&mut self, root: &Path) {
        let mut entries = WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    self.unreadable(&path, io_message(&e));
                    continue;
                }
            };
            let path = entry.path();
            if entry.path_is_symlink() {
                self.links.push_back(path.to_path_buf());
            } else if entry.file_type().is_dir() {
                if entry.depth() == 0 {
                    continue;
                }
                match RealFile::of(path) {
                    Ok(key) if self.exclude.as_ref() == Some(&key) || self.folders.contains_key(&key) => {
                        entries.skip_current_dir();
                    }
                    Ok(key) => {
                        self.folders.insert(key, path.to_path_buf());
                    }
                    Err(e) => {
                        entries.skip_current_dir();
                        self.unreadable(path, e.to_string());
                    }
                }
            } else if has_photo_extension(path) {
                self.file(path, false);
            }
        }
    }

    /// Takes a file unless its real file was taken already.
    fn file(&mut self, path: &Path, named: bool) {
        match RealFile::of(path) {
            Ok(key) => match self.files.get(&key) {
                Some(first) if named || first != path => self.found.push(FoundFile::Skipped {
                    path: path.to_path_buf(),
                    reason: format!("the same file as {}; counted once", first.display()),
                }),
                Some(_) => {}
                None => {
                    self.files.insert(key, path.to_path_buf());
                    self.found.push(FoundFile::Photo(path.to_path_buf()));
                }
            },
            Err(e) => self.unreadable(path, e.to_string()),
        }
    }

    /// Follows the links met so far (and those met on the way), each once.
    fn follow_links(&mut self) {
        while let Some(link) = self.links.pop_front() {
            let meta = match std::fs::metadata(&link) {
                Ok(m) => m,
                Err(e) => {
                    let target = std::fs::read_link(&link)
                        .map(|t| t.display().to_string())
                        .unwrap_or_default();
                    self.unreadable(&link, format!("a link to {target} that cannot be followed ({e})"));
                    continue;
                }
            };
            if !meta.is_dir() {
                if has_photo_extension(&link) {
                    self.file(&link, false);
                }
                continue;
            }
            let key = match RealFile::of(&link) {
                Ok(k) => k,
                Err(e) => {
                    self.unreadable(&link, e.to_string());
                    continue;
                }
            };
            if self.exclude.as_ref() == Some(&key) {
                continue;
            }
            if let Some(searched) = self.folders.get(&key) {
                let what = if link.starts_with(searched) {
                    "a link back to a folder that contains it (a loop)"
                } else {
                    "a link to a folder already searched"
                };
                self.found.push(FoundFile::Skipped {
                    path: link.clone(),
                    reason: format!("{what}: {}; not followed", searched.display()),
                });
                continue;
            }
            self.folders.insert(key, link.clone());
            self.folder(&link);
        }
    }

    fn unreadable(&mut self, path: &Path, error: String) {
        self.found.push(FoundFile::Unreadable {
            path: path.to_path_buf(),
            error,
        });
    }
}

/// `._AppleDouble` files, `.DS_Store`, editor leftovers and hidden folders.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn io_message(e: &walkdir::Error) -> String {
    e.io_error().map(|io| io.to_string()).unwrap_or_else(|| e.to_string())
}

pub fn has_photo_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PHOTO_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_searched_recursively_for_images_only() {
        let dir = std::env::temp_dir().join(format!("adphoto-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::create_dir_all(dir.join("out")).unwrap();
        for name in [
            "b.JPG",
            "a.png",
            "notes.txt",
            ".DS_Store",
            "sub/c.heic",
            "sub/._c.jpg",
            "out/a.jpg",
        ] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        let paths = [dir.clone(), dir.join("notes.txt"), dir.join("missing.jpg")];
        let found = find_photo_files(&paths, Some(&dir.join("out")));
        let names: Vec<String> = found
            .iter()
            .map(|f| match f {
                FoundFile::Photo(p) => p.strip_prefix(&dir).unwrap().display().to_string(),
                FoundFile::Unreadable { path, .. } | FoundFile::Skipped { path, .. } => {
                    format!("!{}", path.file_name().unwrap().to_string_lossy())
                }
            })
            .collect();
        assert_eq!(names, ["a.png", "b.JPG", "sub/c.heic", "notes.txt", "!missing.jpg"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
