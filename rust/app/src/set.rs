//! `set`: plan (read users, match, convert, compare with what the directory has), then
//! apply (back up, write, journal) — the same two steps for the command line's
//! `--what-if` and for a C ABI job, which may wait between them for the caller to
//! confirm. A run that shows nothing first does both at once (`set_streamed`).

use std::path::{Path, PathBuf};

use super::ledger::{mark_changed_elsewhere, recording_sink, Ledger};
use super::match_photos::{match_users, Matched};
use super::request::{MatchRequest, PhotoOverrides};
use super::sink::{Event, Phase, PlanSummary, Progress, Sink};
use adphoto_core::backup::{default_run_folder, BackupStore, Journal, JOURNAL, MANIFEST};
use adphoto_core::cancel::Cancel;
use adphoto_core::conversion_cache::{fingerprint, CachedPhoto, ConversionCache};
use adphoto_core::directory::{Directory, Gate, UserEntry, Users};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::plan::{apply, plan, Action, PlanItem, PlanOptions, RunRecord, SharedPart, Totals};

/// What a `set` run is asked to do (the C ABI's `set` task and the command line's
/// options build it).
#[derive(Debug, Clone, Default)]
pub struct SetRequest {
    pub matching: MatchRequest,
    pub photo: PhotoOverrides,
    /// Write even the photos the target already has.
    pub force: bool,
    /// Conversion threads (0: one per core).
    pub workers: usize,
    /// Folder for backups and the journal; reusing one resumes its run.
    pub run_folder: Option<PathBuf>,
    /// The run folder must hold an earlier run (to resume it).
    pub resume: bool,
    /// Convert every file even when it and the directory are unchanged since the
    /// last run (the conversion cache is not consulted).
    pub no_cache: bool,
}

impl SetRequest {
    /// The run folder, checked: resuming needs the folder of an earlier run.
    pub(crate) fn checked_folder(&self) -> Result<Option<&Path>> {
        match (&self.run_folder, self.resume) {
            (None, true) => Err(Error::options("resuming needs the folder of the run to resume")),
            (Some(f), true) if !f.join(JOURNAL).exists() && !f.join(MANIFEST).exists() => Err(Error::options(format!(
                "{} is not the folder of an earlier run",
                f.display()
            ))),
            (folder, _) => Ok(folder.as_deref()),
        }
    }
}

/// A plan, ready to apply.
pub struct Planned {
    pub users: Users,
    pub items: Vec<PlanItem>,
    pub summary: PlanSummary,
}

/// Reads users, matches, converts and compares: the plan, with nothing written. Each
/// item goes to the sink as it is planned, then the plan's summary.
pub fn plan_set(
    dir: &mut dyn Directory,
    request: &SetRequest,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Result<Planned> {
    plan_set_sharing(dir, request, None, cancel, sink)
}

/// `plan_set`, converting through `shared` when the run's other targets convert the
/// same photos.
pub(crate) fn plan_set_sharing(
    dir: &mut dyn Directory,
    request: &SetRequest,
    shared: Option<SharedPart>,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Result<Planned> {
    let folder = request.checked_folder()?;
    let setup = Setup::of(dir, request, shared, cancel, sink)?;
    let files = setup.matched.result.files.len();
    let mut done = 0;
    let dir_ref: &dyn Directory = &*dir;
    let current = |entry: &adphoto_core::directory::UserEntry| dir_ref.current(entry);
    let mut items = plan(
        &setup.matched.users,
        &setup.matched.result,
        &current,
        &setup.options,
        setup.cache.as_ref(),
        |item| {
            if item.matched.file.is_some() {
                done += 1;
                sink.emit(Event::Progress(plan_progress(done, files, item)));
            }
        },
    )
    .map_err(|e| Error::from(&e))?;
    let Setup {
        matched,
        options,
        mut cache,
    } = setup;
    if let Some(cache) = cache.as_mut() {
        remember_conversions(cache, &items, &options);
    }
    if let Some(folder) = folder {
        resume_from_journal(&mut items, folder, dir.photo_attribute())?;
    }
    if let Some(ledger) = Ledger::for_directory(&*dir) {
        mark_changed_elsewhere(&mut items, &*dir, &ledger, request.force);
    }
    for (id, item) in items.iter().enumerate() {
        sink.emit(Event::Planned { id, item });
    }
    let summary = summary_of(&matched, &*dir, &items);
    sink.emit(Event::PlanReady(&summary));
    Ok(Planned {
        users: matched.users,
        items,
        summary,
    })
}

/// What planning starts from: the users matched with the files (their current photos
/// being read ahead), the options and the conversion cache.
pub(crate) struct Setup {
    pub matched: Matched,
    pub options: PlanOptions,
    pub cache: Option<ConversionCache>,
}

impl Setup {
    pub fn of(
        dir: &mut dyn Directory,
        request: &SetRequest,
        shared: Option<SharedPart>,
        cancel: &Cancel,
        sink: &mut dyn Sink,
    ) -> Result<Setup> {
        let matched = match_users(dir, &request.matching, &[])?;
        for w in &matched.warnings {
            sink.emit(Event::Warning(w));
        }
        // Only the users with a photo to compare are read ahead: a cloud directory fetches
        // each current photo over the network (in the background, while photos convert).
        dir.read_photos(&paired_entries(&matched));
        let options = PlanOptions {
            spec: request.photo.spec(dir.preset()),
            fit: request.photo.fit,
            framing: request.photo.framing().map_err(Error::options)?,
            limits: request.photo.limits(),
            workers: if request.workers == 0 {
                adphoto_core::parallel::default_workers()
            } else {
                request.workers
            },
            force: request.force,
            cancel: cancel.clone(),
            shared,
        };
        let cache = (!request.no_cache && !request.force).then(ConversionCache::open_default);
        Ok(Setup {
            matched,
            options,
            cache,
        })
    }
}

/// The users paired with a file, whose current photos the plan compares.
pub(crate) fn paired_entries(matched: &Matched) -> Vec<UserEntry> {
    matched
        .result
        .pairs()
        .filter_map(|(u, _)| matched.users.entry(u).cloned())
        .collect()
}

pub(crate) fn plan_progress(done: usize, files: usize, item: &PlanItem) -> Progress {
    Progress {
        phase: Phase::Plan,
        done,
        total: Some(files),
        failed: item.action.is_problem(),
    }
}

pub(crate) fn summary_of(matched: &Matched, dir: &dyn Directory, items: &[PlanItem]) -> PlanSummary {
    PlanSummary {
        source: matched.source.clone(),
        target: dir.describe(),
        users: matched.users.len(),
        changes: items.iter().filter(|i| i.action.changes_target()).count(),
        totals: Totals::of(items).by_action,
    }
}

/// Records this run's conversions, so the next run over unchanged files skips them.
pub(crate) fn remember_conversions(cache: &mut ConversionCache, items: &[PlanItem], options: &PlanOptions) {
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

/// Continues an interrupted run: what its journal says was written is not written
/// again, and a write it sent without hearing back ("in doubt") is settled by what the
/// directory has now — already there (confirmed) or sent again.
pub(crate) fn resume_from_journal(items: &mut [PlanItem], folder: &Path, attribute: &str) -> Result<()> {
    let Some(journal) = earlier_journal(folder)? else {
        return Ok(());
    };
    for item in items.iter_mut() {
        settle_with_journal(item, &journal, attribute);
    }
    Ok(())
}

/// The journal an interrupted run left in `folder`, if any.
pub(crate) fn earlier_journal(folder: &Path) -> Result<Option<Journal>> {
    if !folder.join(JOURNAL).exists() {
        return Ok(None);
    }
    Journal::open(folder)
        .map(Some)
        .map_err(|e| Error::new(ErrorKind::Journal, e))
}

/// What the interrupted run's journal says of one planned item.
pub(crate) fn settle_with_journal(item: &mut PlanItem, journal: &Journal, attribute: &str) {
    let (Some(key), Some(sha)) = (item.key.as_deref(), item.converted_sha256.as_deref()) else {
        return;
    };
    let in_doubt = journal.was_in_doubt(key, attribute, sha);
    match item.action {
        Action::Write if journal.is_done(key, attribute, sha) => {
            item.action = Action::SkipUnchanged;
            item.reason = "already written by the interrupted run (journal)".into();
            item.photo = None;
        }
        Action::Write if in_doubt => {
            item.reason = "the interrupted run sent this photo but it did not arrive: sent again".into();
        }
        Action::SkipUnchanged if in_doubt => {
            item.reason = "confirmed: the photo the interrupted run sent without an answer had arrived".into();
            item.confirmed = true;
        }
        _ => {}
    }
}

/// What applying did.
pub struct Applied {
    /// The run folder, when backups were kept.
    pub run_folder: Option<PathBuf>,
    pub totals: Totals,
}

/// Backs up, writes and journals the plan's changes (only the items `selected`, when
/// given), each going to the sink as it completes. Returns the run folder used.
pub fn apply_set(
    dir: &mut dyn Directory,
    planned: &mut Planned,
    selected: Option<&[usize]>,
    request: &SetRequest,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Result<Applied> {
    let chosen = |id: usize| selected.is_none_or(|s| s.contains(&id));
    // Only the chosen changes are applied, and they keep their plan ids.
    let mut ids = Vec::new();
    let mut changes = Vec::new();
    for (id, item) in planned.items.iter().enumerate() {
        if item.action.changes_target() && chosen(id) {
            ids.push(id);
            changes.push(item.clone());
        }
    }
    let (folder, mut backups, mut journal) = open_record(&changes, request.checked_folder()?)?;
    let record = RunRecord {
        backups: backups.as_mut(),
        journal: journal.as_mut(),
    };
    let gate = Gate::new(cancel.clone());
    // Every photo written is recorded as it completes (who changed it since?).
    let mut ledger = Ledger::for_directory(&*dir);
    let total = changes.len();
    let mut done = 0;
    let applied = recording_writes(ledger.as_mut(), sink, |sink| {
        apply(&mut changes, dir, record, &gate, |index, item| {
            done += 1;
            sink.emit(Event::Progress(Progress {
                phase: Phase::Apply,
                done,
                total: Some(total),
                failed: item.failed(),
            }));
            sink.emit(Event::Applied { id: ids[index], item });
        })
    });
    for (item, id) in changes.into_iter().zip(&ids) {
        planned.items[*id] = item;
    }
    applied?;
    Ok(Applied {
        run_folder: folder,
        totals: Totals::of(&planned.items),
    })
}

/// Runs `emit_applied` with a sink that records every photo written in the
/// who-wrote-what ledger (when the directory keeps one) before passing the event on;
/// the ledger is flushed after (a ledger that cannot be written is a warning).
pub(crate) fn recording_writes<R>(
    ledger: Option<&mut Ledger>,
    sink: &mut dyn Sink,
    emit_applied: impl FnOnce(&mut dyn Sink) -> R,
) -> R {
    let Some(ledger) = ledger else {
        return emit_applied(sink);
    };
    let result = emit_applied(&mut recording_sink(ledger, &mut *sink));
    if let Err(e) = ledger.sync() {
        sink.emit(Event::Warning(&format!("who-wrote-what record: {e}")));
    }
    result
}

/// The run's folder, backups and journal for `changes`: opened when any of them keeps a
/// backup (an entry with a stable key), in `named` (the folder the administrator named)
/// or else a new dated folder.
pub(crate) fn open_record(
    changes: &[PlanItem],
    named: Option<&Path>,
) -> Result<(Option<PathBuf>, Option<BackupStore>, Option<Journal>)> {
    let keeps_backups = changes
        .iter()
        .any(|i| i.entry.as_ref().is_some_and(|e| e.key.is_some()));
    if !keeps_backups {
        return Ok((None, None, None));
    }
    let folder = named.map_or_else(default_run_folder, Path::to_path_buf);
    let backups = BackupStore::open(&folder).map_err(|e| Error::new(ErrorKind::Backup, e))?;
    let journal = Journal::open(&folder).map_err(|e| Error::new(ErrorKind::Journal, e))?;
    Ok((Some(folder), Some(backups), Some(journal)))
}
