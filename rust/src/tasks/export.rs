//! Every photo of a directory written to a folder, with a mapping CSV that `set --map`
//! reads back.

use std::path::Path;

use serde::Serialize;

use crate::atomic_file::write_atomically;
use crate::safe_names::UniqueNames;
use crate::targets::{Current, PhotoTarget};
use crate::text::{write_csv, CsvStyle};
use crate::users::UserTable;

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
    pub error: Option<String>,
}

/// Writes `<name>.jpg` for every user with a photo (the first value when there are
/// several) and `photos.csv` (Identity,Path). Every user gets a file of their own: a
/// name already handed out (ignoring case, accents and Unicode normalisation, as the
/// folders of Windows and macOS do) gets `-2`, `-3`... until it is free, and a name that
/// is a path, a device or too long is made a safe file name first.
pub fn export_photos(
    table: &UserTable,
    target: &dyn PhotoTarget,
    out_dir: &Path,
    mut on_item: impl FnMut(&ExportItem),
) -> Result<Vec<ExportItem>, String> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut names = UniqueNames::new();
    names.reserve(MAPPING_FILE);
    let mut items = Vec::new();
    let mut rows = vec![vec!["Identity".to_string(), "Path".to_string()]];
    for user in table.ids() {
        let Current::Known(values) = target.current(table, user) else {
            continue;
        };
        let Some(photo) = values.first() else { continue };
        let name = table.describe(user);
        let file_name = names.claim(&name, "user", "jpg");
        let path = out_dir.join(&file_name);
        let mut item = ExportItem {
            user: name.clone(),
            dn: table.dn(user).map(str::to_string),
            path: Some(path.display().to_string()),
            bytes: photo.len() as u64,
            error: None,
        };
        match write_atomically(&path, photo) {
            Ok(()) => rows.push(vec![name.clone(), file_name]),
            Err(e) => {
                item.path = None;
                item.error = Some(format!("{}: {e}", path.display()));
            }
        }
        on_item(&item);
        items.push(item);
    }
    write_atomically(&out_dir.join(MAPPING_FILE), &write_csv(rows, CsvStyle::Plain))
        .map_err(|e| format!("cannot write {MAPPING_FILE}: {e}"))?;
    Ok(items)
}
