//! The ledger's file: read once, appended to after each write.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use adphoto_core::backup::data_folder;
use adphoto_core::clock::utc_now;
use adphoto_core::digest::sha256_hex;
use adphoto_core::directory::{Current, Directory, Service};
use adphoto_core::safe_names::{file_component, is_plain_component};

/// The folder under ADPhoto's data folder that holds the ledgers.
const FOLDER: &str = "written";

#[derive(Serialize, Deserialize)]
struct Line {
    key: String,
    /// sha256 of the photo written; empty when ADPhoto removed the photo.
    sha256: String,
    #[serde(default)]
    time: String,
}

/// What the ledger says of a user's present photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// ADPhoto never wrote this user's photo (or the record is lost).
    Unknown,
    /// The photo is the one ADPhoto last wrote.
    Ours,
    /// Someone else changed (or removed) it since ADPhoto wrote it.
    ChangedElsewhere,
}

pub struct Ledger {
    path: PathBuf,
    /// Per stable key, the sha256 last written ("" for a removal).
    last: HashMap<String, String>,
    log: Option<File>,
}

impl Ledger {
    /// The ledger of a directory's photo attribute, or `None` for a directory that
    /// cannot read back what it holds (an LDIF file, a users CSV) and for the in-memory
    /// test directory (its keys are made from account names, the same in every
    /// instance, so one shared record would mix up every test's users).
    pub fn for_directory(dir: &dyn Directory) -> Option<Ledger> {
        match dir.service() {
            Service::Ldif | Service::Csv | Service::Memory => None,
            service => Some(Ledger::open_in(
                &data_folder().join(FOLDER),
                service,
                &dir.home(),
                dir.photo_attribute(),
            )),
        }
    }

    /// The ledger of `attribute` in the directory `home` (its domain, tenant or
    /// customer) of `service`, under `folder`: `ldap/school.org/thumbnailphoto.jsonl`.
    /// Missing or damaged lines are simply unknown.
    pub fn open_in(folder: &Path, service: Service, home: &str, attribute: &str) -> Ledger {
        let path = folder.join(service.name()).join(home_component(home)).join(format!(
            "{}.jsonl",
            file_component(&attribute.to_ascii_lowercase(), "photo")
        ));
        // Earlier releases kept one file per service and attribute for every directory.
        // Its keys (objectGUIDs, object ids) name one user anywhere, so it is read first
        // and this directory's own lines win; it is never written again.
        let legacy = folder.join(format!(
            "{}-{}.jsonl",
            service.name(),
            file_component(&attribute.to_ascii_lowercase(), "photo")
        ));
        let mut last = HashMap::new();
        for file in [&legacy, &path] {
            if let Ok(text) = std::fs::read_to_string(file) {
                for line in text.lines().filter_map(|l| serde_json::from_str::<Line>(l).ok()) {
                    last.insert(line.key, line.sha256);
                }
            }
        }
        Ledger { path, last, log: None }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the photo `current` is the one ADPhoto last wrote for `key`.
    pub fn verdict(&self, key: &str, current: &Current) -> Verdict {
        let Some(recorded) = self.last.get(key) else {
            return Verdict::Unknown;
        };
        let now = match current {
            Current::Absent => String::new(),
            Current::Photo(values) => match values.as_slice() {
                [one] => sha256_hex(one),
                // Several values: ADPhoto writes one, so these are someone else's.
                _ => return Verdict::ChangedElsewhere,
            },
            // Nothing to compare with.
            Current::Unreadable(_) | Current::Unknown => return Verdict::Unknown,
        };
        if now == *recorded {
            Verdict::Ours
        } else {
            Verdict::ChangedElsewhere
        }
    }

    /// Notes that ADPhoto wrote `photo` (none: removed it) for `key`. The line reaches
    /// the operating system at once; `sync` makes it survive a power cut.
    pub fn record(&mut self, key: &str, photo: Option<&[u8]>) -> Result<(), String> {
        let sha256 = photo.map(sha256_hex).unwrap_or_default();
        let line = Line {
            key: key.to_string(),
            sha256: sha256.clone(),
            time: utc_now(),
        };
        let mut text = serde_json::to_string(&line).map_err(|e| e.to_string())?;
        text.push('\n');
        let path = self.path.clone();
        let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        if self.log.is_none() {
            if let Some(parent) = self.path.parent() {
                std::fs::create_dir_all(parent).map_err(fail)?;
            }
            self.log = Some(
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&self.path)
                    .map_err(fail)?,
            );
        }
        if let Some(log) = self.log.as_mut() {
            // One call per line: appends from two runs interleave whole lines.
            log.write_all(text.as_bytes()).map_err(fail)?;
        }
        self.last.insert(key.to_string(), sha256);
        Ok(())
    }

    /// Makes what was recorded durable.
    pub fn sync(&mut self) -> Result<(), String> {
        match &self.log {
            Some(f) => f
                .sync_data()
                .map_err(|e| format!("cannot flush {}: {e}", self.path.display())),
            None => Ok(()),
        }
    }
}

/// A directory's name as one folder name: itself when it is one already, else made safe
/// and told apart by a hash of the whole (`a:b` and `a_b` are two directories).
fn home_component(home: &str) -> String {
    let home = home.trim().to_lowercase();
    if is_plain_component(&home) {
        home
    } else {
        format!(
            "{}~{}",
            file_component(&home, "directory"),
            &sha256_hex(home.as_bytes())[..8]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("adphoto-ledger-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_photo_other_than_the_last_written_was_changed_elsewhere() {
        let dir = folder("verdict");
        let mut ledger = Ledger::open_in(&dir, Service::Ldap, "school.org", "thumbnailPhoto");
        let ours = Current::Photo(vec![b"ours".to_vec()]);
        assert_eq!(ledger.verdict("k1", &ours), Verdict::Unknown);
        ledger.record("k1", Some(b"ours")).unwrap();
        ledger.record("k2", None).unwrap();
        ledger.sync().unwrap();
        let again = Ledger::open_in(&dir, Service::Ldap, "school.org", "thumbnailPhoto");
        assert_eq!(again.verdict("k1", &ours), Verdict::Ours);
        assert_eq!(
            again.verdict("k1", &Current::Photo(vec![b"theirs".to_vec()])),
            Verdict::ChangedElsewhere
        );
        assert_eq!(again.verdict("k1", &Current::Absent), Verdict::ChangedElsewhere);
        assert_eq!(again.verdict("k2", &Current::Absent), Verdict::Ours);
        assert_eq!(again.verdict("k2", &ours), Verdict::ChangedElsewhere);
        // Another domain of the same service, another attribute, another service:
        // another ledger.
        assert_eq!(
            Ledger::open_in(&dir, Service::Ldap, "other.org", "thumbnailPhoto").verdict("k1", &ours),
            Verdict::Unknown
        );
        assert_eq!(
            Ledger::open_in(&dir, Service::Ldap, " School.ORG ", "thumbnailPhoto").verdict("k1", &ours),
            Verdict::Ours,
            "one domain however it is spelled"
        );
        assert_eq!(
            Ledger::open_in(&dir, Service::Ldap, "school.org", "jpegPhoto").verdict("k1", &ours),
            Verdict::Unknown
        );
        assert_eq!(
            Ledger::open_in(&dir, Service::Graph, "school.org", "thumbnailPhoto").verdict("k1", &ours),
            Verdict::Unknown
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_single_file_of_earlier_releases_is_read_and_never_written() {
        let dir = folder("legacy");
        std::fs::create_dir_all(&dir).unwrap();
        let legacy = dir.join("ldap-thumbnailphoto.jsonl");
        let line = |key: &str, photo: &[u8]| format!("{{\"key\":\"{key}\",\"sha256\":\"{}\"}}\n", sha256_hex(photo));
        std::fs::write(&legacy, line("old", b"a") + &line("both", b"a")).unwrap();
        let mut ledger = Ledger::open_in(&dir, Service::Ldap, "school.org", "thumbnailPhoto");
        assert_eq!(
            ledger.verdict("old", &Current::Photo(vec![b"a".to_vec()])),
            Verdict::Ours
        );
        ledger.record("both", Some(b"b")).unwrap();
        let again = Ledger::open_in(&dir, Service::Ldap, "school.org", "thumbnailPhoto");
        assert_eq!(
            again.verdict("both", &Current::Photo(vec![b"b".to_vec()])),
            Verdict::Ours,
            "its own line wins"
        );
        assert_eq!(std::fs::read_to_string(&legacy).unwrap().lines().count(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_torn_line_and_hostile_names_stay_inside_the_folder() {
        let dir = folder("torn");
        let mut ledger = Ledger::open_in(&dir, Service::Ldap, "../..\\x:y", "../../etc/passwd");
        assert!(ledger.path().starts_with(&dir), "{}", ledger.path().display());
        assert_eq!(
            ledger.path().parent().unwrap().parent(),
            Some(dir.join("ldap").as_path())
        );
        assert_ne!(home_component("a:b"), home_component("a_b"));
        assert_eq!(home_component("School.org"), "school.org");
        ledger.record("../k", Some(b"a")).unwrap();
        let mut text = std::fs::read_to_string(ledger.path()).unwrap();
        text.push_str("{\"key\":\"../k\",\"sha2");
        std::fs::write(ledger.path(), text).unwrap();
        let again = Ledger::open_in(&dir, Service::Ldap, "../..\\x:y", "../../etc/passwd");
        assert_eq!(
            again.verdict("../k", &Current::Photo(vec![b"a".to_vec()])),
            Verdict::Ours
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn two_writers_append_whole_lines() {
        let dir = folder("writers");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let dir = dir.clone();
                std::thread::spawn(move || {
                    let mut ledger = Ledger::open_in(&dir, Service::Graph, "contoso.onmicrosoft.com", "photo");
                    for i in 0..200 {
                        ledger
                            .record(&format!("t{t}-{i}"), Some(format!("{t}/{i}").as_bytes()))
                            .unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let ledger = Ledger::open_in(&dir, Service::Graph, "contoso.onmicrosoft.com", "photo");
        for t in 0..4 {
            for i in 0..200 {
                let photo = Current::Photo(vec![format!("{t}/{i}").into_bytes()]);
                assert_eq!(ledger.verdict(&format!("t{t}-{i}"), &photo), Verdict::Ours);
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
