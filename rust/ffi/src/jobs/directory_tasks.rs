//! The jobs on one directory's photos: get, export, remove, restore, report — on any
//! directory a request names.

use super::events::Outcome;
use super::handle::Context;
use super::request::{ExportTask, GetTask, RemoveTask, ReportTask, RestoreTask};
use adphoto_app::tasks::{
    export_photos, get_photos, photo_report, remove_photos, restore_photos, TaskItem, TaskStatus,
};
use adphoto_app::{open, DirectorySpec};
use adphoto_core::backup::{default_run_folder, release_unused};
use adphoto_core::error::Result;

fn with_directory(
    spec: DirectorySpec,
    context: &Context,
    task: impl FnOnce(&mut dyn adphoto_core::directory::Directory) -> Result<Outcome>,
) -> Outcome {
    match open(spec, context.cancel()).and_then(|mut dir| task(dir.as_mut())) {
        Ok(outcome) => outcome,
        Err(e) => e.into(),
    }
}

/// The outcome of a task over users: how many failed, and the run folder when
/// something was backed up there. A folder the task claimed itself (`claimed`) and did
/// not use is removed.
fn finished(context: &Context, items: &[TaskItem], folder: &std::path::Path, what_if: bool, claimed: bool) -> Outcome {
    let failures = items.iter().filter(|i| i.is_failure()).count();
    let changed = !what_if && items.iter().any(|i| i.status == TaskStatus::Done);
    if claimed && !changed {
        release_unused(folder);
    }
    Outcome::finished(context.cancel(), failures).with_run_folder(changed.then_some(folder))
}

pub(super) fn get(task: GetTask, context: &Context) -> Outcome {
    with_directory(task.directory, context, |dir| {
        let mut sink = &context.events;
        let failed = get_photos(dir, &task.identities, &mut sink);
        Ok(Outcome::finished(context.cancel(), failed))
    })
}

pub(super) fn export(task: ExportTask, context: &Context) -> Outcome {
    with_directory(task.directory, context, |dir| {
        let mut sink = &context.events;
        let totals = export_photos(dir, &task.out_dir, &mut sink)?;
        Ok(Outcome::finished(context.cancel(), totals.failed).with_totals(totals))
    })
}

pub(super) fn remove(task: RemoveTask, context: &Context) -> Outcome {
    with_directory(task.directory, context, |dir| {
        let mut sink = &context.events;
        let folder = task.backup_dir.clone().unwrap_or_else(default_run_folder);
        let items = remove_photos(
            dir,
            &task.identities,
            task.what_if,
            &folder,
            context.cancel(),
            &mut sink,
        );
        Ok(finished(
            context,
            &items,
            &folder,
            task.what_if,
            task.backup_dir.is_none(),
        ))
    })
}

pub(super) fn restore(task: RestoreTask, context: &Context) -> Outcome {
    with_directory(task.directory, context, |dir| {
        let mut sink = &context.events;
        let folder = default_run_folder();
        let items = restore_photos(
            dir,
            &task.backup_dir,
            &task.identities,
            task.what_if,
            &folder,
            context.cancel(),
            &mut sink,
        );
        let items = items.inspect_err(|_| release_unused(&folder))?;
        Ok(finished(context, &items, &folder, task.what_if, true))
    })
}

pub(super) fn report(task: ReportTask, context: &Context) -> Outcome {
    with_directory(task.directory, context, |dir| {
        let mut sink = &context.events;
        let totals = photo_report(dir, task.csv.as_deref(), &mut sink)?;
        Ok(Outcome::finished(context.cancel(), totals.unreadable).with_totals(totals))
    })
}
