//! The jobs on one directory's photos: get, export, remove, restore, report — on an
//! LDAP server or a Microsoft 365 tenant alike.

use base64::Engine;
use serde_json::json;

use super::directory::{open_directory, TaskDirectory};
use super::events::{ErrorBody, Outcome};
use super::handle::Context;
use super::request::{ExportTask, GetTask, RemoveTask, ReportTask, RestoreTask};
use crate::backup::default_run_folder;
use crate::tasks::{export_photos, get_photo, photo_report, remove_photos, restore_photos, write_report_csv, TaskItem};
use crate::users::{UserTable, IDENTITY_ATTRIBUTES};

fn connect(spec: super::directory::DirectorySpec, context: &Context) -> Result<Box<dyn TaskDirectory>, ErrorBody> {
    open_directory(spec, context.cancel())
}

/// Every user, with their current photos read (in bulk where that is how the
/// directory works).
fn load_users(dir: &mut dyn TaskDirectory) -> Result<UserTable, ErrorBody> {
    let optional: Vec<String> = IDENTITY_ATTRIBUTES.iter().map(|s| s.to_string()).collect();
    let table = dir
        .source()
        .load(&[], &optional)
        .map_err(|e| ErrorBody::new("users", e.message))?;
    let everyone: Vec<_> = table.ids().collect();
    dir.prefetch(&table, &everyone);
    Ok(table)
}

fn failures(items: &[TaskItem]) -> usize {
    items.iter().filter(|i| i.is_failure()).count()
}

pub(super) fn get(task: GetTask, context: &Context) -> Outcome {
    let mut dir = match connect(task.directory, context) {
        Ok(d) => d,
        Err(e) => return e.into(),
    };
    dir.resolve(&task.identities);
    let mut failed = 0;
    for identity in &task.identities {
        if context.cancel().is_cancelled() {
            break;
        }
        match get_photo(dir.lookup(), identity) {
            Ok(user) => {
                let photo = &user.photos[0];
                let mut item = TaskItem::new(&user.name, "done", "photo read");
                item.dn = Some(user.address.clone());
                item.key = user.key.clone();
                item.bytes = Some(photo.len() as u64);
                let encoded = base64::engine::general_purpose::STANDARD.encode(photo);
                context
                    .events
                    .emit_with("item", json!({"identity": identity, "photo": encoded}), &item);
            }
            Err(e) => {
                failed += 1;
                let item = TaskItem::failed(identity, e.kind, e.message);
                context.events.emit_with("item", json!({"identity": identity}), &item);
            }
        }
    }
    Outcome::finished(context.cancel(), failed)
}

pub(super) fn export(task: ExportTask, context: &Context) -> Outcome {
    let mut dir = match connect(task.directory, context) {
        Ok(d) => d,
        Err(e) => return e.into(),
    };
    let table = match load_users(dir.as_mut()) {
        Ok(t) => t,
        Err(e) => return e.into(),
    };
    match export_photos(&table, dir.target(), &task.out_dir, |item| {
        context.events.emit("item", item)
    }) {
        Ok(items) => {
            let failed = items.iter().filter(|i| i.error.is_some()).count();
            Outcome::finished(context.cancel(), failed).with_totals(json!({
                "users": table.len(),
                "exported": items.len() - failed,
            }))
        }
        Err(e) => Outcome::failed("export", e),
    }
}

pub(super) fn remove(task: RemoveTask, context: &Context) -> Outcome {
    let mut dir = match connect(task.directory, context) {
        Ok(d) => d,
        Err(e) => return e.into(),
    };
    dir.resolve(&task.identities);
    let folder = task.backup_dir.clone().unwrap_or_else(default_run_folder);
    let items = remove_photos(
        dir.lookup(),
        &task.identities,
        task.what_if,
        &folder,
        context.cancel(),
        |item| context.events.emit("item", item),
    );
    let mut outcome = Outcome::finished(context.cancel(), failures(&items));
    if !task.what_if && items.iter().any(|i| i.status == "done") {
        outcome.run_folder = Some(folder.display().to_string());
    }
    outcome
}

pub(super) fn restore(task: RestoreTask, context: &Context) -> Outcome {
    let mut dir = match connect(task.directory, context) {
        Ok(d) => d,
        Err(e) => return e.into(),
    };
    let folder = default_run_folder();
    match restore_photos(
        dir.lookup(),
        &task.backup_dir,
        &task.identities,
        task.what_if,
        &folder,
        context.cancel(),
        |item| context.events.emit("item", item),
    ) {
        Ok(items) => {
            let mut outcome = Outcome::finished(context.cancel(), failures(&items));
            if !task.what_if && items.iter().any(|i| i.status == "done") {
                outcome.run_folder = Some(folder.display().to_string());
            }
            outcome
        }
        Err(e) => Outcome::failed("backup", e),
    }
}

pub(super) fn report(task: ReportTask, context: &Context) -> Outcome {
    let mut dir = match connect(task.directory, context) {
        Ok(d) => d,
        Err(e) => return e.into(),
    };
    let table = match load_users(dir.as_mut()) {
        Ok(t) => t,
        Err(e) => return e.into(),
    };
    let (rows, totals) = photo_report(&table, dir.target());
    if let Some(csv) = &task.csv {
        if let Err(e) = write_report_csv(csv, &rows) {
            return Outcome::failed("io", e);
        }
    }
    for row in &rows {
        if context.cancel().is_cancelled() {
            break;
        }
        context.events.emit("row", row);
    }
    Outcome::finished(context.cancel(), 0).with_totals(totals)
}
