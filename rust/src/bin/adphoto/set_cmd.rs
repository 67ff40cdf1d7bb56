//! `adphoto set` / `adphoto plan`: users and photos in, the target updated (or the plan
//! shown), a report out.

use std::path::PathBuf;

use adphoto::bulk::{apply_run, open_backend, plan_run, Backend, SetRequest, TargetSpec};
use adphoto::plan::{PlanItem, Totals};

use crate::cli::{OutputArgs, PhotoSourceArgs, PhotoTuning, SetArgs};
use crate::directory_args::{ldap_options, users_spec};
use crate::exit;
use crate::progress::Progress;
use crate::request::match_request;
use crate::summary::{print_json, print_plan_line, print_plan_summary, write_report};

/// What a `set` run does once its backend is open, whatever the directory.
pub struct Execution<'a> {
    pub photos: &'a PhotoSourceArgs,
    pub tuning: &'a PhotoTuning,
    pub output: &'a OutputArgs,
    pub force: bool,
    pub what_if: bool,
    /// The run folder (`--backup-dir`, or `--resume`, already checked).
    pub folder: Option<PathBuf>,
}

/// The run folder named by `--resume` or `--backup-dir`; `--resume` must name the
/// folder of an earlier run.
pub fn run_folder(resume: &Option<PathBuf>, backup_dir: &Option<PathBuf>) -> Result<Option<PathBuf>, String> {
    if let Some(resume) = resume {
        if !resume.join("journal.jsonl").exists() && !resume.join("manifest.jsonl").exists() {
            return Err(format!("{} is not the folder of an earlier run", resume.display()));
        }
    }
    Ok(resume.clone().or(backup_dir.clone()))
}

pub fn run(args: SetArgs, what_if: bool) -> i32 {
    let folder = match run_folder(&args.resume, &args.backup_dir) {
        Ok(f) => f,
        Err(e) => return exit::usage(e),
    };
    let directory = match ldap_options(&args.directory, &args.attribute) {
        Ok(d) => d,
        Err(e) => return exit::usage(e),
    };
    let users = match users_spec(&args.users, directory, args.photos.encoding.as_deref()) {
        Ok(u) => u,
        Err(e) => return exit::usage(e),
    };
    let target = args.target.clone().unwrap_or(TargetSpec::Directory);
    let backend = match open_backend(users, target, &args.attribute) {
        Ok(b) => b,
        Err(e) => return if e.kind == "connect" { failed(e) } else { exit::usage(e) },
    };
    execute(
        backend,
        Execution {
            photos: &args.photos,
            tuning: &args.tuning,
            output: &args.output,
            force: args.force,
            what_if,
            folder,
        },
    )
}

/// Plans, and unless `what_if` applies, on an open backend; prints and reports.
pub fn execute(mut backend: Backend, run: Execution<'_>) -> i32 {
    let Execution {
        photos,
        tuning,
        output,
        force,
        what_if,
        folder,
    } = run;
    let request = SetRequest {
        matching: match_request(photos),
        photo: tuning.overrides(),
        force,
        workers: output.jobs.unwrap_or(0),
        run_folder: folder.clone(),
        no_cache: force,
        cancel: Default::default(),
    };
    let mut progress = Progress::new(0, "photos", output.quiet);
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
        tell!("warning: {w}");
    }
    let (json, quiet) = (output.json, output.quiet);
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
    if let Err(e) = write_report(output.report.as_deref(), &planned.items) {
        tell!("error: {e}");
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
            say!(
                "Backups and journal: {} (undo: adphoto restore --backup-dir \"{}\")",
                f.display(),
                f.display()
            );
        }
    }
    if let Some(e) = run_error {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    if planned.items.iter().any(PlanItem::failed) {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}

fn failed(e: impl std::fmt::Display) -> i32 {
    tell!("error: {e}");
    exit::SOME_FAILED
}
