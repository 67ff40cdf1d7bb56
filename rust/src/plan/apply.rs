//! Carries out a plan's changes on a target: first every value about to be replaced is
//! backed up and flushed to disk, then the changes are sent (concurrently where the
//! target can), each result recorded in the journal. One failure never stops the batch.

use super::item::{ApplyStatus, PlanItem};
use crate::backup::{BackupStore, Journal};
use crate::cancel::{Cancel, CANCELLED};
use crate::convert_batch::ErrorReport;
use crate::digest::sha256_hex;
use crate::targets::{Current, PhotoTarget, PhotoWrite, TargetError};
use crate::users::UserTable;

/// Where the run keeps what it replaced and what it finished.
#[derive(Default)]
pub struct RunRecord<'a> {
    pub backups: Option<&'a mut BackupStore>,
    pub journal: Option<&'a mut Journal>,
}

/// Applies every `Write` and `Remove` item. Each item's status and error are filled in
/// and `on_item` sees it as it completes. An error from finishing the target (the LDIF
/// could not be saved) is returned, with every change marked failed. Once `cancel` is
/// set, changes not yet sent are marked cancelled; those in flight finish.
pub fn apply(
    table: &UserTable,
    items: &mut [PlanItem],
    target: &mut dyn PhotoTarget,
    record: RunRecord<'_>,
    cancel: &Cancel,
    mut on_item: impl FnMut(&PlanItem),
) -> Result<(), TargetError> {
    let RunRecord {
        mut backups,
        mut journal,
    } = record;
    let attribute = target.attribute().to_string();
    let describe = target.describe();
    let mut writes = Vec::new();
    for (index, item) in items.iter_mut().enumerate() {
        if !item.action.changes_target() {
            continue;
        }
        let Some(user) = item.matched.user_id else { continue };
        item.key = target.key(table, user);
        if let (Some(store), Some(key), Current::Known(values)) =
            (backups.as_deref_mut(), item.key.clone(), target.current(table, user))
        {
            let saved = store.save(crate::backup::Saving {
                key: &key,
                user: &table.describe(user),
                dn: table.dn(user),
                target: &describe,
                attribute: &attribute,
                values: &values,
                before: item.action.name(),
            });
            if let Err(e) = saved {
                // Never replace what could not be saved.
                fail(item, ErrorReport::new("backup-failed", e));
                on_item(item);
                continue;
            }
        }
        writes.push(PhotoWrite {
            index,
            user,
            photo: item.photo.clone(),
        });
    }
    if let Some(store) = backups {
        if let Err(e) = store.sync() {
            for w in &writes {
                fail(&mut items[w.index], ErrorReport::new("backup-failed", e.clone()));
                on_item(&items[w.index]);
            }
            return Err(TargetError::new("backup-failed", e));
        }
    }
    let mut journal_error = None;
    target.write_all(table, writes, cancel, &mut |index, result| {
        let item = &mut items[index];
        match result {
            Ok(()) => {
                item.status = Some(ApplyStatus::Written);
                if let Some(j) = journal.as_deref_mut() {
                    if let Some(key) = &item.key {
                        let sha = item.photo.as_deref().map(sha256_hex).unwrap_or_default();
                        if let Err(e) = j.record(key, &attribute, &sha) {
                            journal_error.get_or_insert(e);
                        }
                    }
                }
            }
            Err(e) => {
                item.status = Some(if e.kind == CANCELLED {
                    ApplyStatus::Cancelled
                } else {
                    ApplyStatus::Failed
                });
                item.error = Some(ErrorReport::new(e.kind, e.message));
            }
        }
        on_item(item);
    });
    if let Some(j) = journal {
        if let Err(e) = j.sync() {
            journal_error.get_or_insert(e);
        }
    }
    if let Err(e) = target.finish() {
        for item in items.iter_mut().filter(|i| i.status == Some(ApplyStatus::Written)) {
            item.status = Some(ApplyStatus::Failed);
            item.error = Some(ErrorReport::new(e.kind, e.message.clone()));
        }
        return Err(e);
    }
    match journal_error {
        Some(e) => Err(TargetError::new("journal", e)),
        None => Ok(()),
    }
}

fn fail(item: &mut PlanItem, error: ErrorReport) {
    item.status = Some(ApplyStatus::Failed);
    item.error = Some(error);
}
