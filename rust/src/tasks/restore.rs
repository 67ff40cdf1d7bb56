//! Putting a run's backups back: each object found by its stable key (so renames and
//! moves do not matter), its present photo backed up in turn, the saved one restored.

use std::collections::HashSet;
use std::path::Path;

use super::lookup::PhotoLookup;
use super::outcome::TaskItem;
use crate::backup::{read_manifest, read_saved, BackupEntry, BackupStore, Saving};
use crate::cancel::Cancel;
use crate::text::match_key;

/// Restores the original photos recorded in `backup_folder` (only the users named in
/// `only`, when given). What is replaced now is saved in `new_run_folder`. Stops
/// between users once `cancel` is set.
pub fn restore_photos(
    dir: &mut dyn PhotoLookup,
    backup_folder: &Path,
    only: &[String],
    what_if: bool,
    new_run_folder: &Path,
    cancel: &Cancel,
    mut on_item: impl FnMut(&TaskItem),
) -> Result<Vec<TaskItem>, String> {
    let attribute = dir.photo_attribute();
    let wanted: Vec<String> = only.iter().map(|s| match_key(s)).collect();
    let mut seen = HashSet::new();
    let originals: Vec<BackupEntry> = read_manifest(backup_folder)?
        .into_iter()
        .filter(|e| e.attribute.eq_ignore_ascii_case(&attribute))
        .filter(|e| seen.insert(e.key.clone()))
        .filter(|e| {
            wanted.is_empty()
                || wanted.iter().any(|w| {
                    *w == match_key(&e.user)
                        || *w == match_key(&e.key)
                        || e.dn.as_deref().is_some_and(|d| *w == match_key(d))
                })
        })
        .collect();
    let mut store: Option<BackupStore> = None;
    let mut items = Vec::new();
    for entry in originals {
        if cancel.is_cancelled() {
            break;
        }
        let item = restore_one(dir, backup_folder, &entry, what_if, new_run_folder, &mut store);
        on_item(&item);
        items.push(item);
    }
    Ok(items)
}

fn restore_one(
    dir: &mut dyn PhotoLookup,
    folder: &Path,
    entry: &BackupEntry,
    what_if: bool,
    new_run_folder: &Path,
    store: &mut Option<BackupStore>,
) -> TaskItem {
    let name = entry.user.clone();
    if entry.files.len() != entry.sha256.len() {
        return TaskItem::failed(
            &name,
            "backup-damaged",
            format!(
                "the manifest lists {} file(s) but {} checksum(s)",
                entry.files.len(),
                entry.sha256.len()
            ),
        );
    }
    let mut values = Vec::new();
    for (file, sha) in entry.files.iter().zip(&entry.sha256) {
        match read_saved(folder, file, sha) {
            Ok(bytes) => values.push(bytes),
            Err(e) => return TaskItem::failed(&name, e.kind, e.message),
        }
    }
    let found = match dir.find_by_key(&entry.key) {
        Ok(f) => f,
        Err(e) => return TaskItem::failed(&name, e.kind, e.message),
    };
    let user = match found.as_slice() {
        [one] => one.clone(),
        [] => return TaskItem::failed(&name, "not-found", format!("the object {} no longer exists", entry.key)),
        _ => {
            return TaskItem::failed(
                &name,
                "ambiguous",
                format!("several objects have the key {}", entry.key),
            )
        }
    };
    let mut item = TaskItem::new(&name, if what_if { "would-do" } else { "done" }, "");
    item.dn = Some(user.address.clone());
    item.key = Some(entry.key.clone());
    item.bytes = Some(values.iter().map(|v| v.len() as u64).sum());
    if user.photos == values {
        item.status = "skipped".into();
        item.reason = "already as in the backup".into();
        return item;
    }
    item.reason = if values.is_empty() {
        "photo removed (there was none before the run)".into()
    } else {
        "photo restored".into()
    };
    if what_if {
        return item;
    }
    if store.is_none() {
        match BackupStore::open(new_run_folder) {
            Ok(s) => *store = Some(s),
            Err(e) => return TaskItem::failed(&name, "backup-failed", e),
        }
    }
    let Some(s) = store.as_mut() else {
        return TaskItem::failed(&name, "backup-failed", "no backup folder");
    };
    let saved = s
        .save(Saving {
            key: &entry.key,
            user: &user.name,
            dn: Some(&user.address),
            target: &dir.describe_directory(),
            attribute: &dir.photo_attribute(),
            values: &user.photos,
            before: "restore",
        })
        .and_then(|()| s.sync());
    if let Err(e) = saved {
        return TaskItem::failed(&name, "backup-failed", e);
    }
    match dir.set_values(&user, values) {
        Ok(()) => item,
        Err(e) => TaskItem::failed(&name, e.kind, e.message),
    }
}
