//! The `sync` job: one service's photos copied into others (`Sync-ADPhoto`). Every
//! event names its target.

use serde::Deserialize;
use serde_json::json;

use super::events::Outcome;
use super::handle::Context;
use adphoto_app::sync::{run_sync, SyncRequest, SyncTarget};
use adphoto_app::{open, writable, DirectorySpec, Event, Sink};
use adphoto_core::error::Error;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetTask {
    /// How the caller names the target (kept in the run folder for `restore`).
    pub address: String,
    pub directory: DirectorySpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncTask {
    pub source: DirectorySpec,
    pub targets: Vec<TargetTask>,
    #[serde(default)]
    pub options: SyncRequest,
    #[serde(default)]
    pub what_if: bool,
}

pub(super) fn run(task: SyncTask, context: &Context) -> Outcome {
    let opened = (|| {
        for t in &task.targets {
            writable(&t.directory)?;
        }
        let source = open(task.source, context.cancel())?;
        let mut targets = Vec::new();
        for t in task.targets {
            targets.push(SyncTarget {
                address: t.address,
                dir: open(t.directory, context.cancel())?,
            });
        }
        Ok::<_, Error>((source, targets))
    })();
    let (mut source, targets) = match opened {
        Ok(o) => o,
        Err(e) => return e.into(),
    };
    let addresses: Vec<String> = targets.iter().map(|t| t.address.clone()).collect();
    let events = &context.events;
    let ran = run_sync(
        source.as_mut(),
        targets,
        &task.options,
        task.what_if,
        context.cancel(),
        &mut |index: usize, event: Event<'_>| {
            let target = addresses.get(index).map_or("", String::as_str);
            match event {
                Event::Planned { id, item } => {
                    events.emit_with("item", json!({"phase": "plan", "id": id, "target": target}), item)
                }
                Event::Applied { id, item } => {
                    events.emit_with("item", json!({"phase": "apply", "id": id, "target": target}), item)
                }
                Event::PlanReady(summary) => events.emit_with("planned", json!({"target": target}), summary),
                other => Sink::emit(&mut { events }, other),
            }
        },
    );
    match ran {
        Ok(run) => {
            let failures = run
                .targets
                .iter()
                .map(|t| usize::from(t.error.is_some()) + t.items.iter().filter(|i| i.failed()).count())
                .sum();
            let errors: Vec<_> = run
                .targets
                .iter()
                .filter_map(|t| t.error.as_ref().map(|e| json!({"target": t.address, "error": e})))
                .collect();
            Outcome::finished(context.cancel(), failures)
                .with_run_folder(run.run_folder.as_deref())
                .with_totals(json!({"target_errors": errors}))
        }
        Err(e) => e.into(),
    }
}
