//! Builds the plan: converts every matched file (in parallel), compares it with what
//! the target has, and explains every file and user that gets nothing.

use super::action::Action;
use super::item::PlanItem;
use super::shared_conversions::SharedConversions;
use crate::cancel::Cancel;
use crate::conversion_cache::{fingerprint, CachedPhoto, ConversionCache};
use crate::digest::sha256_hex;
use crate::directory::{Current, UserEntry, Users};
use crate::error::{Error, ErrorKind};
use crate::matching::{match_rows, MatchKind, MatchResult, MatchRow};
use crate::parallel::{catch_panic, for_each_parallel};
use crate::photo::{Converter, Fit, Framing, Limits, PhotoError, PhotoSpec, Rendition};
use std::sync::Arc;

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
    /// The run's other targets convert the same photos: each is decoded once for all.
    pub shared: Option<SharedPart>,
}

/// This target's part of conversions shared with the run's other targets.
#[derive(Debug, Clone)]
pub struct SharedPart {
    pub conversions: Arc<SharedConversions>,
    /// Which of their sets of renditions is this target's.
    pub set: usize,
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
    let mut items: Vec<Option<PlanItem>> = Vec::new();
    plan_each(users, matches, current, options, cache, |row, item| {
        on_item(&item);
        if items.len() <= row {
            items.resize(row + 1, None);
        }
        items[row] = Some(item);
    })?;
    Ok(items.into_iter().flatten().collect())
}

/// Plans a run, handing each item over as soon as it is planned, with its row: the
/// items in row order are the plan (rows left out were cancelled before converting).
/// Returns the number of rows. This is what lets writing start while planning goes on.
pub fn plan_each(
    users: &Users,
    matches: &MatchResult,
    current: &CurrentOf<'_>,
    options: &PlanOptions,
    cache: Option<&ConversionCache>,
    mut on_item: impl FnMut(usize, PlanItem),
) -> Result<usize, PhotoError> {
    let renditions = options.spec.renditions()?;
    let unchanged = Unchanged {
        cache,
        fingerprint: fingerprint(&renditions, options.fit, &options.framing),
    };
    let rows = match_rows(matches, &users.table);
    let count = rows.len();
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
        on_item(i, item);
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
                Err(panic) => PlanItem::invalid(row, Error::internal(format!("internal error: {panic}"))),
            };
            item.key = entry.as_ref().and_then(|e| e.key.clone());
            item.entry = entry;
            (i, Some(item))
        },
        |(i, item)| {
            if let Some(item) = item {
                on_item(i, item);
            }
        },
    );
    Ok(count)
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
        Err(e) => return PlanItem::invalid(row, Error::internal(e.to_string())),
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
    let converted = match &options.shared {
        Some(part) => part.conversions.convert(converter, &path, part.set),
        None => converter
            .convert_file_framed(&path, renditions, options.fit, &options.framing, &options.limits)
            .map_err(|e| Error::from(&e)),
    };
    let converted = match converted {
        Ok(c) => c,
        Err(e) => return PlanItem::invalid(row, e),
    };
    let Some(output) = converted.outputs.into_iter().next() else {
        return PlanItem::invalid(row, Error::internal("no output produced"));
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
