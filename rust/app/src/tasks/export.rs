//! `export`: every photo of a directory written to a folder, with a mapping CSV that
//! `set --map` reads back.

use std::path::Path;

use serde::Serialize;

use crate::sink::{Event, Sink};
use adphoto_core::atomic_file::write_atomically;
use adphoto_core::directory::{Current, Directory, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::safe_names::UniqueNames;
use adphoto_core::text::{write_csv, CsvStyle};

/// The mapping file written beside the photos.
const MAPPING_FILE: &str = "photos.csv";

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
/// several) and `photos.csv` (Identity,Path); each user goes to the sink. Every user gets
/// a file of their own: a name already handed out (ignoring case, accents and Unicode
/// normalisation, as the folders of Windows and macOS do) gets `-2`, `-3`... until it is
/// free, and a name that is a path, a device or too long is made a safe file name first.
pub fn export_photos(dir: &mut dyn Directory, out_dir: &Path, sink: &mut dyn Sink) -> Result<ExportTotals> {
    let users = dir.list_users(&Wanted::identities())?;
    // Every current photo, read in bulk where the directory must fetch them.
    dir.read_photos(&users.entries);
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::new(ErrorKind::Export, format!("cannot create {}: {e}", out_dir.display())))?;
    let mut names = UniqueNames::new();
    names.reserve(MAPPING_FILE);
    let mut totals = ExportTotals {
        users: users.len(),
        ..ExportTotals::default()
    };
    let mut rows = vec![vec!["Identity".to_string(), "Path".to_string()]];
    for entry in &users.entries {
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
        let file_name = names.claim(&name, "user", "jpg");
        let path = out_dir.join(&file_name);
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
                rows.push(vec![name.clone(), file_name]);
            }
            Err(e) => {
                totals.failed += 1;
                item.path = None;
                item.error = Some(Error::new(ErrorKind::WriteFailed, format!("{}: {e}", path.display())));
            }
        }
        sink.emit(Event::Exported(&item));
    }
    write_atomically(&out_dir.join(MAPPING_FILE), &write_csv(rows, CsvStyle::Plain))
        .map_err(|e| Error::new(ErrorKind::Export, format!("cannot write {MAPPING_FILE}: {e}")))?;
    Ok(totals)
}
