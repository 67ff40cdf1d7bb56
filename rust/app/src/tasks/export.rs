//! `export`: every photo of a directory written to a folder, with a mapping CSV that
//! `set --map` reads back.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::sink::{Event, Sink};
use adphoto_core::atomic_file::write_atomically;
use adphoto_core::directory::{Current, Directory, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportItem {
    pub user: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExportTotals {
    pub users: usize,
    pub exported: usize,
    pub failed: usize,
}

/// Writes `<name>.jpg` for every user with a photo (the first value when there are
/// several) and `photos.csv` (Identity,Path); each user goes to the sink.
pub fn export_photos(dir: &mut dyn Directory, out_dir: &Path, sink: &mut dyn Sink) -> Result<ExportTotals> {
    let users = dir.list_users(&Wanted::identities())?;
    // Every current photo, read in bulk where the directory must fetch them.
    dir.read_photos(&users.entries);
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::new(ErrorKind::Export, format!("cannot create {}: {e}", out_dir.display())))?;
    let mut used = HashSet::new();
    let mut totals = ExportTotals {
        users: users.len(),
        ..ExportTotals::default()
    };
    let mut csv = String::from("Identity,Path\n");
    for (index, entry) in users.entries.iter().enumerate() {
        let photo = match dir.current(entry) {
            Current::Photo(values) => values.into_iter().next(),
            Current::Unreadable(e) => {
                totals.failed += 1;
                let item = ExportItem {
                    user: entry.name.clone(),
                    dn: entry.dn.clone(),
                    path: None,
                    bytes: 0,
                    error: Some(e),
                };
                sink.emit(Event::Exported(&item));
                continue;
            }
            Current::Absent | Current::Unknown => None,
        };
        let Some(photo) = photo else { continue };
        let name = entry.name.clone();
        let mut stem = safe_file_name(&name);
        if !used.insert(stem.to_lowercase()) {
            stem = format!("{stem}-{index}");
            used.insert(stem.to_lowercase());
        }
        let path = out_dir.join(format!("{stem}.jpg"));
        let mut item = ExportItem {
            user: name.clone(),
            dn: entry.dn.clone(),
            path: Some(path.display().to_string()),
            bytes: photo.len() as u64,
            error: None,
        };
        match write_atomically(&path, &photo) {
            Ok(()) => {
                totals.exported += 1;
                csv.push_str(&format!("{},{}.jpg\n", csv_field(&name), csv_field(&stem)));
            }
            Err(e) => {
                totals.failed += 1;
                item.path = None;
                item.error = Some(Error::new(ErrorKind::WriteFailed, format!("{}: {e}", path.display())));
            }
        }
        sink.emit(Event::Exported(&item));
    }
    write_atomically(&out_dir.join("photos.csv"), csv.as_bytes())
        .map_err(|e| Error::new(ErrorKind::Export, format!("cannot write photos.csv: {e}")))?;
    Ok(totals)
}

/// A name safe on every file system (Windows forbids the most).
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_end_matches('.').to_string();
    if trimmed.is_empty() {
        "user".into()
    } else {
        trimmed
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
