//! `report`: who has a photo and who does not, how big they are, and what they add up
//! to.

use std::path::Path;

use serde::Serialize;

use adphoto_core::atomic_file::write_atomically;
use adphoto_core::directory::{Current, Directory, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::photo::jpeg_dimensions;
use adphoto_core::text::{write_csv, CsvStyle};

use crate::ledger::{Ledger, Verdict};
use crate::sink::{Event, Sink};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub user: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dn: Option<String>,
    pub has_photo: bool,
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Why the photo could not be read, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
    /// The photo is not the one ADPhoto last wrote: someone else changed it since.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub changed_elsewhere: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReportTotals {
    pub users: usize,
    pub with_photo: usize,
    pub without_photo: usize,
    pub total_bytes: u64,
    pub largest_bytes: u64,
    /// Users whose photo could not be read.
    pub unreadable: usize,
    /// Users whose photo someone else changed since ADPhoto wrote it.
    pub changed_elsewhere: usize,
}

/// Every user of the directory, with what it holds for them. Rows go to the sink;
/// with `csv`, they are also written there as a CSV that Excel opens.
pub fn photo_report(dir: &mut dyn Directory, csv: Option<&Path>, sink: &mut dyn Sink) -> Result<ReportTotals> {
    let users = dir.list_users(&Wanted::identities())?;
    dir.read_photos(&users.entries);
    let mut rows = Vec::with_capacity(users.len());
    let mut totals = ReportTotals::default();
    let ledger = Ledger::for_directory(&*dir);
    for entry in &users.entries {
        let current = dir.current(entry);
        let changed_elsewhere = match (&ledger, &entry.key) {
            (Some(l), Some(key)) => l.verdict(key, &current) == Verdict::ChangedElsewhere,
            _ => false,
        };
        totals.changed_elsewhere += usize::from(changed_elsewhere);
        let values = current.values().map(<[Vec<u8>]>::to_vec).unwrap_or_default();
        let bytes: u64 = values.iter().map(|v| v.len() as u64).sum();
        let dims = values.first().and_then(|v| jpeg_dimensions(v));
        totals.users += 1;
        if current.has_photo() {
            totals.with_photo += 1;
        } else {
            totals.without_photo += 1;
        }
        totals.total_bytes += bytes;
        totals.largest_bytes = totals.largest_bytes.max(bytes);
        let error = match current {
            Current::Unreadable(e) => {
                totals.unreadable += 1;
                Some(e)
            }
            _ => None,
        };
        rows.push(ReportRow {
            user: entry.name.clone(),
            dn: entry.dn.clone(),
            has_photo: !values.is_empty() || error.is_some(),
            bytes,
            width: dims.map(|d| d.0),
            height: dims.map(|d| d.1),
            error,
            changed_elsewhere,
        });
    }
    if let Some(csv) = csv {
        write_report_csv(csv, &rows)?;
    }
    for row in &rows {
        sink.emit(Event::Row(row));
    }
    Ok(totals)
}

/// The report as a CSV that Excel opens (UTF-8 with BOM), with no cell Excel would run
/// as a formula. `ChangedElsewhere` is true for a photo someone else changed since
/// ADPhoto wrote it (the one list an administrator filters on to stop two writers).
pub fn write_report_csv(path: &Path, rows: &[ReportRow]) -> Result<()> {
    let header = [
        "User",
        "DistinguishedName",
        "HasPhoto",
        "Bytes",
        "Width",
        "Height",
        "ChangedElsewhere",
    ]
    .map(String::from);
    let lines = std::iter::once(header.to_vec()).chain(rows.iter().map(|r| {
        vec![
            r.user.clone(),
            r.dn.clone().unwrap_or_default(),
            r.has_photo.to_string(),
            r.bytes.to_string(),
            r.width.map(|w| w.to_string()).unwrap_or_default(),
            r.height.map(|h| h.to_string()).unwrap_or_default(),
            r.changed_elsewhere.to_string(),
        ]
    }));
    write_atomically(path, &write_csv(lines, CsvStyle::Excel))
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display())))
}
