//! `restore`: a run's backups put back, each object found by its stable key (so renames
//! and moves do not matter), its present photo backed up in turn.

use std::collections::HashSet;
use std::path::Path;

use super::get::only_user;
use super::outcome::{TaskItem, TaskStatus};
use super::run_folder::LazyStore;
use crate::ledger::Ledger;
use crate::sink::{Event, Sink};
use adphoto_core::backup::{read_manifest, read_saved, BackupEntry};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{write_one, Current, Directory, Gate, UserEntry};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::text::match_key;

/// Restores the original photos recorded in `backup_folder` (only the users named in
/// `only`, when given). What is replaced now is saved in `new_run_folder`. Stops
/// between users once `cancel` is set. Every user goes to the sink.
pub fn restore_photos(
    dir: &mut dyn Directory,
    backup_folder: &Path,
    only: &[String],
    what_if: bool,
    new_run_folder: &Path,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Result<Vec<TaskItem>> {
    let attribute = dir.photo_attribute().to_string();
    let wanted: Vec<String> = only.iter().map(|s| match_key(s)).collect();
    let mut seen = HashSet::new();
    let originals: Vec<BackupEntry> = read_manifest(backup_folder)
        .map_err(|e| Error::new(ErrorKind::Backup, e))?
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
    let keys: Vec<String> = originals.iter().map(|e| e.key.clone()).collect();
    let answers = dir.find_by_key(&keys);
    let mut store = LazyStore::new(new_run_folder);
    let gate = Gate::new(cancel.clone());
    // ADPhoto puts these photos back itself: not "changed elsewhere" on the next run.
    let mut ledger = Ledger::for_directory(&*dir);
    let mut items = Vec::new();
    for (entry, found) in originals.iter().zip(answers) {
        if cancel.is_cancelled() {
            break;
        }
        let found = only_user(&entry.key, found).map_err(|e| match e.kind() {
            ErrorKind::NotFound => Error::new(
                ErrorKind::NotFound,
                format!("the object {} no longer exists", entry.key),
            ),
            _ => e,
        });
        let item = match found {
            Ok(user) => restore_one(dir, backup_folder, entry, user, what_if, &mut store, &gate),
            Err(e) => TaskItem::failed(&entry.user, e),
        };
        if let (TaskStatus::Done, false, Some(l)) = (item.status, what_if, ledger.as_mut()) {
            if let Ok(values) = saved_values(backup_folder, entry) {
                // A record that cannot be written only makes the next run more careful.
                let _ = l
                    .record(&entry.key, values.first().map(Vec::as_slice))
                    .and_then(|()| l.sync());
            }
        }
        sink.emit(Event::Task(&item));
        items.push(item);
    }
    Ok(items)
}

/// The saved values of an entry. The manifest is a file anyone who can write to the run
/// folder could have edited: only plain files inside the folder, with a recorded
/// checksum that matches, that are images, are put back (`backup::read_saved`).
fn saved_values(folder: &Path, entry: &BackupEntry) -> Result<Vec<Vec<u8>>> {
    if entry.files.len() != entry.sha256.len() {
        return Err(Error::new(
            ErrorKind::BackupDamaged,
            format!(
                "the manifest lists {} file(s) but {} checksum(s)",
                entry.files.len(),
                entry.sha256.len()
            ),
        ));
    }
    entry
        .files
        .iter()
        .zip(&entry.sha256)
        .map(|(file, sha)| read_saved(folder, file, sha))
        .collect()
}

fn restore_one(
    dir: &mut dyn Directory,
    folder: &Path,
    entry: &BackupEntry,
    user: UserEntry,
    what_if: bool,
    store: &mut LazyStore,
    gate: &Gate,
) -> TaskItem {
    let name = entry.user.clone();
    let values = match saved_values(folder, entry) {
        Ok(v) => v,
        Err(e) => return TaskItem::failed(&name, e),
    };
    let now = match dir.current(&user) {
        Current::Photo(v) => v,
        Current::Absent | Current::Unknown => Vec::new(),
        Current::Unreadable(e) => return TaskItem::failed(&name, e),
    };
    let mut item = TaskItem::new(&name, TaskStatus::Done, "");
    item.dn = Some(user.dn.clone().unwrap_or(user.address.clone()));
    item.key = Some(entry.key.clone());
    item.bytes = Some(values.iter().map(|v| v.len() as u64).sum());
    if now == values {
        item.status = TaskStatus::Skipped;
        item.reason = "already as in the backup".into();
        return item;
    }
    item.reason = if values.is_empty() {
        "photo removed (there was none before the run)".into()
    } else {
        "photo restored".into()
    };
    if what_if {
        item.status = TaskStatus::WouldDo;
        return item;
    }
    let described = dir.describe();
    if let Err(e) = store.save(&user, &described, dir.photo_attribute(), &now, "restore") {
        return TaskItem::failed(&name, e);
    }
    match write_one(dir, &user, values, gate) {
        Ok(()) => item,
        Err(e) => TaskItem::failed(&name, e),
    }
}
