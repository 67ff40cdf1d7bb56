//! `restore` of a run into several targets (`sync`, `set` with several `--to`): every
//! part of the run folder put back in its own target, what each replaces saved in a
//! part of a new run folder (which restores the same way).

use adphoto_app::run_parts::{part_folder, write_parts, Part};
use adphoto_app::tasks::{restore_photos, TaskItem, TaskStatus};
use adphoto_app::{open, Event};
use adphoto_core::backup::{default_run_folder, release_unused};

use crate::address::Address;
use crate::cli::{OutputArgs, RestoreArgs};
use crate::connect::ConnectArgs;
use crate::directories::spec_of;
use crate::exit;
use crate::interrupt::cancel_on_ctrl_c;
use crate::summary::{print_json, write_report};

pub fn restore_all(args: &RestoreArgs, parts: Vec<Part>, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    let only = args.at.to.as_ref().map(Address::spelled);
    let chosen: Vec<Part> = parts
        .into_iter()
        .filter(|p| only.as_ref().is_none_or(|o| o.eq_ignore_ascii_case(&p.address)))
        .collect();
    if chosen.is_empty() {
        return exit::usage(format!(
            "{} holds no part for {}",
            args.backup_dir.display(),
            only.unwrap_or_default()
        ));
    }
    let cancel = cancel_on_ctrl_c();
    let new_run = default_run_folder();
    let mut items: Vec<TaskItem> = Vec::new();
    let mut failed = false;
    let mut replaced = Vec::new();
    for part in &chosen {
        // A part's address is what the run was given; one that is not a valid address any
        // more (an LDAP address with `user@`, refused since) may hold a password.
        let parsed = Address::parse(&part.address);
        let part_address = if parsed.is_err() && part.address.contains('@') {
            "(a target whose address is not repeated)"
        } else {
            part.address.as_str()
        };
        let dir = parsed
            .and_then(|a| spec_of(&a, None, connect))
            .map_err(|e| format!("{part_address}: {e}"));
        let spec = match dir {
            Ok(s) => s,
            Err(e) => {
                tell!("error: {e}");
                failed = true;
                continue;
            }
        };
        let mut dir = match open(spec, &cancel) {
            Ok(d) => d,
            Err(e) => {
                tell!("error: {part_address}: {e} [{}]", e.kind());
                failed = true;
                continue;
            }
        };
        let saved_in = part_folder(&new_run, part);
        let restored = restore_photos(
            dir.as_mut(),
            &part_folder(&args.backup_dir, part),
            &args.users,
            args.what_if,
            &saved_in,
            &cancel,
            &mut |event: Event<'_>| {
                if let Event::Task(item) = event {
                    if output.json {
                        print_json(item);
                    } else if item.is_failure() {
                        tell!("error: {}: {}: {}", part_address, item.user, item.reason);
                    } else if !output.quiet {
                        say!(
                            "  {:<9} {} {}: {}",
                            item.status.name(),
                            part_address,
                            item.user,
                            item.reason
                        );
                    }
                }
            },
        );
        match restored {
            Ok(done) => {
                if done.iter().any(|i| i.status == TaskStatus::Done) && !args.what_if {
                    replaced.push(part.clone());
                }
                items.extend(done);
            }
            Err(e) => {
                tell!("error: {part_address}: {e} [{}]", e.kind());
                failed = true;
            }
        }
    }
    if replaced.is_empty() {
        release_unused(&new_run);
    } else {
        if let Err(e) = write_parts(&new_run, &replaced) {
            tell!("error: {e}");
            failed = true;
        } else if !output.quiet && !output.json {
            say!("What the restore replaced is saved in {}.", new_run.display());
            say!(
                "Undo: adphoto restore --backup-dir \"{}\" (with the same sign-in options)",
                new_run.display()
            );
        }
    }
    if let Err(e) = write_report(output.report.as_deref(), &items) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    exit::of_items(failed || items.iter().any(TaskItem::is_failure))
}
