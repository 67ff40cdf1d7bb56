//! `set` without a confirmation between planning and writing: the photos convert on
//! their own thread while this one writes what is ready, so a first run takes about as
//! long as the longer of converting and writing rather than their sum. Only for runs
//! that show no plan first (`--what-if` and a caller's confirmation use `plan_set`,
//! then `apply_set`). Everything else holds as there: each batch is backed up and the
//! backups flushed before any of it is sent, the journal records every write (and is
//! flushed after each batch), the gate stops the rest on cancel or when the server is
//! gone, one bad item never stops the others, and the events and the plan come out in
//! the plan's order whatever order the photos converted in.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{mpsc, Condvar, Mutex};

use adphoto_core::backup::{BackupStore, Journal};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Current, Directory, Gate, UserEntry};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::plan::{plan_each, Applier, PlanItem, RunRecord, SharedPart, Totals};

use crate::ledger::{mark_changed_elsewhere, Ledger};
use crate::set::{
    earlier_journal, open_record, paired_entries, plan_progress, recording_writes, remember_conversions,
    settle_with_journal, summary_of, Applied, Planned, SetRequest, Setup,
};
use crate::sink::{Event, Phase, Progress, Sink};

/// Changes sent together: each batch costs a flush of the backups (and the directory's
/// set-up for a batch: LDAP opens its extra connections), so they are not sent one by
/// one; a batch goes once at least this many are ready, and whatever is left once the
/// plan is complete (small, so the run ends soon after the last photo converts).
const BATCH: usize = 48;
const MAX_BATCH: usize = 4 * BATCH;
/// The first batch goes as soon as this many are ready, and each next one may be twice
/// as large, up to BATCH: a directory that answers slowly (a cloud service, each write
/// a round trip or two) starts writing after a few conversions rather than 48, and the
/// few small batches cost a handful of flushes in a whole run.
const FIRST_BATCH: usize = 4;

/// What a run that planned and wrote at once did: the plan (every item with its
/// outcome), and how writing ended.
pub struct Streamed {
    pub planned: Planned,
    pub applied: Result<Applied>,
}

/// Plans and writes at once. An error before anything could be planned is returned;
/// one from writing is in the result, with the plan.
pub fn run_set(
    dir: &mut dyn Directory,
    request: &SetRequest,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Result<Streamed> {
    run_set_sharing(dir, request, None, &mut || Ok(()), cancel, sink)
}

/// `run_set`, converting through `shared` when the run's other targets convert the
/// same photos. `before_writing` runs once, before the first change is sent (a run into
/// several targets notes its parts there).
pub(crate) fn run_set_sharing(
    dir: &mut dyn Directory,
    request: &SetRequest,
    shared: Option<SharedPart>,
    before_writing: &mut dyn FnMut() -> Result<()>,
    cancel: &Cancel,
    sink: &mut dyn Sink,
) -> Result<Streamed> {
    let folder = request.checked_folder()?.map(|f| f.to_path_buf());
    let Setup {
        matched,
        options,
        mut cache,
    } = Setup::of(dir, request, shared, cancel, sink)?;
    let earlier = match &folder {
        Some(f) => earlier_journal(f)?,
        None => None,
    };
    // The planner compares with what the directory has now: read on this thread (the
    // only one to use the directory, which it writes to), handed over as it comes (a
    // cloud directory fetches them in the background while the first photos convert).
    let paired = paired_entries(&matched);
    let now = Published::default();
    let current = |entry: &UserEntry| now.get(&entry.address);
    let ledger = Ledger::for_directory(&*dir);
    let attribute = dir.photo_attribute().to_string();
    let files = matched.result.files.len();
    let gate = Gate::new(cancel.clone());
    let mut writer = Writer {
        folder,
        opened: None,
        before_writing,
        gate: &gate,
        done: 0,
        stopped: None,
        journal_error: None,
    };
    let mut intake = Intake {
        earlier: earlier.as_ref(),
        ledger: ledger.as_ref(),
        attribute: &attribute,
        force: request.force,
        files,
        planned: 0,
        rows: Vec::new(),
        pending: Vec::new(),
        held: BTreeSet::new(),
        next: 0,
    };
    let mut applied_rows: Vec<usize> = Vec::new();
    let (tx, rx) = mpsc::channel::<(usize, PlanItem)>();
    let planning = std::thread::scope(|scope| {
        let (users, result, options) = (&matched.users, &matched.result, &options);
        let (cache, current) = (cache.as_ref(), &current);
        let planner = scope.spawn(move || {
            plan_each(users, result, current, options, cache, |row, item| {
                let _ = tx.send((row, item));
            })
        });
        {
            // Closed however this ends, so the planner never waits for ever.
            let _closing = Closing(&now);
            for entry in paired {
                let photo = dir.current(&entry);
                now.publish(entry.address, photo);
            }
        }
        let mut batch = FIRST_BATCH;
        while let Ok((row, item)) = rx.recv() {
            intake.accept(&*dir, row, item, sink);
            // What is ready is taken (up to a limit): while a batch was being written,
            // the next one grew, so a slow directory gets fewer, larger batches.
            while intake.pending.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok((row, item)) => intake.accept(&*dir, row, item, sink),
                    Err(_) => break,
                }
            }
            if intake.pending.len() >= batch {
                writer.write(dir, &mut intake.rows, &mut intake.pending, &mut applied_rows, sink);
                batch = (batch * 2).min(BATCH);
            }
        }
        planner
            .join()
            .unwrap_or_else(|_| Err(adphoto_core::photo::PhotoError::Internal("the planner stopped".into())))
    });
    intake.release_all();
    writer.write(dir, &mut intake.rows, &mut intake.pending, &mut applied_rows, sink);
    let rows = std::mem::take(&mut intake.rows);
    drop(intake);
    planning.map_err(|e| Error::from(&e))?;

    // The plan in its order, as `plan_set` gives it; then what was written, in the
    // same order.
    let mut ids = HashMap::new();
    let mut items = Vec::new();
    for (row, item) in rows.into_iter().enumerate() {
        if let Some(item) = item {
            ids.insert(row, items.len());
            items.push(item);
        }
    }
    if let Some(cache) = cache.as_mut() {
        remember_conversions(cache, &items, &options);
    }
    for (id, item) in items.iter().enumerate() {
        sink.emit(Event::Planned { id, item });
    }
    let summary = summary_of(&matched, &*dir, &items);
    sink.emit(Event::PlanReady(&summary));
    let mut ledger = ledger;
    applied_rows.sort_unstable();
    recording_writes(ledger.as_mut(), sink, |sink| {
        for row in applied_rows {
            if let Some(&id) = ids.get(&row) {
                sink.emit(Event::Applied { id, item: &items[id] });
            }
        }
    });
    let finished = writer.finish(dir, &mut items);
    let applied = finished.map(|()| Applied {
        run_folder: writer.folder.filter(|_| writer.opened.is_some()),
        totals: Totals::of(&items),
    });
    let planned = Planned {
        users: matched.users,
        items,
        summary,
    };
    Ok(Streamed { planned, applied })
}

/// The current photos, published by the thread that reads them for the planner's.
#[derive(Default)]
struct Published {
    photos: Mutex<(HashMap<String, Current>, bool)>,
    ready: Condvar,
}

impl Published {
    fn publish(&self, address: String, photo: Current) {
        self.lock().0.insert(address, photo);
        self.ready.notify_all();
    }

    /// Every photo there is to read was published.
    fn close(&self) {
        self.lock().1 = true;
        self.ready.notify_all();
    }

    fn get(&self, address: &str) -> Current {
        let mut photos = self.lock();
        loop {
            if let Some(photo) = photos.0.get(address) {
                return photo.clone();
            }
            if photos.1 {
                return Current::Unknown;
            }
            photos = self.ready.wait(photos).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (HashMap<String, Current>, bool)> {
        self.photos.lock().unwrap_or_else(|p| p.into_inner())
    }
}

struct Closing<'a>(&'a Published);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// The planning half, on this thread: each planned item settled with the interrupted
/// run's journal and the who-wrote-what record, then kept in its row; its change queued.
struct Intake<'a> {
    earlier: Option<&'a Journal>,
    ledger: Option<&'a Ledger>,
    attribute: &'a str,
    force: bool,
    files: usize,
    planned: usize,
    rows: Vec<Option<PlanItem>>,
    /// Changes ready to send, in row order.
    pending: Vec<usize>,
    /// Changes planned while an earlier row is still converting: they are sent in row
    /// order, so the directory receives the same sequence whichever photo converts first
    /// (an LDIF file is byte-identical from run to run and from one platform to another).
    held: BTreeSet<usize>,
    /// The first row not yet planned.
    next: usize,
}

impl Intake<'_> {
    fn accept(&mut self, dir: &dyn Directory, row: usize, mut item: PlanItem, sink: &mut dyn Sink) {
        if let Some(journal) = self.earlier {
            settle_with_journal(&mut item, journal, self.attribute);
        }
        if let Some(ledger) = self.ledger {
            mark_changed_elsewhere(std::slice::from_mut(&mut item), dir, ledger, self.force);
        }
        if item.matched.file.is_some() {
            self.planned += 1;
            sink.emit(Event::Progress(plan_progress(self.planned, self.files, &item)));
        }
        if item.action.changes_target() {
            self.held.insert(row);
        }
        if self.rows.len() <= row {
            self.rows.resize(row + 1, None);
        }
        self.rows[row] = Some(item);
        while self.rows.get(self.next).is_some_and(Option::is_some) {
            if self.held.remove(&self.next) {
                self.pending.push(self.next);
            }
            self.next += 1;
        }
    }

    /// Planning is over: the changes still held (behind rows cancelled before they
    /// converted) go out, in row order.
    fn release_all(&mut self) {
        self.pending.extend(std::mem::take(&mut self.held));
    }
}

/// The writing half: the run folder's backups and journal, opened with the first batch
/// that has something to back up.
struct Writer<'a> {
    folder: Option<PathBuf>,
    opened: Option<(Option<BackupStore>, Option<Journal>)>,
    before_writing: &'a mut dyn FnMut() -> Result<()>,
    gate: &'a Gate,
    done: usize,
    /// Why writing stopped for good (the backups could not be flushed).
    stopped: Option<Error>,
    /// A journal line that could not be written (the writes went on, as in `apply`).
    journal_error: Option<Error>,
}

impl Writer<'_> {
    /// Sends the changes `pending` names (rows of `rows`), each backed up first.
    fn write(
        &mut self,
        dir: &mut dyn Directory,
        rows: &mut [Option<PlanItem>],
        pending: &mut Vec<usize>,
        applied: &mut Vec<usize>,
        sink: &mut dyn Sink,
    ) {
        if pending.is_empty() {
            return;
        }
        let batch_rows = std::mem::take(pending);
        let mut batch: Vec<PlanItem> = batch_rows.iter().filter_map(|r| rows[*r].take()).collect();
        let result = self.send(dir, &mut batch, sink);
        if let Err(e) = result {
            for item in batch.iter_mut().filter(|i| i.status.is_none()) {
                item.status = Some(adphoto_core::plan::ApplyStatus::Failed);
                item.error = Some(e.clone());
            }
        }
        for (row, item) in batch_rows.into_iter().zip(batch) {
            if item.status.is_some() {
                applied.push(row);
            }
            rows[row] = Some(item);
        }
    }

    fn send(&mut self, dir: &mut dyn Directory, batch: &mut [PlanItem], sink: &mut dyn Sink) -> Result<()> {
        if let Some(e) = &self.stopped {
            return Err(e.clone());
        }
        if self.opened.is_none() {
            if let Err(e) = (self.before_writing)() {
                self.stopped = Some(e.clone());
                return Err(e);
            }
            let (folder, backups, journal) = open_record(batch, self.folder.as_deref())?;
            self.folder = folder;
            self.opened = Some((backups, journal));
        }
        let Some((backups, journal)) = self.opened.as_mut() else {
            return Ok(());
        };
        let mut applier = Applier::new(
            &*dir,
            RunRecord {
                backups: backups.as_mut(),
                journal: journal.as_mut(),
            },
        );
        let done = &mut self.done;
        let sent = applier.apply_batch(batch, dir, self.gate, &mut |_, item| {
            *done += 1;
            sink.emit(Event::Progress(Progress {
                phase: Phase::Apply,
                done: *done,
                total: None,
                failed: item.failed(),
            }));
        });
        if let Some(e) = applier.take_journal_error() {
            self.journal_error.get_or_insert(Error::new(ErrorKind::Journal, e));
        }
        if let Err(e) = sent {
            self.stopped = Some(e.clone());
            return Err(e);
        }
        Ok(())
    }

    /// Completes the directory (an LDIF moved into place) once everything is sent.
    fn finish(&mut self, dir: &mut dyn Directory, items: &mut [PlanItem]) -> Result<()> {
        let record = match self.opened.as_mut() {
            Some((backups, journal)) => RunRecord {
                backups: backups.as_mut(),
                journal: journal.as_mut(),
            },
            None => RunRecord::default(),
        };
        Applier::new(&*dir, record).finish(dir, items.iter_mut())?;
        match self.stopped.take().or(self.journal_error.take()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}
