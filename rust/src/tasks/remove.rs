//! Removing photos, each backed up first.

use std::path::Path;

use super::get::get_photo;
use super::lookup::PhotoLookup;
use super::outcome::TaskItem;
use crate::backup::{BackupStore, Saving};
use crate::cancel::Cancel;

/// Removes the photo of each user `identities` names. With `what_if`, only says what
/// would go. Every removed photo is saved in `run_folder` first. Stops between users
/// once `cancel` is set.
pub fn remove_photos(
    dir: &mut dyn PhotoLookup,
    identities: &[String],
    what_if: bool,
    run_folder: &Path,
    cancel: &Cancel,
    mut on_item: impl FnMut(&TaskItem),
) -> Vec<TaskItem> {
    let mut store: Option<BackupStore> = None;
    let mut items = Vec::new();
    for identity in identities {
        if cancel.is_cancelled() {
            break;
        }
        let item = remove_one(dir, identity, what_if, run_folder, &mut store);
        on_item(&item);
        items.push(item);
    }
    items
}

fn remove_one(
    dir: &mut dyn PhotoLookup,
    identity: &str,
    what_if: bool,
    run_folder: &Path,
    store: &mut Option<BackupStore>,
) -> TaskItem {
    let user = match get_photo(dir, identity) {
        Ok(u) => u,
        Err(e) if e.kind == "no-photo" => return TaskItem::new(identity, "skipped", e.message),
        Err(e) => return TaskItem::failed(identity, e.kind, e.message),
    };
    let mut item = TaskItem::new(identity, if what_if { "would-do" } else { "done" }, "photo removed");
    item.dn = Some(user.address.clone());
    item.key = user.key.clone();
    item.bytes = Some(user.photos.iter().map(|p| p.len() as u64).sum());
    if what_if {
        item.reason = "photo would be removed".into();
        return item;
    }
    if store.is_none() {
        match BackupStore::open(run_folder) {
            Ok(s) => *store = Some(s),
            Err(e) => return TaskItem::failed(identity, "backup-failed", e),
        }
    }
    let Some(s) = store.as_mut() else {
        return TaskItem::failed(identity, "backup-failed", "no backup folder");
    };
    let key = user.key.clone().unwrap_or_else(|| user.address.clone());
    let saved = s
        .save(Saving {
            key: &key,
            user: &user.name,
            dn: Some(&user.address),
            target: &dir.describe_directory(),
            attribute: &dir.photo_attribute(),
            values: &user.photos,
            before: "remove",
        })
        .and_then(|()| s.sync());
    if let Err(e) = saved {
        return TaskItem::failed(identity, "backup-failed", e);
    }
    match dir.set_values(&user, Vec::new()) {
        Ok(()) => item,
        Err(e) => {
            let mut f = TaskItem::failed(identity, e.kind, e.message);
            f.dn = item.dn;
            f
        }
    }
}
