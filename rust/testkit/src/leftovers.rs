//! Scratch folders of test processes that have ended. Each test process names its
//! folders in the temporary folder after its process id and keeps them when it ends, so
//! a failed test can be looked at; the next test process removes those of processes no
//! longer running. Without this every run of the suite left hundreds of megabytes behind
//! (4.3 GB after two days of runs here).

use std::path::Path;
use std::sync::Once;

/// The names of the folders the tests make: `<prefix><pid>` or `<prefix><pid>-<name>`.
const PREFIXES: [&str; 2] = ["adphoto-test-", "adphoto-openldap-"];

/// Removes, once per process, the scratch folders of test processes that have ended.
pub fn sweep_once() {
    static SWEPT: Once = Once::new();
    SWEPT.call_once(|| sweep(&std::env::temp_dir(), is_running));
}

fn sweep(temp: &Path, running: impl Fn(u32) -> bool) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner) else {
            continue;
        };
        // Never a link (it could point anywhere), never one of a process still running.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && !running(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id a scratch folder's name carries.
fn owner(name: &str) -> Option<u32> {
    let rest = PREFIXES.iter().find_map(|p| name.strip_prefix(p))?;
    let digits = rest.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether a process runs. Only Linux can tell cheaply (/proc); elsewhere every folder
/// is taken for one of a running process and kept.
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_folders_of_ended_test_processes_are_removed() {
        let temp = std::env::temp_dir().join(format!("adphoto-leftovers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temp);
        std::fs::create_dir_all(&temp).unwrap();
        let made = |name: &str| {
            let dir = temp.join(name);
            std::fs::create_dir_all(dir.join("inside")).unwrap();
            dir
        };
        let ended = made("adphoto-test-4000001-cli-plan");
        let ended_server = made("adphoto-openldap-4000001");
        let running = made("adphoto-test-4000002-data");
        let mine = made(&format!("adphoto-test-{}-review", std::process::id()));
        let other = made("adphoto-test-x1-data");
        let someone_elses = made("photos-4000001");
        let file = temp.join("adphoto-test-4000001-note");
        std::fs::write(&file, "kept").unwrap();
        sweep(&temp, |pid| pid == 4000002);
        assert!(!ended.exists() && !ended_server.exists());
        for kept in [&running, &mine, &other, &someone_elses, &file] {
            assert!(kept.exists(), "{}", kept.display());
        }
        #[cfg(unix)]
        {
            // A link named like a scratch folder is not followed: its target stays.
            let target = made("target-of-link");
            std::os::unix::fs::symlink(&target, temp.join("adphoto-test-4000003-link")).unwrap();
            sweep(&temp, |_| false);
            assert!(target.join("inside").exists());
        }
        std::fs::remove_dir_all(&temp).unwrap();
    }

    #[test]
    fn this_process_runs_and_a_made_up_one_does_not() {
        if cfg!(target_os = "linux") {
            assert!(is_running(std::process::id()));
            assert!(!is_running(u32::MAX - 7));
        }
    }
}
