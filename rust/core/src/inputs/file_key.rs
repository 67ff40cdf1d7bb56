//! What makes two paths the same file or folder: the device and inode on Unix (links,
//! bind mounts and `..` all lead to one key), the fully resolved path elsewhere.

use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RealFile(Key);

#[cfg(unix)]
type Key = (u64, u64);
#[cfg(not(unix))]
type Key = std::path::PathBuf;

impl RealFile {
    /// The file or folder `path` leads to (following links), if it exists.
    pub fn of(path: &Path) -> std::io::Result<RealFile> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path)?;
            Ok(RealFile((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            // Case differences are folded too: Windows and macOS folders ignore case.
            let resolved = std::fs::canonicalize(path)?;
            Ok(RealFile(std::path::PathBuf::from(
                resolved.to_string_lossy().to_lowercase(),
            )))
        }
    }
}
