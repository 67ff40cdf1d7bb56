//! Reading a saved photo back for a restore. The manifest naming it is a file anyone
//! who can write to the run folder could have edited, so nothing it says is trusted:
//! the file must be a plain file inside the run folder (no absolute path, no `..`, no
//! link on the way), its checksum must be recorded and match, and it must be an image.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::digest::sha256_hex;
use crate::error::{Error, ErrorKind};
use crate::photo::sniff;

/// The largest saved photo read back (Graph's limit is 4 MB, AD's 100 KB).
pub const MAX_SAVED_BYTES: u64 = 64 << 20;

fn refuse(kind: ErrorKind, message: String) -> Error {
    Error::new(kind, message)
}

/// The bytes of `relative` (a manifest's `files` entry) inside `folder`, checked
/// against `sha256` (its `sha256` entry).
pub fn read_saved(folder: &Path, relative: &str, sha256: &str) -> Result<Vec<u8>, Error> {
    let damaged = |why: &str| refuse(ErrorKind::BackupDamaged, format!("{relative}: {why}"));
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(damaged(
            "the manifest records no checksum for it, so it cannot be trusted",
        ));
    }
    let path = inside(folder, relative).ok_or_else(|| damaged("not a file inside the backup folder"))?;
    let bytes = read_plain_file(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => refuse(ErrorKind::BackupMissing, format!("{relative}: {e}")),
        _ => damaged(&e.to_string()),
    })?;
    if !sha256_hex(&bytes).eq_ignore_ascii_case(sha256) {
        return Err(damaged("does not match its checksum"));
    }
    if sniff(&bytes).is_err() {
        return Err(refuse(
            ErrorKind::BackupNotAnImage,
            format!("{relative}: the saved file is not an image"),
        ));
    }
    Ok(bytes)
}

/// `folder/relative` when `relative` only goes down (plain names, no root, drive or
/// `..`) through real folders (no links).
fn inside(folder: &Path, relative: &str) -> Option<PathBuf> {
    if relative.is_empty() || relative.contains(['\\', ':', '\0']) {
        return None;
    }
    let mut path = folder.to_path_buf();
    for part in Path::new(relative).components() {
        let Component::Normal(name) = part else { return None };
        path.push(name);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            return None;
        }
    }
    Some(path)
}

/// A regular file's content, refusing anything else (devices, pipes) before reading
/// and anything over `MAX_SAVED_BYTES`.
fn read_plain_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_SAVED_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SAVED_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MB",
            MAX_SAVED_BYTES >> 20
        )));
    }
    Ok(bytes)
}
