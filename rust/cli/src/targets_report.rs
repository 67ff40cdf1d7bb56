//! What a run into several targets (`sync`, `set --to A --to B`) prints: every item
//! tagged with its target (JSON), each target's plan or result, and where the run's
//! backups are.

use std::path::Path;

use serde::Serialize;

use adphoto_app::sync::TargetRun;
use adphoto_core::plan::{Action, ApplyStatus, PlanItem};

use crate::cli::OutputArgs;
use crate::exit;
use crate::summary::{print_json, print_plan_summary, write_report};

/// A report line: the item and the target it is about.
#[derive(Serialize)]
struct TargetItem<'a> {
    target: &'a str,
    #[serde(flatten)]
    item: &'a PlanItem,
}

/// Prints the run's report and returns its exit code.
pub fn report(targets: &[TargetRun], run_folder: Option<&Path>, what_if: bool, output: &OutputArgs) -> i32 {
    let (json, quiet) = (output.json, output.quiet);
    let lines: Vec<TargetItem<'_>> = targets
        .iter()
        .flat_map(|t| {
            t.items.iter().map(|item| TargetItem {
                target: &t.address,
                item,
            })
        })
        .collect();
    if json {
        lines.iter().for_each(print_json);
    }
    if let Err(e) = write_report(output.report.as_deref(), &lines) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    let mut failed = false;
    for t in targets {
        failed |= t.error.is_some() || t.items.iter().any(PlanItem::failed);
        if let Some(e) = &t.error {
            tell!("error: {}: {e} [{}]", t.address, e.kind());
        }
        if !quiet && !json {
            show_target(t, what_if);
        }
    }
    if let (Some(f), false) = (run_folder, quiet || json) {
        say!();
        say!("Backups and journals (a part per target): {}", f.display());
        say!(
            "Undo all of it: adphoto restore --backup-dir \"{}\" (with the same sign-in options)",
            f.display()
        );
        let unfinished = targets
            .iter()
            .any(|t| t.error.is_some() || t.totals().in_doubt + t.totals().cancelled > 0);
        if unfinished {
            say!("Finish: the same command with --resume \"{}\"", f.display());
        }
    }
    exit::of_items(failed)
}

fn show_target(t: &TargetRun, what_if: bool) {
    let Some(summary) = &t.summary else { return };
    say!();
    say!("== {} ==", t.address);
    if what_if {
        for item in &t.items {
            let who = item.matched.user.as_deref().unwrap_or("-");
            let from = item
                .matched
                .file
                .as_deref()
                .or(item.matched.identity.as_deref())
                .unwrap_or("-");
            say!("  {:<17} {who:<28} <- {from}: {}", item.action.name(), item.reason);
        }
    }
    print_plan_summary(&t.items, &t.totals(), summary, what_if);
    let elsewhere: Vec<&str> = t
        .items
        .iter()
        .filter(|i| i.action == Action::ChangedElsewhere)
        .filter_map(|i| i.matched.user.as_deref())
        .collect();
    if !elsewhere.is_empty() {
        say!(
            "Changed elsewhere since ADPhoto wrote them, left alone ({}): {}",
            elsewhere.len(),
            elsewhere.join(", ")
        );
    }
    let written = t
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Written))
        .count();
    if !what_if && written == 0 && summary.changes > 0 {
        say!("Nothing was written to {}.", t.address);
    }
}
