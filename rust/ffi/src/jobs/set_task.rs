//! `set`: plan, then write what changed — at once, or after the caller confirmed which
//! changes to make.

use serde_json::json;

use super::events::Outcome;
use super::handle::Context;
use super::request::{Mode, SetTask};
use adphoto_app::output_guard::ldif_overwrites_input;
use adphoto_app::{apply_set, open, plan_set, writable};

pub(super) fn run(task: SetTask, context: &Context) -> Outcome {
    let cancel = context.cancel();
    let mut sink = &context.events;
    let spec = task.directory();
    if let Err(e) = writable(&spec) {
        return e.into();
    }
    if let Some(why) = ldif_overwrites_input(&spec, &task.request().matching) {
        return adphoto_core::error::Error::options(why).into();
    }
    let mut dir = match open(spec, cancel) {
        Ok(d) => d,
        Err(e) => return e.into(),
    };
    let request = task.request();
    // A caller answering the `planned` event at once must never be refused.
    if task.mode == Mode::Confirm {
        context.accept_apply();
    }
    let mut planned = match plan_set(dir.as_mut(), &request, cancel, &mut sink) {
        Ok(p) => p,
        Err(e) => return e.into(),
    };
    let problems = planned.items.iter().filter(|i| i.action.is_problem()).count();
    if cancel.is_cancelled() || task.mode == Mode::Plan {
        return Outcome::finished(cancel, problems).with_totals(&planned.summary.totals);
    }
    let selected = match task.mode {
        Mode::Confirm => match context.wait_for_apply() {
            Some(s) => s.items,
            None => {
                cancel.cancel();
                return Outcome::finished(cancel, problems);
            }
        },
        _ => None,
    };
    match apply_set(
        dir.as_mut(),
        &mut planned,
        selected.as_deref(),
        &request,
        cancel,
        &mut sink,
    ) {
        Ok(applied) => {
            let t = applied.totals;
            Outcome::finished(cancel, problems + t.failed_writes + t.in_doubt)
                .with_totals(json!({
                    "written": t.written,
                    "failed": t.failed_writes,
                    "cancelled": t.cancelled,
                    "in_doubt": t.in_doubt,
                    "confirmed": t.confirmed,
                }))
                .with_run_folder(applied.run_folder.as_deref())
        }
        Err(e) => e.into(),
    }
}
