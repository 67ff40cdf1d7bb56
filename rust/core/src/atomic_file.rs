//! Writing a file so that readers see either the old content or the new, never half.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes the temporary files of one process's concurrent writes.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The most of the final name a temporary name repeats: with the dot, process id,
/// counter and `.tmp`, it stays within the 255 bytes a file name may have.
const TMP_NAME_BYTES: usize = 200;

/// Writes through a temporary file in the same folder, flushed to disk, then renamed
/// over `path`: a crash or a full disk never leaves a half-written file under the
/// final name.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut cut = name.len().min(TMP_NAME_BYTES);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    name.truncate(cut);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        // A new file only: never through a link someone left under this name.
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
