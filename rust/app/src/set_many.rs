//! `set` into several targets in one run: each target matched, planned and written on
//! its own thread under its own limits, a target writing as soon as its own plan is
//! ready; one run folder with a part per target, so one `restore` undoes it all and one
//! `--resume` continues it.

use std::path::PathBuf;
use std::sync::Mutex;

use adphoto_core::backup::{default_run_folder, release_unused, JOURNAL, MANIFEST};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::error::{Error, Result};

use crate::fan_out::{fan_out, Message, TargetSink};
use crate::run_parts::{part_folder, plan_parts, write_parts, PARTS};
use crate::set::{apply_set, plan_set, SetRequest};
use crate::sink::Event;
use crate::sync::TargetRun;

/// A target of the run: how the administrator named it, and the directory.
pub struct SetTarget {
    pub address: String,
    pub dir: Box<dyn Directory>,
}

pub struct SetManyRun {
    /// The run folder, when something was written.
    pub run_folder: Option<PathBuf>,
    pub targets: Vec<TargetRun>,
}

/// Sets the photos of `request` in every target (with `what_if`, only plans them).
pub fn run_set_many(
    targets: Vec<SetTarget>,
    request: &SetRequest,
    what_if: bool,
    cancel: &Cancel,
    sink: &mut dyn TargetSink,
) -> Result<SetManyRun> {
    let run_folder = match (&request.run_folder, request.resume) {
        (None, true) => return Err(Error::options("resuming needs the folder of the run to resume")),
        (Some(f), true) if !f.join(PARTS).exists() => {
            return Err(Error::options(format!(
                "{} is not the folder of an earlier run into several targets",
                f.display()
            )))
        }
        (Some(f), _) => Some(f.clone()),
        (None, false) if what_if => None,
        (None, false) => Some(default_run_folder()),
    };
    let addresses: Vec<String> = targets.iter().map(|t| t.address.clone()).collect();
    let parts = run_folder.as_deref().map(|f| plan_parts(f, &addresses));
    let parts_written = Mutex::new(false);
    let runs = fan_out(
        targets,
        |index, target, send| {
            let SetTarget { address, mut dir } = target;
            let mut run = TargetRun {
                address,
                describe: dir.describe(),
                items: Vec::new(),
                summary: None,
                folder: None,
                error: None,
            };
            let folder = match (&run_folder, &parts) {
                (Some(r), Some(p)) => Some(part_folder(r, &p[index])),
                _ => None,
            };
            // A part resumes when an earlier run left its journal or backups there.
            let resume = folder
                .as_ref()
                .is_some_and(|f| f.join(JOURNAL).exists() || f.join(MANIFEST).exists());
            let part_request = SetRequest {
                run_folder: folder,
                resume,
                ..request.clone()
            };
            let mut forward = |event: Event<'_>| {
                if let Some(m) = Message::of(event) {
                    send(m);
                }
            };
            let mut planned = match plan_set(dir.as_mut(), &part_request, cancel, &mut forward) {
                Ok(p) => p,
                Err(e) => {
                    run.error = Some(e);
                    return run;
                }
            };
            run.summary = Some(planned.summary.clone());
            if !what_if && planned.summary.changes > 0 && !cancel.is_cancelled() {
                if let (Some(r), Some(p)) = (&run_folder, &parts) {
                    let mut written = parts_written.lock().unwrap_or_else(|p| p.into_inner());
                    if !*written {
                        if let Err(e) = write_parts(r, p) {
                            run.error = Some(e);
                            run.items = planned.items;
                            return run;
                        }
                        *written = true;
                    }
                }
                match apply_set(dir.as_mut(), &mut planned, None, &part_request, cancel, &mut forward) {
                    Ok(applied) => run.folder = applied.run_folder,
                    Err(e) => run.error = Some(e),
                }
            }
            run.items = planned.items;
            run
        },
        |error| TargetRun {
            address: String::new(),
            describe: String::new(),
            items: Vec::new(),
            summary: None,
            folder: None,
            error: Some(error),
        },
        sink,
    );
    let wrote = runs.iter().any(|r| r.folder.is_some());
    if let (false, true, Some(folder)) = (wrote, request.run_folder.is_none(), &run_folder) {
        release_unused(folder);
    }
    Ok(SetManyRun {
        run_folder: run_folder.filter(|_| wrote),
        targets: runs,
    })
}
