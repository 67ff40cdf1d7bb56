//! Where a run keeps its backups and journal when the administrator names no folder.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// `%LOCALAPPDATA%\ADPhoto\backups\<UTC time>` on Windows,
/// `$XDG_DATA_HOME/adphoto/backups/<UTC time>` (or `~/.local/share/…`) elsewhere. Not
/// the current folder: scheduled tasks run in System32. Never an existing folder: two
/// runs sharing one would make the second skip backing up what the first recorded.
pub fn default_run_folder() -> PathBuf {
    claim_new_folder(&data_folder().join("backups"), &crate::clock::utc_stamp())
}

/// Creates and returns a folder of `base` named `stamp`, or `stamp-2`, `stamp-3` ... when
/// that is taken. The folder is claimed by creating it: two runs started in the same
/// second by two processes (a scheduled task and an administrator) would otherwise both
/// see the name free and share one folder, and a restore of one would undo the other.
fn claim_new_folder(base: &Path, stamp: &str) -> PathBuf {
    let first = base.join(stamp);
    // Without a base folder nothing can be claimed; the run reports the real error when it
    // writes its first backup there.
    if std::fs::create_dir_all(base).is_err() {
        return first;
    }
    for n in 1..=10_000u32 {
        let folder = if n == 1 {
            first.clone()
        } else {
            base.join(format!("{stamp}-{n}"))
        };
        match std::fs::create_dir(&folder) {
            Ok(()) => return folder,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(_) => return folder,
        }
    }
    first
}

/// Removes a folder `default_run_folder` claimed when the run wrote nothing there (a
/// plan, an unchanged run), so such runs leave no empty folders among the backups. A
/// folder with anything in it stays.
pub fn release_unused(folder: &Path) {
    let _ = std::fs::remove_dir(folder);
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::{Arc, Barrier};

    use super::claim_new_folder;

    #[test]
    fn runs_started_in_the_same_second_never_share_a_folder() {
        let base = adphoto_testkit::scratch("run-folder-claim");
        let threads = 8;
        let start = Arc::new(Barrier::new(threads));
        let claimed: Vec<_> = (0..threads)
            .map(|_| {
                let base = base.clone();
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    start.wait();
                    claim_new_folder(&base, "20261205T211400Z")
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().expect("thread"))
            .collect();
        let distinct: HashSet<_> = claimed.iter().collect();
        assert_eq!(distinct.len(), threads, "two runs got one folder: {claimed:?}");
        assert!(
            claimed.iter().all(|f| f.is_dir()),
            "every folder is created when claimed"
        );
        assert!(claimed.contains(&base.join("20261205T211400Z")));
        assert!(claimed.contains(&base.join("20261205T211400Z-8")));
        let _ = std::fs::remove_dir_all(&base);
    }
}
