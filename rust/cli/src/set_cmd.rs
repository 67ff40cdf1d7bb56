//! `adphoto set` / `adphoto plan`: users and photos in, the directory updated (or the
//! plan shown), a report out.

use adphoto_app::{open, plan_set, review, run_set, writable, DirectorySpec, Event, MatchRequest, Phase, SetRequest};
use adphoto_core::plan::{PlanItem, Totals};

use crate::address::Address;
use crate::cli::{OutputArgs, SetArgs};
use crate::connect::ConnectArgs;
use crate::directories::{address_of, spec_of, Implied};
use crate::exit;
use crate::interrupt::cancel_on_ctrl_c;
use crate::progress::Progress;
use crate::summary::{print_json, print_plan_line, print_plan_summary, undo_hint, write_report};

/// Where a set writes: the address's directory, refused when it cannot be written to.
pub fn target_spec(address: &Address, args: &SetArgs, connect: &ConnectArgs) -> Result<DirectorySpec, String> {
    let spec = spec_of(address, args.users.as_ref(), connect)?;
    writable(&spec).map_err(|e| e.to_string())?;
    Ok(spec)
}

/// The run the options ask for, into one target or several.
pub fn set_request(args: &SetArgs, matching: MatchRequest, output: &OutputArgs) -> SetRequest {
    SetRequest {
        matching,
        photo: args.tuning.overrides(),
        force: args.force,
        workers: output.jobs.unwrap_or(0),
        run_folder: args.resume.clone().or(args.backup_dir.clone()),
        resume: args.resume.is_some(),
        no_cache: args.force,
    }
}

pub fn run(args: SetArgs, what_if: bool, implied: Implied, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    if args.to.len() > 1 {
        return crate::set_many_cmd::run(args, what_if, connect, output);
    }
    let to = args.to.first().or(args.target.as_ref());
    let address = match address_of(to, implied, connect) {
        Ok(a) => a,
        Err(e) => return exit::usage(e),
    };
    let spec = match target_spec(&address, &args, connect) {
        Ok(s) => s,
        Err(e) => return exit::usage(e),
    };
    if args.review.is_some() && !what_if {
        return exit::usage("--review shows a plan: use it with --what-if (or adphoto plan)");
    }
    let matching = crate::match_cmd::match_request(&args.photos, connect);
    if let Some(why) = adphoto_app::output_guard::ldif_overwrites_input(&spec, &matching) {
        return exit::usage(why);
    }
    let cancel = cancel_on_ctrl_c();
    let mut dir = match open(spec, &cancel) {
        Ok(d) => d,
        Err(e) => return exit::failed(&e),
    };
    let request = set_request(&args, matching, output);
    let (json, quiet) = (output.json, output.quiet);
    let mut progress = Progress::new(0, "photos", quiet);
    let mut show = |event: Event<'_>| match event {
        Event::Warning(w) => {
            progress.clear();
            tell!("warning: {w}");
        }
        Event::Progress(p) if p.phase == Phase::Plan => {
            progress.set_total(p.total.unwrap_or(0));
            progress.advance(p.failed);
        }
        _ => {}
    };
    let mut run_error = None;
    let mut used_folder = None;
    // Without --what-if nothing is shown before writing: the photos are written while
    // the rest convert.
    let planned = if what_if {
        plan_set(dir.as_mut(), &request, &cancel, &mut show)
    } else {
        run_set(dir.as_mut(), &request, &cancel, &mut show).map(|streamed| {
            match streamed.applied {
                Ok(a) => used_folder = a.run_folder,
                Err(e) => run_error = Some(e),
            }
            streamed.planned
        })
    };
    progress.clear();
    let planned = match planned {
        Ok(p) => p,
        Err(e) => return exit::failed(&e),
    };
    if what_if {
        if json {
            planned.items.iter().for_each(print_json);
        } else if !quiet {
            planned.items.iter().for_each(print_plan_line);
        }
        if let Some(path) = &args.review {
            let targets = [review::PlannedTarget {
                planned: &planned,
                directory: dir.as_ref(),
            }];
            let sheet = review::plan_sheet(&targets, "set --what-if");
            if let Err(e) = review::write(path, &sheet) {
                tell!("error: review sheet: {}: {e}", path.display());
                return exit::SOME_FAILED;
            }
        }
    } else if json {
        planned.items.iter().for_each(print_json);
    }
    if let Err(e) = write_report(output.report.as_deref(), &planned.items) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    let totals = Totals::of(&planned.items);
    if !quiet && !json {
        print_plan_summary(&planned.items, &totals, &planned.summary, what_if);
        if let Some(f) = &used_folder {
            say!("Backups and journal: {}", f.display());
            if let Some(at) = undo_at(&address, &args, connect) {
                say!("Undo: {}", undo_hint(&at, f));
            }
            if totals.in_doubt + totals.cancelled > 0 || run_error.is_some() {
                say!("Finish: the same command with --resume \"{}\"", f.display());
            }
        }
    }
    if let Some(e) = run_error {
        return exit::failed(&e).max(exit::SOME_FAILED);
    }
    exit::of_items(planned.items.iter().any(PlanItem::failed))
}

/// Where `restore` undoes a run: the directory itself, or for an LDIF file the
/// directory it is imported into (where its users came from).
fn undo_at(address: &Address, args: &SetArgs, connect: &ConnectArgs) -> Option<Address> {
    match address {
        Address::Ldif(_) => args
            .users
            .clone()
            .or_else(|| connect.ldap.server.clone().map(Address::Ldap))
            .filter(|a| !matches!(a, Address::Csv(_))),
        other => Some(other.clone()),
    }
}
