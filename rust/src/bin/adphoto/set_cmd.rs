//! `adphoto set` / `adphoto plan`: users and photos in, the target updated (or the plan
//! shown), a report out.

use adphoto::bulk::{apply_run, open_backend, plan_run, SetRequest, TargetSpec};
use adphoto::plan::{PlanItem, Totals};

use crate::cli::SetArgs;
use crate::directory_args::{ldap_options, users_spec};
use crate::exit;
use crate::progress::Progress;
use crate::request::match_request;
use crate::summary::{print_json, print_plan_line, print_plan_summary, write_report};

pub fn run(args: SetArgs, what_if: bool) -> i32 {
    let folder = args.resume.clone().or(args.backup_dir.clone());
    if let Some(resume) = &args.resume {
        if !resume.join("journal.jsonl").exists() && !resume.join("manifest.jsonl").exists() {
            return exit::usage(format!("{} is not the folder of an earlier run", resume.display()));
        }
    }
    let directory = match ldap_options(&args.directory, &args.attribute) {
        Ok(d) => d,
        Err(e) => return exit::usage(e),
    };
    let users = match users_spec(&args.users, directory) {
        Ok(u) => u,
        Err(e) => return exit::usage(e),
    };
    let target = args.target.clone().unwrap_or(TargetSpec::Directory);
    let mut backend = match open_backend(users, target, &args.attribute) {
        Ok(b) => b,
        Err(e) => return if e.kind == "connect" { failed(e) } else { exit::usage(e) },
    };
    let request = SetRequest {
        matching: match_request(&args.photos),
        photo: args.tuning.overrides(),
        force: args.force,
        workers: args.output.jobs.unwrap_or(0),
        run_folder: folder.clone(),
        no_cache: args.force,
        cancel: Default::default(),
    };
    let mut progress = Progress::new(0, "photos", args.output.quiet);
    let planned = plan_run(&mut backend, &request, |item: &PlanItem| {
        if item.matched.file.is_some() {
            progress.advance(item.action.is_problem());
        }
    });
    progress.clear();
    let mut planned = match planned {
        Ok(p) => p,
        Err(e) if e.kind == "users" || e.kind == "options" || e.kind == "pattern" || e.kind == "mapping" => {
            return exit::usage(e)
        }
        Err(e) => return failed(e),
    };
    for w in &planned.warnings {
        eprintln!("warning: {w}");
    }
    let (json, quiet) = (args.output.json, args.output.quiet);
    let mut run_error = None;
    let mut used_folder = None;
    if what_if {
        if json {
            planned.items.iter().for_each(print_json);
        } else if !quiet {
            planned.items.iter().for_each(print_plan_line);
        }
    } else {
        let changes = planned.items.iter().filter(|i| i.action.changes_target()).count();
        let mut progress = Progress::new(changes, "written", quiet);
        match apply_run(&mut backend, &mut planned, folder.as_deref(), &request.cancel, |item| {
            progress.advance(item.status == Some(adphoto::plan::ApplyStatus::Failed))
        }) {
            Ok(f) => used_folder = f,
            Err(e) => run_error = Some(e),
        }
        progress.clear();
        if json {
            planned.items.iter().for_each(print_json);
        }
    }
    if let Err(e) = write_report(args.output.report.as_deref(), &planned.items) {
        eprintln!("error: {e}");
        return exit::SOME_FAILED;
    }
    let totals = Totals::of(&planned.items);
    if !quiet && !json {
        print_plan_summary(
            &planned.items,
            &totals,
            &planned.target,
            &planned.source,
            planned.table.len(),
            what_if,
        );
        if let Some(f) = &used_folder {
            println!(
                "Backups and journal: {} (undo: adphoto restore --backup-dir \"{}\")",
                f.display(),
                f.display()
            );
        }
    }
    if let Some(e) = run_error {
        eprintln!("error: {e}");
        return exit::SOME_FAILED;
    }
    if planned.items.iter().any(PlanItem::failed) {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}

fn failed(e: impl std::fmt::Display) -> i32 {
    eprintln!("error: {e}");
    exit::SOME_FAILED
}
