//! `adphoto set` / `adphoto plan`: users and photos in, the target updated (or the plan
//! shown), a report out.

use adphoto::bulk::{match_users, open_target};
use adphoto::parallel::default_workers;
use adphoto::plan::{apply, plan, PlanItem, PlanOptions, Totals};

use crate::cli::SetArgs;
use crate::exit;
use crate::progress::Progress;
use crate::request::match_request;
use crate::summary::{print_json, print_plan_line, print_plan_summary, write_report};

pub fn run(args: SetArgs, what_if: bool) -> i32 {
    let mut target = match open_target(&args.target, &args.attribute) {
        Ok(t) => t,
        Err(e) => return exit::usage(e),
    };
    let mut request = match_request(&args.users, &args.photos);
    request.required_attributes = target.required_attributes();
    let matched = match match_users(&request) {
        Ok(m) => m,
        Err(e) => return exit::usage(e),
    };
    for w in &matched.warnings {
        eprintln!("warning: {w}");
    }
    let overrides = args.tuning.overrides();
    let options = PlanOptions {
        spec: overrides.spec(target.preset()),
        fit: overrides.fit,
        limits: overrides.limits(),
        workers: args.output.jobs.unwrap_or_else(default_workers),
        force: args.force,
    };
    let table = &matched.table;
    let current = |user| target.current(table, user);
    let mut progress = Progress::new(matched.result.files.len(), "photos", args.output.quiet);
    let planned = plan(table, &matched.result, &current, &options, |item: &PlanItem| {
        if item.matched.file.is_some() {
            progress.advance(item.action.is_problem());
        }
    });
    progress.clear();
    let mut items = match planned {
        Ok(items) => items,
        Err(e) => return exit::usage(e),
    };
    let json = args.output.json;
    let quiet = args.output.quiet;
    let describe = target.describe();
    let mut finish_error = None;
    if what_if {
        if json {
            items.iter().for_each(print_json);
        } else if !quiet {
            items.iter().for_each(print_plan_line);
        }
    } else {
        if let Err(e) = apply(table, &mut items, target.as_mut(), |_| {}) {
            finish_error = Some(e);
        }
        if json {
            items.iter().for_each(print_json);
        }
    }
    if let Err(e) = write_report(args.output.report.as_deref(), &items) {
        eprintln!("error: {e}");
        return exit::SOME_FAILED;
    }
    let totals = Totals::of(&items);
    if !quiet && !json {
        print_plan_summary(&items, &totals, &describe, &matched.source, table.len(), what_if);
    }
    if let Some(e) = finish_error {
        eprintln!("error: {describe}: {e}");
        return exit::SOME_FAILED;
    }
    if items.iter().any(PlanItem::failed) {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}
