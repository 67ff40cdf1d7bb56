//! Who has a photo and who does not, how big they are, and what they add up to.

use std::path::Path;

use serde::Serialize;

use crate::atomic_file::write_atomically;
use crate::photo::jpeg_dimensions;
use crate::targets::{Current, PhotoTarget};
use crate::text::{write_csv, CsvStyle};
use crate::users::UserTable;

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
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReportTotals {
    pub users: usize,
    pub with_photo: usize,
    pub without_photo: usize,
    pub total_bytes: u64,
    pub largest_bytes: u64,
}

pub fn photo_report(table: &UserTable, target: &dyn PhotoTarget) -> (Vec<ReportRow>, ReportTotals) {
    let mut rows = Vec::with_capacity(table.len());
    let mut totals = ReportTotals::default();
    for user in table.ids() {
        let values = match target.current(table, user) {
            Current::Known(v) => v,
            Current::Unknown => Vec::new(),
        };
        let bytes: u64 = values.iter().map(|v| v.len() as u64).sum();
        let dims = values.first().and_then(|v| jpeg_dimensions(v));
        totals.users += 1;
        if values.is_empty() {
            totals.without_photo += 1;
        } else {
            totals.with_photo += 1;
        }
        totals.total_bytes += bytes;
        totals.largest_bytes = totals.largest_bytes.max(bytes);
        rows.push(ReportRow {
            user: table.describe(user),
            dn: table.dn(user).map(str::to_string),
            has_photo: !values.is_empty(),
            bytes,
            width: dims.map(|d| d.0),
            height: dims.map(|d| d.1),
        });
    }
    (rows, totals)
}

/// The report as a CSV that Excel opens (UTF-8 with BOM), with no cell Excel would run
/// as a formula.
pub fn write_report_csv(path: &Path, rows: &[ReportRow]) -> Result<(), String> {
    let header = ["User", "DistinguishedName", "HasPhoto", "Bytes", "Width", "Height"].map(String::from);
    let lines = std::iter::once(header.to_vec()).chain(rows.iter().map(|r| {
        vec![
            r.user.clone(),
            r.dn.clone().unwrap_or_default(),
            r.has_photo.to_string(),
            r.bytes.to_string(),
            r.width.map(|w| w.to_string()).unwrap_or_default(),
            r.height.map(|h| h.to_string()).unwrap_or_default(),
        ]
    }));
    write_atomically(path, &write_csv(lines, CsvStyle::Excel))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
