//! Where a run keeps its backups and journal when the administrator names no folder.

use std::path::PathBuf;

/// `%LOCALAPPDATA%\ADPhoto\backups\<UTC time>` on Windows,
/// `$XDG_DATA_HOME/adphoto/backups/<UTC time>` (or `~/.local/share/…`) elsewhere. Not
/// the current folder: scheduled tasks run in System32. Never an existing folder: two
/// runs sharing one would make the second skip backing up what the first recorded.
pub fn default_run_folder() -> PathBuf {
    let base = data_folder().join("backups");
    let stamp = crate::clock::utc_stamp();
    let mut folder = base.join(&stamp);
    let mut n = 2;
    while folder.exists() {
        folder = base.join(format!("{stamp}-{n}"));
        n += 1;
    }
    folder
}

/// ADPhoto's folder in the user's data folder (backups, the conversion cache).
pub fn data_folder() -> PathBuf {
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(|p| PathBuf::from(p).join("ADPhoto"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .map(|p| p.join("adphoto"))
    };
    base.unwrap_or_else(|| PathBuf::from("adphoto-data"))
}
