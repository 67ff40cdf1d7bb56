//! An output must never be written over one of the run's own inputs: `convert` into
//! the folder it reads (its originals replaced by thumbnails), or an LDIF file named
//! like the users CSV, the mapping CSV or a photo. Only a file that already exists can
//! be an input, so only those are compared, by their real path (links and `..`
//! resolved; the file system's own spelling of a name that differs only in case).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use adphoto_core::photo::sniff;

/// The real paths of a run's input files.
#[derive(Debug, Default)]
pub struct Inputs {
    files: HashSet<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Inputs {
    /// `paths`: files, and folders whose images are inputs.
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Inputs {
        let mut inputs = Inputs::default();
        for path in paths {
            let Ok(real) = std::fs::canonicalize(path) else {
                continue;
            };
            if real.is_dir() {
                inputs.folders.push(real);
            } else {
                inputs.files.insert(real);
            }
        }
        inputs
    }

    /// The input `output` would overwrite, if any: a listed file, or an image inside a
    /// listed folder.
    pub fn overwritten_by(&self, output: &Path) -> Option<PathBuf> {
        let real = std::fs::canonicalize(output).ok()?;
        if self.files.contains(&real) {
            return Some(real);
        }
        let inside = self.folders.iter().any(|f| real.starts_with(f));
        (inside && is_image(&real)).then_some(real)
    }
}

fn is_image(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 64];
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut head).unwrap_or(0);
    sniff(&head[..n]).is_ok()
}

/// Why the LDIF file a run would write must not be written: it is one of the run's
/// inputs (the users CSV, the mapping CSV, a photo). `None` for other targets.
pub fn ldif_overwrites_input(spec: &crate::DirectorySpec, matching: &crate::MatchRequest) -> Option<String> {
    let crate::DirectorySpec::Ldif { path, users, .. } = spec else {
        return None;
    };
    let mut inputs: Vec<&Path> = matching.photos.iter().map(PathBuf::as_path).collect();
    inputs.extend(matching.map.as_deref());
    inputs.extend(matching.pairs.iter().map(|p| p.path.as_path()));
    if let crate::DirectorySpec::Csv { path, .. } = users.as_ref() {
        inputs.push(path);
    }
    let input = Inputs::of(inputs).overwritten_by(path)?;
    Some(format!(
        "the LDIF file {} would replace the input {}: name another file",
        path.display(),
        input.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_file_or_an_image_in_an_input_folder_is_found_by_any_spelling() {
        let dir = std::env::temp_dir().join(format!("adphoto-guard-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("photos")).unwrap();
        std::fs::write(dir.join("users.csv"), "sAMAccountName\nann\n").unwrap();
        std::fs::write(
            dir.join("photos/ann.jpg"),
            [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0],
        )
        .unwrap();
        std::fs::write(dir.join("photos/old.ldif"), "dn: x\n").unwrap();
        let inputs = Inputs::of([dir.join("users.csv").as_path(), dir.join("photos").as_path()]);
        assert!(inputs.overwritten_by(&dir.join("photos/../users.csv")).is_some());
        assert!(inputs.overwritten_by(&dir.join("photos/ann.jpg")).is_some());
        assert!(
            inputs.overwritten_by(&dir.join("photos/old.ldif")).is_none(),
            "not an image"
        );
        assert!(
            inputs.overwritten_by(&dir.join("photos/new.ldif")).is_none(),
            "does not exist"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
