//! `set`: plan (read, match, convert, compare), then write what changed — at once, or
//! after the caller confirmed which changes to make.

use std::collections::{HashMap, HashSet};

use serde_json::json;

use super::events::Outcome;
use super::handle::Context;
use super::request::{Mode, Selection, SetTask};
use crate::bulk::{apply_run, open_backend, plan_run, Planned, SetRequest};
use crate::plan::{PlanItem, Totals};

pub(super) fn run(task: SetTask, context: &Context) -> Outcome {
    let events = &context.events;
    let mut backend = match open_backend(task.users.clone(), task.target.clone(), &task.attribute) {
        Ok(b) => b,
        Err(e) => return Outcome::failed(e.kind, e.message),
    };
    let request = SetRequest {
        matching: task.matching(),
        photo: task.photo.clone(),
        force: task.force,
        workers: task.workers,
        run_folder: task.run_folder.clone(),
        no_cache: task.no_cache || task.force,
        cancel: context.cancel().clone(),
    };
    let mut planned_count = 0usize;
    let planned = plan_run(&mut backend, &request, |item: &PlanItem| {
        if item.matched.file.is_some() {
            planned_count += 1;
            events.emit("progress", &json!({"phase": "plan", "done": planned_count}));
        }
    });
    let mut planned = match planned {
        Ok(p) => p,
        Err(e) => return Outcome::failed(e.kind, e.message),
    };
    for w in &planned.warnings {
        events.warning(w);
    }
    for (id, item) in planned.items.iter().enumerate() {
        events.emit_with("item", json!({"phase": "plan", "id": id}), item);
    }
    let changes = planned.items.iter().filter(|i| i.action.changes_target()).count();
    if task.mode == Mode::Confirm {
        context.accept_apply();
    }
    events.emit(
        "planned",
        &json!({
            "source": planned.source,
            "target": planned.target,
            "users": planned.table.len(),
            "changes": changes,
            "totals": Totals::of(&planned.items).by_action,
        }),
    );
    let problems = planned.items.iter().filter(|i| i.action.is_problem()).count();
    if context.cancel().is_cancelled() || task.mode == Mode::Plan {
        return Outcome::finished(context.cancel(), problems).with_totals(Totals::of(&planned.items).by_action);
    }
    let selection = match task.mode {
        Mode::Confirm => match context.wait_for_apply() {
            Some(s) => s,
            None => {
                context.cancel().cancel();
                return Outcome::finished(context.cancel(), problems);
            }
        },
        _ => Selection::default(),
    };
    apply_selected(&mut backend, &mut planned, &task, &selection, context, problems)
}

/// Writes the chosen changes, one `item` event (phase `apply`) each as it completes.
fn apply_selected(
    backend: &mut crate::bulk::Backend,
    planned: &mut Planned,
    task: &SetTask,
    selection: &Selection,
    context: &Context,
    problems: usize,
) -> Outcome {
    let chosen: Option<HashSet<usize>> = selection.items.as_ref().map(|ids| ids.iter().copied().collect());
    let all = std::mem::take(&mut planned.items);
    let mut ids = Vec::new();
    for (id, item) in all.into_iter().enumerate() {
        if item.action.changes_target() && chosen.as_ref().is_none_or(|c| c.contains(&id)) {
            ids.push(id);
            planned.items.push(item);
        }
    }
    // A change always has a file, and a file is in one plan item: the file names the item.
    let id_of: HashMap<String, usize> = planned
        .items
        .iter()
        .zip(&ids)
        .filter_map(|(item, id)| item.matched.file.clone().map(|f| (f, *id)))
        .collect();
    let events = &context.events;
    let applied = apply_run(
        backend,
        planned,
        task.run_folder.as_deref(),
        context.cancel(),
        |item: &PlanItem| {
            let id = item.matched.file.as_ref().and_then(|f| id_of.get(f));
            events.emit_with("item", json!({"phase": "apply", "id": id}), item);
        },
    );
    let totals = Totals::of(&planned.items);
    let failures = problems + totals.failed_writes;
    match applied {
        Ok(folder) => {
            let mut outcome = Outcome::finished(context.cancel(), failures).with_totals(json!({
                "written": totals.written,
                "failed": totals.failed_writes,
                "cancelled": totals.cancelled,
            }));
            outcome.run_folder = folder.map(|f| f.display().to_string());
            outcome
        }
        Err(e) => Outcome::failed(e.kind, e.message),
    }
}
