//! Builds the plan: converts every matched file (in parallel), compares it with what
//! the target has, and explains every file and user that gets nothing.

use super::action::Action;
use super::item::PlanItem;
use crate::cancel::Cancel;
use crate::conversion_cache::{fingerprint, CachedPhoto, ConversionCache};
use crate::digest::sha256_hex;
use crate::directory::{Current, UserEntry, Users};
use crate::error::{Error, ErrorKind};
use crate::matching::{match_rows, MatchKind, MatchResult, MatchRow};
use crate::parallel::{catch_panic, for_each_parallel};
use crate::photo::{Converter, Fit, Framing, Limits, PhotoError, PhotoSpec, Rendition};

#[derive(Debug, Clone)]
pub struct PlanOptions {
    pub spec: PhotoSpec,
    pub fit: Fit,
    pub framing: Framing,
    pub limits: Limits,
    pub workers: usize,
    /// Write even when the target already has the same photo.
    pub force: bool,
    /// Once set, files not yet converted are left out of the plan.
    pub cancel: Cancel,
}

/// What the target has for a user now.
pub type CurrentOf<'a> = dyn Fn(&UserEntry) -> Current + Sync + 'a;

/// Plans a run. `current` tells what the target has for a user; `on_item` sees each
/// item as it is planned (conversions finish in any order). Items come back in a
/// stable order: files as matched, then users without a photo.
pub fn plan(
    users: &Users,
    matches: &MatchResult,
    current: &CurrentOf<'_>,
    options: &PlanOptions,
    cache: Option<&ConversionCache>,
    mut on_item: impl FnMut(&PlanItem),
) -> Result<Vec<PlanItem>, PhotoError> {
    let renditions = options.spec.renditions()?;
    let unchanged = Unchanged {
        cache,
        fingerprint: fingerprint(&renditions, options.fit, &options.framing),
    };
    let rows = match_rows(matches, &users.table);
    let mut items: Vec<Option<PlanItem>> = vec![None; rows.len()];
    let mut to_convert = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let entry = row.user_id.and_then(|u| users.entry(u)).cloned();
        let mut item = match row.kind {
            MatchKind::Matched => {
                to_convert.push((i, row, entry));
                continue;
            }
            MatchKind::NoPhoto => PlanItem::new(Action::NoPhoto, "no photo file fits this user", row),
            kind => {
                let reason = row.message.clone().unwrap_or_else(|| kind.name().to_string());
                PlanItem::new(Action::for_match(kind), reason, row)
            }
        };
        item.key = entry.as_ref().and_then(|e| e.key.clone());
        item.entry = entry;
        on_item(&item);
        items[i] = Some(item);
    }
    for_each_parallel(
        to_convert,
        options.workers,
        Converter::new,
        |converter, (i, row, entry)| {
            if options.cancel.is_cancelled() {
                return (i, None);
            }
            let planned = catch_panic(|| {
                plan_pair(
                    converter,
                    &row,
                    entry.as_ref(),
                    &renditions,
                    current,
                    options,
                    &unchanged,
                )
            });
            let mut item = match planned {
                Ok(item) => item,
                Err(panic) => invalid(row, Error::internal(format!("internal error: {panic}"))),
            };
            item.key = entry.as_ref().and_then(|e| e.key.clone());
            item.entry = entry;
            (i, Some(item))
        },
        |(i, item)| {
            if let Some(item) = item {
                on_item(&item);
                items[i] = Some(item);
            }
        },
    );
    Ok(items.into_iter().flatten().collect())
}

/// What tells that a file need not be converted again.
struct Unchanged<'a> {
    cache: Option<&'a ConversionCache>,
    fingerprint: String,
}

impl Unchanged<'_> {
    /// The directory's photo is what this unchanged file converted to last time.
    fn holds(&self, path: &std::path::Path, now: &Current) -> Option<CachedPhoto> {
        let (Some(cache), Current::Photo(old)) = (self.cache, now) else {
            return None;
        };
        let [old] = old.as_slice() else { return None };
        let hit = cache.lookup(path, &self.fingerprint)?;
        (hit.sha256 == sha256_hex(old)).then(|| hit.clone())
    }
}

fn plan_pair(
    converter: &mut Result<Converter, PhotoError>,
    row: &MatchRow,
    entry: Option<&UserEntry>,
    renditions: &[Rendition],
    current: &CurrentOf<'_>,
    options: &PlanOptions,
    unchanged: &Unchanged<'_>,
) -> PlanItem {
    let row = row.clone();
    let converter = match converter {
        Ok(c) => c,
        Err(e) => return invalid(row, Error::internal(e.to_string())),
    };
    let path = std::path::PathBuf::from(row.file.clone().unwrap_or_default());
    let now = entry.map(current).unwrap_or(Current::Unknown);
    if let Current::Unreadable(e) = &now {
        // Never replace what could not be read, and so could not be backed up.
        let mut item = PlanItem::new(
            Action::Unreadable,
            format!(
                "the current photo could not be read, so it is left alone: {}",
                e.message()
            ),
            row,
        );
        item.error = Some(e.clone().with_kind(ErrorKind::BackupFailed));
        return item;
    }
    if !options.force {
        if let Some(hit) = unchanged.holds(&path, &now) {
            let mut item = PlanItem::new(
                Action::SkipUnchanged,
                "the directory already has this photo (file unchanged since it was converted)",
                row,
            );
            item.bytes = Some(hit.bytes);
            item.current_bytes = Some(hit.bytes);
            item.quality = Some(hit.quality);
            return item;
        }
    }
    let converted =
        match converter.convert_file_framed(&path, renditions, options.fit, &options.framing, &options.limits) {
            Ok(c) => c,
            Err(e) => return invalid(row, Error::from(&e)),
        };
    let Some(output) = converted.outputs.into_iter().next() else {
        return invalid(row, Error::internal("no output produced"));
    };
    let new_bytes = output.jpeg.len() as u64;
    let (action, reason, current_bytes) = match &now {
        Current::Absent => (Action::Write, "new photo".to_string(), None),
        Current::Photo(old) => {
            let old_bytes: u64 = old.iter().map(|v| v.len() as u64).sum();
            let same = old.len() == 1 && old[0] == output.jpeg;
            match (same, options.force) {
                (true, false) => (
                    Action::SkipUnchanged,
                    "the directory already has this photo".to_string(),
                    Some(old_bytes),
                ),
                (true, true) => (
                    Action::Write,
                    "unchanged, written because of --force".to_string(),
                    Some(old_bytes),
                ),
                (false, _) => (
                    Action::Write,
                    format!("photo changed ({old_bytes} -> {new_bytes} bytes)"),
                    Some(old_bytes),
                ),
            }
        }
        Current::Unknown | Current::Unreadable(_) => (
            Action::Write,
            "photo to write (current photo not read)".to_string(),
            None,
        ),
    };
    let mut item = PlanItem::new(action, reason, row);
    item.bytes = Some(new_bytes);
    item.current_bytes = current_bytes;
    item.quality = Some(output.quality);
    item.warnings = converted.warnings;
    item.framing = converted.framing;
    item.verdict = Some(converted.verdict);
    item.converted_sha256 = Some(sha256_hex(&output.jpeg));
    if action == Action::Write {
        item.photo = Some(output.jpeg);
    }
    item
}

fn invalid(row: MatchRow, error: Error) -> PlanItem {
    let mut item = PlanItem::new(Action::InvalidImage, error.message().to_string(), row);
    item.error = Some(error);
    item
}
