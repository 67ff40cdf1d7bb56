//! Expands the paths an administrator gives into photo files: files as named, folders
//! searched recursively for image extensions, in a stable order.

use std::path::{Path, PathBuf};

/// Extensions taken from folders. HEIC and AVIF are included on purpose: skipping them
/// silently would hide photos; converting them reports a clear error instead.
pub const PHOTO_EXTENSIONS: [&str; 14] = [
    "jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "tif", "tiff", "webp", "heic", "heif", "avif", "dib",
];

/// One path found, or one path that could not be read (with why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundFile {
    Photo(PathBuf),
    Unreadable { path: PathBuf, error: String },
}

/// Expands `paths`, skipping the folder `exclude` (the output folder, when it sits
/// inside an input folder: a second run must not convert its own outputs).
pub fn find_photo_files(paths: &[PathBuf], exclude: Option<&Path>) -> Vec<FoundFile> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut found = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, exclude.as_deref(), &mut found),
            // A file named explicitly is taken whatever its extension: the engine
            // recognises formats by content and explains what it cannot read.
            Ok(_) => found.push(FoundFile::Photo(path.clone())),
            Err(e) => found.push(FoundFile::Unreadable {
                path: path.clone(),
                error: e.to_string(),
            }),
        }
    }
    found
}

fn walk(dir: &Path, exclude: Option<&Path>, found: &mut Vec<FoundFile>) {
    if exclude.is_some() && dir.canonicalize().ok().as_deref() == exclude {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            found.push(FoundFile::Unreadable {
                path: dir.to_path_buf(),
                error: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue; // ._AppleDouble files, .DS_Store, editor leftovers
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, exclude, found),
            Ok(_) if has_photo_extension(&path) => found.push(FoundFile::Photo(path)),
            Ok(_) => {}
            Err(e) => found.push(FoundFile::Unreadable {
                path,
                error: e.to_string(),
            }),
        }
    }
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
                FoundFile::Unreadable { path, .. } => {
                    format!("!{}", path.file_name().unwrap().to_string_lossy())
                }
            })
            .collect();
        assert_eq!(names, ["a.png", "b.JPG", "sub/c.heic", "notes.txt", "!missing.jpg"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
