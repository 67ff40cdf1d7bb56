//! Carries out a plan's changes on a directory: first every value about to be replaced
//! is backed up and flushed to disk, then the changes are sent (concurrently where the
//! directory can), each result recorded in the journal. One failure never stops the
//! batch; a photo that could not be read is never replaced.

use super::item::{ApplyStatus, PlanItem};
use crate::backup::{BackupStore, Journal, Saving};
use crate::digest::sha256_hex;
use crate::directory::{Current, Directory, Gate, PhotoWrite};
use crate::error::{Error, ErrorKind, Result};

/// Where the run keeps what it replaced and what it finished.
#[derive(Default)]
pub struct RunRecord<'a> {
    pub backups: Option<&'a mut BackupStore>,
    pub journal: Option<&'a mut Journal>,
}

/// Applies every `Write` and `Remove` item. Each item's status and error are filled in
/// and `on_item` sees it (with its index) as it completes. An error from finishing the directory (the
/// LDIF could not be saved) is returned, with every change marked failed. Once the
/// gate closes (cancelled, or the server gone), changes not yet sent are reported as
/// not sent; those in flight finish.
pub fn apply(
    items: &mut [PlanItem],
    dir: &mut dyn Directory,
    record: RunRecord<'_>,
    gate: &Gate,
    mut on_item: impl FnMut(usize, &PlanItem),
) -> Result<()> {
    let mut applier = Applier::new(&*dir, record);
    applier.apply_batch(items, dir, gate, &mut on_item)?;
    applier.finish(dir, items.iter_mut())
}

/// Applies a plan in batches, as its items become ready (a run that writes while it
/// still plans): every batch is backed up and the backups flushed to disk before any
/// of its changes is sent; the journal is flushed after each batch.
pub struct Applier<'a> {
    backups: Option<&'a mut BackupStore>,
    journal: Option<&'a mut Journal>,
    attribute: String,
    describe: String,
    journal_error: Option<String>,
}

impl<'a> Applier<'a> {
    pub fn new(dir: &dyn Directory, record: RunRecord<'a>) -> Applier<'a> {
        Applier {
            backups: record.backups,
            journal: record.journal,
            attribute: dir.photo_attribute().to_string(),
            describe: dir.describe(),
            journal_error: None,
        }
    }

    /// Applies the `Write` and `Remove` items of `items`, reporting each (by its index
    /// in `items`) as it completes. When the backups cannot be flushed, nothing of the
    /// batch is sent, its changes are failed and the error is returned: the run must
    /// stop writing.
    pub fn apply_batch(
        &mut self,
        items: &mut [PlanItem],
        dir: &mut dyn Directory,
        gate: &Gate,
        on_item: &mut dyn FnMut(usize, &PlanItem),
    ) -> Result<()> {
        let (attribute, describe) = (&self.attribute, &self.describe);
        let mut writes = Vec::new();
        for (index, item) in items.iter_mut().enumerate() {
            if !item.action.changes_target() {
                continue;
            }
            let Some(entry) = item.entry.clone() else { continue };
            let values = match dir.current(&entry) {
                Current::Unreadable(e) => {
                    item.fail(Error::new(
                        ErrorKind::BackupFailed,
                        format!(
                            "the current photo could not be read, so it was not replaced: {}",
                            e.message()
                        ),
                    ));
                    on_item(index, item);
                    continue;
                }
                Current::Photo(values) => Some(values),
                Current::Absent => Some(Vec::new()),
                Current::Unknown => None,
            };
            if let (Some(store), Some(key), Some(values)) = (self.backups.as_deref_mut(), entry.key.as_deref(), &values)
            {
                let saved = store.save(Saving {
                    key,
                    user: &entry.name,
                    dn: entry.dn.as_deref(),
                    target: describe,
                    attribute,
                    values,
                    before: item.action.name(),
                });
                if let Err(e) = saved {
                    // Never replace what could not be saved.
                    item.fail(Error::new(ErrorKind::BackupFailed, e));
                    on_item(index, item);
                    continue;
                }
            }
            writes.push(PhotoWrite::new(index, entry.address, item.photo.clone()));
        }
        if writes.is_empty() {
            return Ok(());
        }
        if let Some(store) = self.backups.as_deref_mut() {
            if let Err(e) = store.sync() {
                for w in &writes {
                    items[w.index].fail(Error::new(ErrorKind::BackupFailed, e.clone()));
                    on_item(w.index, &items[w.index]);
                }
                return Err(Error::new(ErrorKind::BackupFailed, e));
            }
        }
        let journal_error = &mut self.journal_error;
        let mut journal = self.journal.as_deref_mut();
        dir.write(writes, gate, &mut |index, result| {
            let item = &mut items[index];
            let sha = item.photo.as_deref().map(sha256_hex).unwrap_or_default();
            match result {
                Ok(()) => item.status = Some(ApplyStatus::Written),
                Err(e) => item.fail(e),
            }
            if let (Some(j), Some(key)) = (journal.as_deref_mut(), &item.key) {
                let noted = match item.status {
                    Some(ApplyStatus::Written) => j.record(key, attribute, &sha),
                    Some(ApplyStatus::InDoubt) => j.record_in_doubt(key, attribute, &sha),
                    _ => Ok(()),
                };
                if let Err(e) = noted {
                    journal_error.get_or_insert(e);
                }
            }
            on_item(index, item);
        });
        if let Some(j) = self.journal.as_deref_mut() {
            if let Err(e) = j.sync() {
                self.journal_error.get_or_insert(e);
            }
        }
        Ok(())
    }

    /// A journal line that could not be written since the last call (the writes went on).
    pub fn take_journal_error(&mut self) -> Option<String> {
        self.journal_error.take()
    }

    /// Completes the run: the directory finished (an LDIF moved into place; when that
    /// fails, every change in `items` is marked failed), and any journal error returned.
    pub fn finish<'i>(self, dir: &mut dyn Directory, items: impl IntoIterator<Item = &'i mut PlanItem>) -> Result<()> {
        let mut journal_error = self.journal_error;
        if let Some(j) = self.journal {
            if let Err(e) = j.sync() {
                journal_error.get_or_insert(e);
            }
        }
        if let Err(e) = dir.finish() {
            for item in items.into_iter().filter(|i| i.status == Some(ApplyStatus::Written)) {
                item.status = Some(ApplyStatus::Failed);
                item.error = Some(e.clone());
            }
            return Err(e);
        }
        match journal_error {
            Some(e) => Err(Error::new(ErrorKind::Journal, e)),
            None => Ok(()),
        }
    }
}
