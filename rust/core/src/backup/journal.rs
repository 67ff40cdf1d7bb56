//! The journal of a run: every photo written, so that an interrupted run continues
//! where it stopped without rewriting anyone.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::clock::utc_now;
use crate::durable::PendingFlush;

pub const JOURNAL: &str = "journal.jsonl";

#[derive(Serialize, Deserialize)]
struct Line {
    key: String,
    attribute: String,
    /// sha256 of the value written; empty for a removal.
    sha256: String,
    time: String,
    /// `in-doubt`: sent, but the answer never came (it may have been applied);
    /// absent: written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

const IN_DOUBT: &str = "in-doubt";

type Record = (String, String, String);

pub struct Journal {
    folder: PathBuf,
    file: File,
    done: HashSet<Record>,
    in_doubt: HashSet<Record>,
    pending: PendingFlush,
}

impl Journal {
    /// Opens the run folder's journal, reading what an earlier run recorded.
    pub fn open(folder: &Path) -> Result<Journal, String> {
        let path = folder.join(JOURNAL);
        let fail = |e: std::io::Error| format!("cannot use the journal {}: {e}", path.display());
        std::fs::create_dir_all(folder).map_err(fail)?;
        let mut done = HashSet::new();
        let mut in_doubt = HashSet::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            // A line cut short by a crash is simply not counted as done.
            for line in text.lines().filter_map(|l| serde_json::from_str::<Line>(l).ok()) {
                let record = (line.key, line.attribute.to_ascii_lowercase(), line.sha256);
                if line.state.as_deref() == Some(IN_DOUBT) {
                    in_doubt.insert(record);
                } else {
                    done.insert(record);
                }
            }
        }
        let file = OpenOptions::new().create(true).append(true).open(&path).map_err(fail)?;
        Ok(Journal {
            folder: folder.to_path_buf(),
            file,
            done,
            in_doubt,
            pending: PendingFlush::default(),
        })
    }

    pub fn is_done(&self, key: &str, attribute: &str, sha256: &str) -> bool {
        self.done
            .contains(&(key.to_string(), attribute.to_ascii_lowercase(), sha256.to_string()))
    }

    /// Whether an earlier run sent this change but never heard whether it arrived.
    pub fn was_in_doubt(&self, key: &str, attribute: &str, sha256: &str) -> bool {
        self.in_doubt
            .contains(&(key.to_string(), attribute.to_ascii_lowercase(), sha256.to_string()))
    }

    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }

    /// Records a completed write. The line reaches the operating system at once (a
    /// killed process loses nothing); `sync` makes it survive a power cut too.
    pub fn record(&mut self, key: &str, attribute: &str, sha256: &str) -> Result<(), String> {
        self.append(key, attribute, sha256, None)
    }

    /// Records a change that was sent but whose answer never came.
    pub fn record_in_doubt(&mut self, key: &str, attribute: &str, sha256: &str) -> Result<(), String> {
        self.append(key, attribute, sha256, Some(IN_DOUBT))
    }

    fn append(&mut self, key: &str, attribute: &str, sha256: &str, state: Option<&str>) -> Result<(), String> {
        let line = Line {
            key: key.to_string(),
            attribute: attribute.to_string(),
            sha256: sha256.to_string(),
            time: utc_now(),
            state: state.map(str::to_string),
        };
        let mut text = serde_json::to_string(&line).map_err(|e| e.to_string())?;
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write the journal: {e}"))?;
        let record = (line.key, line.attribute.to_ascii_lowercase(), line.sha256);
        if state.is_some() {
            self.in_doubt.insert(record);
        } else {
            self.done.insert(record);
        }
        self.pending.add(&self.folder.join(JOURNAL));
        Ok(())
    }

    pub fn sync(&mut self) -> Result<(), String> {
        self.pending
            .flush(&self.folder)
            .map_err(|e| format!("cannot flush the journal: {e}"))
    }
}
