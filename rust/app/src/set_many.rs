//! `set` into several targets in one run: each target matched, planned and written on
//! its own thread under its own limits, a target writing while its plan goes on (or,
//! with `--what-if`, only planning); every photo decoded once for all the targets (the
//! first target to reach it converts it for every preset); one run folder with a part per target, so one `restore` undoes it all and one
//! `--resume` continues it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use adphoto_core::backup::{default_run_folder, JOURNAL, MANIFEST};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;
use adphoto_core::error::{Error, Result};
use adphoto_core::plan::{SharedConversions, SharedPart};

use crate::fan_out::{fan_out, Message, TargetSink};
use crate::run_parts::{part_folder, plan_parts, used_run_folder, write_parts, PARTS};
use crate::set::{plan_set_sharing, SetRequest};
use crate::set_streamed::run_set_sharing;
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
    /// Photos converted for the targets, and the decodes that took (one per photo with
    /// face framing, however many targets).
    pub photos_converted: usize,
    pub decodes: usize,
}

/// The conversions the targets share: every photo decoded once, then finished for
/// each target's own preset (target `i` takes set `i`).
fn shared_conversions(targets: &[SetTarget], request: &SetRequest) -> SharedConversions {
    let sets = targets
        .iter()
        .map(|t| request.photo.spec(t.dir.preset()).renditions().unwrap_or_default())
        .collect();
    SharedConversions::new(
        sets,
        request.photo.fit,
        request.photo.framing().unwrap_or_default(),
        request.photo.limits(),
    )
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
    let shared = Arc::new(shared_conversions(&targets, request));
    let runs = fan_out(
        targets,
        |index, target, send| {
            let SetTarget { address, mut dir } = target;
            let mut run = TargetRun::new(address, dir.describe());
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
            let part = SharedPart {
                conversions: shared.clone(),
                set: index,
            };
            let mut forward = |event: Event<'_>| {
                if let Some(m) = Message::of(event) {
                    send(m);
                }
            };
            if what_if {
                match plan_set_sharing(dir.as_mut(), &part_request, Some(part), cancel, &mut forward) {
                    Ok(planned) => {
                        run.summary = Some(planned.summary);
                        run.items = planned.items;
                    }
                    Err(e) => run.error = Some(e),
                }
                return run;
            }
            // The parts are noted once, before the first target writes anything.
            let mut note_parts = || {
                let (Some(r), Some(p)) = (&run_folder, &parts) else {
                    return Ok(());
                };
                let mut written = parts_written.lock().unwrap_or_else(|p| p.into_inner());
                if !*written {
                    write_parts(r, p)?;
                    *written = true;
                }
                Ok(())
            };
            match run_set_sharing(
                dir.as_mut(),
                &part_request,
                Some(part),
                &mut note_parts,
                cancel,
                &mut forward,
            ) {
                Ok(streamed) => {
                    run.summary = Some(streamed.planned.summary);
                    run.items = streamed.planned.items;
                    match streamed.applied {
                        Ok(applied) => run.folder = applied.run_folder,
                        Err(e) => run.error = Some(e),
                    }
                }
                Err(e) => run.error = Some(e),
            }
            run
        },
        TargetRun::failed,
        sink,
    );
    let wrote = runs.iter().any(|r| r.folder.is_some());
    let run_folder = used_run_folder(run_folder, wrote, request.run_folder.is_none());
    Ok(SetManyRun {
        run_folder,
        targets: runs,
        photos_converted: shared.photos(),
        decodes: shared.decodes(),
    })
}
