//! `remove`: users' photos removed, each one backed up first.

use std::path::Path;

use super::get::only_user;
use super::outcome::{TaskItem, TaskStatus};
use super::run_folder::LazyStore;
use crate::ledger::Ledger;
use crate::sink::{Event, Sink};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{write_one, Current, Directory, Gate, UserEntry};
use adphoto_core::error::Result;

/// Removes the photo of each user `identities` names, each saved in `run_folder`
/// first. With `what_if`, only says what would go. Stops between users once `cancel`
/// is set. Every user goes to the sink; the items come back too.
pub fn remove_photos(
    dir: &mut dyn Directory,
    identities: &[String],
    what_if: bool,
    run_folder: &Path,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Vec<TaskItem> {
    let mut store = LazyStore::new(run_folder);
    let gate = Gate::new(cancel.clone());
    let answers = dir.find(identities);
    // ADPhoto removed these photos itself: not "changed elsewhere" on the next run.
    let mut ledger = Ledger::for_directory(&*dir);
    let mut items = Vec::new();
    for (identity, found) in identities.iter().zip(answers) {
        if cancel.is_cancelled() {
            break;
        }
        let item = match only_user(identity, found) {
            Ok(user) => remove_one(dir, identity, user, what_if, &mut store, &gate),
            Err(e) => TaskItem::failed(identity, e),
        };
        if let (TaskStatus::Done, Some(key), Some(l)) = (item.status, &item.key, ledger.as_mut()) {
            if let Err(e) = l.record(key, None).and_then(|()| l.sync()) {
                sink.emit(Event::Warning(&format!("who-wrote-what record: {e}")));
            }
        }
        sink.emit(Event::Task(&item));
        items.push(item);
    }
    items
}

fn remove_one(
    dir: &mut dyn Directory,
    identity: &str,
    user: UserEntry,
    what_if: bool,
    store: &mut LazyStore,
    gate: &Gate,
) -> TaskItem {
    let values = match dir.current(&user) {
        Current::Photo(values) => values,
        Current::Unreadable(e) => return TaskItem::failed(identity, e),
        Current::Absent | Current::Unknown => {
            return TaskItem::new(
                identity,
                TaskStatus::Skipped,
                format!("{} has no {}", user.name, dir.photo_attribute()),
            )
        }
    };
    let mut item = TaskItem::new(identity, TaskStatus::Done, "photo removed");
    item.dn = Some(user.dn.clone().unwrap_or(user.address.clone()));
    item.key = user.key.clone();
    item.bytes = Some(values.iter().map(|p| p.len() as u64).sum());
    if what_if {
        item.status = TaskStatus::WouldDo;
        item.reason = "photo would be removed".into();
        return item;
    }
    let described = dir.describe();
    let saved: Result<()> = store.save(&user, &described, dir.photo_attribute(), &values, "remove");
    if let Err(e) = saved {
        return TaskItem::failed(identity, e);
    }
    match write_one(dir, &user, Vec::new(), gate) {
        Ok(()) => item,
        Err(e) => {
            let mut failed = TaskItem::failed(identity, e);
            failed.dn = item.dn;
            failed
        }
    }
}
