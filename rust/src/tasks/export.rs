//! Every photo of a directory written to a folder, with a mapping CSV that `set --map`
//! reads back.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::atomic_file::write_atomically;
use crate::targets::{Current, PhotoTarget};
use crate::users::UserTable;

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
/// several) and `photos.csv` (Identity,Path).
pub fn export_photos(
    table: &UserTable,
    target: &dyn PhotoTarget,
    out_dir: &Path,
    mut on_item: impl FnMut(&ExportItem),
) -> Result<Vec<ExportItem>, String> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut used = HashSet::new();
    let mut items = Vec::new();
    let mut csv = String::from("Identity,Path\n");
    for user in table.ids() {
        let Current::Known(values) = target.current(table, user) else {
            continue;
        };
        let Some(photo) = values.first() else { continue };
        let name = table.describe(user);
        let mut stem = safe_file_name(&name);
        if !used.insert(stem.to_lowercase()) {
            stem = format!("{stem}-{user}");
            used.insert(stem.to_lowercase());
        }
        let path = out_dir.join(format!("{stem}.jpg"));
        let mut item = ExportItem {
            user: name.clone(),
            dn: table.dn(user).map(str::to_string),
            path: Some(path.display().to_string()),
            bytes: photo.len() as u64,
            error: None,
        };
        match write_atomically(&path, photo) {
            Ok(()) => csv.push_str(&format!("{},{}.jpg\n", csv_field(&name), csv_field(&stem))),
            Err(e) => {
                item.path = None;
                item.error = Some(format!("{}: {e}", path.display()));
            }
        }
        on_item(&item);
        items.push(item);
    }
    write_atomically(&out_dir.join("photos.csv"), csv.as_bytes())
        .map_err(|e| format!("cannot write photos.csv: {e}"))?;
    Ok(items)
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
