//! `sync` as a use case: the source read once, then every target planned and written
//! at the same time, each on its own thread under its own limits (LDAP connections,
//! Graph's requests in flight, Google's quota), a target starting to write as soon as
//! its plan is ready. One run folder holds a part per target.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;

use adphoto_core::backup::{default_run_folder, JOURNAL, MANIFEST};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Directory, Users};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::matching::Template;
use adphoto_core::plan::{PlanItem, Totals};
use adphoto_core::users::UserId;

use super::pairing::{pair_users, Paired};
use super::planner::plan_target;
use super::request::SyncRequest;
use super::source::{list, pairing_wanted, Source};
use crate::run_parts::{part_folder, plan_parts, write_parts, Part, PARTS};
use crate::set::{apply_set, resume_from_journal, Planned, SetRequest};
use crate::sink::{Event, PlanSummary, Progress};

/// A target of the copy: how the administrator named it, and the directory.
pub struct SyncTarget {
    pub address: String,
    pub dir: Box<dyn Directory>,
}

/// What happened in one target.
pub struct TargetRun {
    pub address: String,
    pub describe: String,
    pub items: Vec<PlanItem>,
    pub summary: Option<PlanSummary>,
    /// The part of the run folder with this target's backups and journal.
    pub folder: Option<PathBuf>,
    /// What stopped this target (the others went on).
    pub error: Option<Error>,
}

impl TargetRun {
    pub fn totals(&self) -> Totals {
        Totals::of(&self.items)
    }
}

pub struct SyncRun {
    /// The run folder, when something was written.
    pub run_folder: Option<PathBuf>,
    pub targets: Vec<TargetRun>,
}

/// Where a sync reports, per target (its index in the request).
pub trait SyncSink {
    fn emit(&mut self, target: usize, event: Event<'_>);
}

impl<F: FnMut(usize, Event<'_>)> SyncSink for F {
    fn emit(&mut self, target: usize, event: Event<'_>) {
        self(target, event)
    }
}

/// An event, owned, on its way from a target's thread to the caller's sink.
enum Message {
    Warning(String),
    Progress(Progress),
    Planned(usize, Box<PlanItem>),
    PlanReady(Box<PlanSummary>),
    Applied(usize, Box<PlanItem>),
}

/// A copy of an item for the report, without the photo it carries.
fn light(item: &PlanItem) -> Box<PlanItem> {
    let mut copy = item.clone();
    copy.photo = None;
    Box::new(copy)
}

/// Copies the photos of `source` to every target (with `what_if`, only plans).
pub fn run_sync(
    source_dir: &mut dyn Directory,
    targets: Vec<SyncTarget>,
    request: &SyncRequest,
    what_if: bool,
    cancel: &Cancel,
    sink: &mut dyn SyncSink,
) -> Result<SyncRun> {
    if targets.is_empty() {
        return Err(Error::options(
            "no target: give --to ADDRESS (several for several targets)",
        ));
    }
    let templates: Vec<Template> = request
        .patterns
        .iter()
        .map(|t| Template::parse(t).map_err(|e| Error::new(ErrorKind::Pattern, e.to_string())))
        .collect::<Result<_>>()?;
    let wanted = pairing_wanted(&templates);
    let run_folder = checked_run_folder(request, what_if)?;
    let mut source = Source::open(source_dir, &wanted)?;

    // Every target's users, and whom they pair with.
    let mut prepared = Vec::new();
    for (index, mut target) in targets.into_iter().enumerate() {
        let listed = list(target.dir.as_mut(), &wanted);
        for w in target.dir.warnings() {
            sink.emit(index, Event::Warning(&w));
        }
        let paired = listed.map(|users| {
            let pairs = pair_users(&source.users.table, &users.table, &templates);
            (users, pairs)
        });
        prepared.push((target, paired));
    }
    let mut needed: Vec<UserId> = prepared
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok())
        .flat_map(|(_, pairs)| pairs.iter())
        .filter_map(|p| match p {
            Paired::One { source, .. } => Some(*source),
            _ => None,
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    source.read_photos(source_dir, &needed);

    let addresses: Vec<String> = prepared.iter().map(|(t, _)| t.address.clone()).collect();
    let parts = run_folder.as_deref().map(|f| plan_parts(f, &addresses));
    let parts_written = Mutex::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Message)>();
    let source = &source;
    let runs: Vec<TargetRun> = std::thread::scope(|scope| {
        let handles: Vec<_> = prepared
            .into_iter()
            .enumerate()
            .map(|(index, (target, paired))| {
                let tx = tx.clone();
                let part = parts.as_ref().map(|p| p[index].clone());
                let (run_folder, parts_all, parts_written) = (run_folder.as_deref(), parts.as_deref(), &parts_written);
                scope.spawn(move || {
                    let send = |m: Message| {
                        let _ = tx.send((index, m));
                    };
                    let SyncTarget { address, mut dir } = target;
                    let describe = dir.describe();
                    let mut run = TargetRun {
                        address,
                        describe,
                        items: Vec::new(),
                        summary: None,
                        folder: None,
                        error: None,
                    };
                    let (users, pairs) = match paired {
                        Ok(p) => p,
                        Err(e) => {
                            run.error = Some(e);
                            return run;
                        }
                    };
                    let context = TargetContext {
                        source,
                        request,
                        what_if,
                        cancel,
                        run_folder,
                        part: part.as_ref(),
                        parts: parts_all.unwrap_or_default(),
                        parts_written,
                    };
                    if let Err(e) = context.run(dir.as_mut(), users, &pairs, &mut run, &send) {
                        run.error = Some(e);
                    }
                    run
                })
            })
            .collect();
        drop(tx);
        for (index, message) in rx {
            match message {
                Message::Warning(w) => sink.emit(index, Event::Warning(&w)),
                Message::Progress(p) => sink.emit(index, Event::Progress(p)),
                Message::Planned(id, item) => sink.emit(index, Event::Planned { id, item: &item }),
                Message::PlanReady(summary) => sink.emit(index, Event::PlanReady(&summary)),
                Message::Applied(id, item) => sink.emit(index, Event::Applied { id, item: &item }),
            }
        }
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| TargetRun {
                    address: String::new(),
                    describe: String::new(),
                    items: Vec::new(),
                    summary: None,
                    folder: None,
                    error: Some(Error::internal("a target's thread stopped unexpectedly")),
                })
            })
            .collect()
    });
    let wrote = runs.iter().any(|r| r.folder.is_some());
    Ok(SyncRun {
        run_folder: run_folder.filter(|_| wrote),
        targets: runs,
    })
}

/// The run folder: the one named (resuming needs an earlier run there), else a new
/// dated one. A plan alone needs none unless it is resuming.
fn checked_run_folder(request: &SyncRequest, what_if: bool) -> Result<Option<PathBuf>> {
    match (&request.run_folder, request.resume) {
        (None, true) => Err(Error::options("resuming needs the folder of the run to resume")),
        (Some(f), true) if !f.join(PARTS).exists() && !f.join(JOURNAL).exists() && !f.join(MANIFEST).exists() => Err(
            Error::options(format!("{} is not the folder of an earlier run", f.display())),
        ),
        (Some(f), _) => Ok(Some(f.clone())),
        (None, _) if what_if => Ok(None),
        (None, false) => Ok(Some(default_run_folder())),
    }
}

/// What one target's thread needs of the run.
struct TargetContext<'a> {
    source: &'a Source,
    request: &'a SyncRequest,
    what_if: bool,
    cancel: &'a Cancel,
    run_folder: Option<&'a Path>,
    part: Option<&'a Part>,
    parts: &'a [Part],
    parts_written: &'a Mutex<bool>,
}

impl TargetContext<'_> {
    fn run(
        &self,
        dir: &mut dyn Directory,
        users: Users,
        pairs: &[Paired],
        run: &mut TargetRun,
        send: &dyn Fn(Message),
    ) -> Result<()> {
        let mut items = plan_target(self.source, dir, &users, pairs, self.request, self.cancel, |_| {})?;
        let folder = match (self.run_folder, self.part) {
            (Some(r), Some(p)) => Some(part_folder(r, p)),
            _ => None,
        };
        if let Some(f) = &folder {
            resume_from_journal(&mut items, f, dir.photo_attribute())?;
        }
        for (id, item) in items.iter().enumerate() {
            send(Message::Planned(id, light(item)));
        }
        let totals = Totals::of(&items);
        let summary = PlanSummary {
            source: self.source.describe.clone(),
            target: dir.describe(),
            users: users.len(),
            changes: items.iter().filter(|i| i.action.changes_target()).count(),
            totals: totals.by_action,
        };
        send(Message::PlanReady(Box::new(summary.clone())));
        run.summary = Some(summary.clone());
        let changes = summary.changes;
        let mut planned = Planned { users, items, summary };
        if self.what_if || changes == 0 || self.cancel.is_cancelled() {
            run.items = planned.items;
            return Ok(());
        }
        if let Some(r) = self.run_folder {
            self.note_parts(r)?;
        }
        let set_request = SetRequest {
            force: self.request.force,
            run_folder: folder.clone(),
            ..SetRequest::default()
        };
        let applied = apply_set(
            dir,
            &mut planned,
            None,
            &set_request,
            self.cancel,
            &mut |event: Event<'_>| match event {
                Event::Applied { id, item } => send(Message::Applied(id, light(item))),
                Event::Progress(p) => send(Message::Progress(p)),
                Event::Warning(w) => send(Message::Warning(w.to_string())),
                _ => {}
            },
        );
        run.items = planned.items;
        let applied = applied?;
        run.folder = applied.run_folder;
        Ok(())
    }

    /// Writes `parts.json` once, before the first target writes anything.
    fn note_parts(&self, run_folder: &Path) -> Result<()> {
        let mut written = self.parts_written.lock().unwrap_or_else(|p| p.into_inner());
        if !*written {
            write_parts(run_folder, self.parts)?;
            *written = true;
        }
        Ok(())
    }
}
