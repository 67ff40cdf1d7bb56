//! A `set` run in two steps, shared by the CLI and the C ABI: plan (read, match,
//! convert, compare) and apply (back up, write, journal).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::backend::Backend;
use super::error::BulkError;
use super::matched::match_users;
use super::request::{MatchRequest, PhotoOverrides};
use crate::backup::{default_run_folder, BackupStore, Journal};
use crate::cancel::Cancel;
use crate::conversion_cache::{fingerprint, CachedPhoto, ConversionCache};
use crate::digest::sha256_hex;
use crate::plan::{apply, plan, Action, PlanItem, PlanOptions, RunRecord};
use crate::users::UserTable;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SetRequest {
    #[serde(flatten)]
    pub matching: MatchRequest,
    pub photo: PhotoOverrides,
    /// Write even the photos the target already has.
    pub force: bool,
    /// Conversion threads (0: one per core).
    pub workers: usize,
    /// Folder for backups and the journal; reusing one resumes its run.
    pub run_folder: Option<PathBuf>,
    /// Convert every file even when it and the directory are unchanged since the
    /// last run (the conversion cache is not consulted).
    pub no_cache: bool,
    /// Stops the run between items (conversions and writes in flight finish).
    #[serde(skip)]
    pub cancel: Cancel,
}

pub struct Planned {
    pub table: UserTable,
    pub items: Vec<PlanItem>,
    pub warnings: Vec<String>,
    /// Where users came from, and where photos go, for messages.
    pub source: String,
    pub target: String,
}

/// Reads users, matches, converts and compares: the plan, with nothing written.
pub fn plan_run(
    backend: &mut Backend,
    request: &SetRequest,
    on_item: impl FnMut(&PlanItem),
) -> Result<Planned, BulkError> {
    let mut matching = request.matching.clone();
    matching.required_attributes = backend.target().required_attributes();
    let preset = backend.target().preset();
    let source = backend.source().describe();
    let matched = match_users(backend.source(), &matching)?;
    // Only the users with a photo to compare are read ahead: a cloud target fetches
    // each current photo over the network.
    let paired: Vec<_> = matched
        .result
        .files
        .iter()
        .filter(|f| f.kind == crate::matching::MatchKind::Matched)
        .filter_map(|f| f.user)
        .collect();
    backend.target().prefetch(&matched.table, &paired);
    let options = PlanOptions {
        spec: request.photo.spec(preset),
        fit: request.photo.fit,
        framing: request.photo.framing().map_err(|e| BulkError::new("options", e))?,
        limits: request.photo.limits(),
        workers: if request.workers == 0 {
            crate::parallel::default_workers()
        } else {
            request.workers
        },
        force: request.force,
        cancel: request.cancel.clone(),
    };
    let target = backend.target_ref();
    let table = &matched.table;
    let current = |user| target.current(table, user);
    let mut cache = (!request.no_cache).then(ConversionCache::open_default);
    let mut items = plan(table, &matched.result, &current, &options, cache.as_ref(), on_item)
        .map_err(|e| BulkError::new("options", e.to_string()))?;
    if let Some(cache) = cache.as_mut() {
        remember_conversions(cache, &items, &options);
    }
    if let Some(folder) = &request.run_folder {
        skip_journaled(&mut items, folder, target, table)?;
    }
    Ok(Planned {
        items,
        warnings: matched.warnings,
        source,
        target: target.describe(),
        table: matched.table,
    })
}

/// Records this run's conversions, so the next run over unchanged files skips them.
fn remember_conversions(cache: &mut ConversionCache, items: &[PlanItem], options: &PlanOptions) {
    let Ok(renditions) = options.spec.renditions() else {
        return;
    };
    let fp = fingerprint(&renditions, options.fit, &options.framing);
    for item in items {
        let (Some(file), Some(sha), Some(bytes)) = (&item.matched.file, &item.converted_sha256, item.bytes) else {
            continue;
        };
        let photo = CachedPhoto {
            sha256: sha.clone(),
            bytes,
            quality: item.quality.unwrap_or(0),
        };
        cache.record(Path::new(file), &fp, photo);
    }
    // A cache that cannot be saved only makes the next run slower.
    let _ = cache.save();
}

/// Items an interrupted run already wrote (per its journal) are not written again.
fn skip_journaled(
    items: &mut [PlanItem],
    folder: &Path,
    target: &dyn crate::targets::PhotoTarget,
    table: &UserTable,
) -> Result<(), BulkError> {
    if !folder.join("journal.jsonl").exists() {
        return Ok(());
    }
    let journal = Journal::open(folder).map_err(|e| BulkError::new("journal", e))?;
    for item in items.iter_mut().filter(|i| i.action == Action::Write) {
        let (Some(user), Some(photo)) = (item.matched.user_id, item.photo.as_deref()) else {
            continue;
        };
        let Some(key) = target.key(table, user) else { continue };
        if journal.is_done(&key, target.attribute(), &sha256_hex(photo)) {
            item.action = Action::SkipUnchanged;
            item.reason = "already written by the interrupted run (journal)".into();
            item.photo = None;
        }
    }
    Ok(())
}

/// Backs up, writes and journals the plan's changes. Returns the run folder used
/// (when the target keeps backups).
pub fn apply_run(
    backend: &mut Backend,
    planned: &mut Planned,
    run_folder: Option<&Path>,
    cancel: &Cancel,
    on_item: impl FnMut(&PlanItem),
) -> Result<Option<PathBuf>, BulkError> {
    let target = backend.target();
    let keeps_backups = planned
        .items
        .iter()
        .filter(|i| i.action.changes_target())
        .filter_map(|i| i.matched.user_id)
        .any(|u| target.key(&planned.table, u).is_some());
    let folder = keeps_backups.then(|| run_folder.map(Path::to_path_buf).unwrap_or_else(default_run_folder));
    let mut backups = match &folder {
        Some(f) => Some(BackupStore::open(f).map_err(|e| BulkError::new("backup", e))?),
        None => None,
    };
    let mut journal = match &folder {
        Some(f) => Some(Journal::open(f).map_err(|e| BulkError::new("journal", e))?),
        None => None,
    };
    let record = RunRecord {
        backups: backups.as_mut(),
        journal: journal.as_mut(),
    };
    apply(&planned.table, &mut planned.items, target, record, cancel, on_item)
        .map_err(|e| BulkError::new("target", format!("{}: {e}", target.describe())))?;
    Ok(folder)
}
