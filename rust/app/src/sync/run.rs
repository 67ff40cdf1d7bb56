//! `sync` as a use case: the source read once, then every target planned and written
//! at the same time, each on its own thread under its own limits (LDAP connections,
//! Graph's requests in flight, Google's quota), a target starting to write as soon as
//! its plan is ready. One run folder holds a part per target.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use adphoto_core::backup::{default_run_folder, JOURNAL, MANIFEST};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Directory, Users};
use adphoto_core::error::{Error, Result};
use adphoto_core::plan::{PlanItem, Totals};
use adphoto_core::users::UserId;

use super::pairing::Paired;
use super::pairing_rule::PairingRule;
use super::planner::plan_target;
use super::request::SyncRequest;
use super::source::{list, pairing_wanted, Source};
use crate::fan_out::{fan_out, Message, TargetSink};
use crate::run_parts::{part_folder, plan_parts, used_run_folder, write_parts, Part, PARTS};
use crate::set::{apply_set, resume_from_journal, Planned, SetRequest};
use crate::sink::{Event, PlanSummary};

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
    pub fn new(address: String, describe: String) -> TargetRun {
        TargetRun {
            address,
            describe,
            items: Vec::new(),
            summary: None,
            folder: None,
            error: None,
        }
    }

    /// A target whose thread stopped before it could say anything.
    pub fn failed(error: Error) -> TargetRun {
        TargetRun {
            error: Some(error),
            ..TargetRun::new(String::new(), String::new())
        }
    }

    pub fn totals(&self) -> Totals {
        Totals::of(&self.items)
    }
}

pub struct SyncRun {
    /// The run folder, when something was written.
    pub run_folder: Option<PathBuf>,
    pub targets: Vec<TargetRun>,
}

/// Copies the photos of `source` to every target (with `what_if`, only plans).
pub fn run_sync(
    source_dir: &mut dyn Directory,
    targets: Vec<SyncTarget>,
    request: &SyncRequest,
    what_if: bool,
    cancel: &Cancel,
    sink: &mut dyn TargetSink,
) -> Result<SyncRun> {
    if targets.is_empty() {
        return Err(Error::options(
            "no target: give --to ADDRESS (several for several targets)",
        ));
    }
    let rule = PairingRule::of(request)?;
    let wanted = pairing_wanted(rule.templates());
    let run_folder = checked_run_folder(request, what_if)?;
    let mut source = Source::open(source_dir, &wanted)?;

    // Every target's users, and whom they pair with.
    let mut prepared = Vec::new();
    for (index, mut target) in targets.into_iter().enumerate() {
        let listed = list(target.dir.as_mut(), &wanted);
        for w in target
            .dir
            .warnings()
            .iter()
            .chain(rule.warnings().iter().filter(|_| index == 0))
        {
            sink.emit(index, Event::Warning(w));
        }
        let paired = listed.map(|users| {
            let paired = rule.pair(&source, &users.table, &target.address);
            for note in &paired.notes {
                sink.emit(index, Event::Warning(note));
            }
            (users, paired.pairs, paired.rows)
        });
        prepared.push((target, paired));
    }
    let mut needed: Vec<UserId> = prepared
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok())
        .flat_map(|(_, pairs, _)| pairs.iter())
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
    let source = &source;
    let (run_folder_ref, parts_all, parts_written) = (run_folder.as_deref(), parts.as_deref(), &parts_written);
    let runs: Vec<TargetRun> = fan_out(
        prepared,
        |index, (target, paired), send| {
            let SyncTarget { address, mut dir } = target;
            let mut run = TargetRun::new(address, dir.describe());
            let (users, pairs, rows) = match paired {
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
                run_folder: run_folder_ref,
                part: parts_all.map(|p| &p[index]),
                parts: parts_all.unwrap_or_default(),
                parts_written,
            };
            if let Err(e) = context.run(dir.as_mut(), users, &pairs, rows, &mut run, send) {
                run.error = Some(e);
            }
            run
        },
        TargetRun::failed,
        sink,
    );
    let wrote = runs.iter().any(|r| r.folder.is_some());
    let run_folder = used_run_folder(run_folder, wrote, request.run_folder.is_none());
    Ok(SyncRun {
        run_folder,
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
        rows: Vec<PlanItem>,
        run: &mut TargetRun,
        send: &dyn Fn(Message),
    ) -> Result<()> {
        let mut items = plan_target(self.source, dir, &users, pairs, self.request, self.cancel, |_| {})?;
        // A mapping CSV's rows about nobody of this target, reported with its users.
        items.extend(rows);
        let folder = match (self.run_folder, self.part) {
            (Some(r), Some(p)) => Some(part_folder(r, p)),
            _ => None,
        };
        if let Some(f) = &folder {
            resume_from_journal(&mut items, f, dir.photo_attribute())?;
        }
        for (id, item) in items.iter().enumerate() {
            send(Message::Planned(
                id,
                Box::new(PlanItem {
                    photo: None,
                    ..item.clone()
                }),
            ));
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
            &mut |event: Event<'_>| {
                if let Some(m) = Message::of(event).filter(|m| !matches!(m, Message::Planned(..))) {
                    send(m);
                }
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
