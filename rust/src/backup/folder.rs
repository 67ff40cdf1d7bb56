//! Where a run keeps its backups and journal when the administrator names no folder.

use std::path::PathBuf;

/// `%LOCALAPPDATA%\ADPhoto\backups\<UTC time>` on Windows,
/// `$XDG_DATA_HOME/adphoto/backups/<UTC time>` (or `~/.local/share/…`) elsewhere. Not
/// the current folder: scheduled tasks run in System32.
pub fn default_run_folder() -> PathBuf {
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(|p| PathBuf::from(p).join("ADPhoto"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .map(|p| p.join("adphoto"))
    };
    base.unwrap_or_else(|| PathBuf::from("adphoto-data"))
        .join("backups")
        .join(crate::clock::utc_stamp())
}
