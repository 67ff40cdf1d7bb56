//! `adphoto get | export | remove | report | restore`, on any directory.

use adphoto_app::tasks::{
    export_photos, get_photos, photo_report, remove_photos, restore_photos, ExportItem, ReportRow, TaskItem, TaskStatus,
};
use adphoto_app::{open, Event};
use adphoto_core::atomic_file::write_atomically;
use adphoto_core::backup::{default_run_folder, release_unused};
use adphoto_core::directory::Directory;

use crate::address::Address;
use crate::cli::{ExportArgs, GetArgs, OutputArgs, RemoveArgs, ReportArgs, RestoreArgs, WhereArgs};
use crate::connect::ConnectArgs;
use crate::directories::{address_of, spec_of, Implied};
use crate::exit;
use crate::interrupt::cancel_on_ctrl_c;
use crate::summary::{print_json, undo_hint, write_report};

/// Runs `task` on the directory a verb names; a failure to get there is reported and
/// its exit code returned.
fn on_directory(
    at: &WhereArgs,
    implied: Implied,
    connect: &ConnectArgs,
    task: impl FnOnce(&mut dyn Directory, &Address, &adphoto_core::cancel::Cancel) -> i32,
) -> i32 {
    let address = match address_of(at.to.as_ref(), implied, connect) {
        Ok(a) => a,
        Err(e) => return exit::usage(e),
    };
    let spec = match spec_of(&address, None, connect) {
        Ok(s) => s,
        Err(e) => return exit::usage(e),
    };
    let cancel = cancel_on_ctrl_c();
    match open(spec, &cancel) {
        Ok(mut dir) => task(dir.as_mut(), &address, &cancel),
        Err(e) => exit::failed(&e),
    }
}

pub fn get(args: GetArgs, implied: Implied, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    on_directory(&args.at, implied, connect, |dir, _, _| {
        let mut items = Vec::new();
        let mut written = Ok(());
        get_photos(
            dir,
            std::slice::from_ref(&args.user),
            &mut |event: Event<'_>| match event {
                Event::Got { item, photo, .. } => {
                    let mut item = item.clone();
                    item.reason = "photo saved".into();
                    item.path = Some(args.out.display().to_string());
                    if let Err(e) = write_atomically(&args.out, photo) {
                        written = Err(format!("cannot write {}: {e}", args.out.display()));
                    }
                    items.push(item);
                }
                Event::Task(item) => items.push(item.clone()),
                _ => {}
            },
        );
        if let Err(e) = written {
            tell!("error: {e}");
            return exit::SOME_FAILED;
        }
        items.iter().for_each(|i| show(i, output));
        finish(&items, output)
    })
}

pub fn export(args: ExportArgs, implied: Implied, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    on_directory(&args.at, implied, connect, |dir, _, _| {
        let mut items: Vec<ExportItem> = Vec::new();
        let exported = export_photos(dir, &args.out_dir, &mut |event: Event<'_>| {
            if let Event::Exported(item) = event {
                if output.json {
                    print_json(item);
                }
                items.push(item.clone());
            }
        });
        let totals = match exported {
            Ok(t) => t,
            Err(e) => return exit::failed(&e),
        };
        if !output.json && !output.quiet {
            say!(
                "Exported {} photo(s) of {} user(s) to {} (photos.csv maps users to files){}.",
                totals.exported,
                totals.users,
                args.out_dir.display(),
                if totals.failed > 0 {
                    format!("; {} failed", totals.failed)
                } else {
                    String::new()
                }
            );
        }
        for i in items.iter().filter(|i| i.error.is_some()) {
            let message = i.error.as_ref().map(|e| e.message()).unwrap_or_default();
            tell!("error: {}: {message}", i.user);
        }
        if let Err(e) = write_report(output.report.as_deref(), &items) {
            tell!("error: {e}");
            return exit::SOME_FAILED;
        }
        exit::of_items(totals.failed > 0)
    })
}

pub fn remove(args: RemoveArgs, implied: Implied, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    on_directory(&args.at, implied, connect, |dir, address, cancel| {
        let folder = args.backup_dir.clone().unwrap_or_else(default_run_folder);
        let items = remove_photos(dir, &args.users, args.what_if, &folder, cancel, &mut |event: Event<
            '_,
        >| {
            if let Event::Task(item) = event {
                show(item, output);
            }
        });
        let changed = !args.what_if && items.iter().any(|i| i.status == TaskStatus::Done);
        if !changed && args.backup_dir.is_none() {
            release_unused(&folder);
        }
        if changed && !output.quiet && !output.json {
            say!("Removed photos are saved in {}", folder.display());
            say!("Undo: {}", undo_hint(address, &folder));
        }
        finish(&items, output)
    })
}

pub fn restore(args: RestoreArgs, implied: Implied, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    // A run into several targets: each part goes back to its own target.
    if let Some(parts) = adphoto_app::run_parts::read_parts(&args.backup_dir) {
        return crate::restore_parts::restore_all(&args, parts, connect, output);
    }
    on_directory(&args.at, implied, connect, |dir, address, cancel| {
        let folder = default_run_folder();
        let restored = restore_photos(
            dir,
            &args.backup_dir,
            &args.users,
            args.what_if,
            &folder,
            cancel,
            &mut |event: Event<'_>| {
                if let Event::Task(item) = event {
                    show(item, output);
                }
            },
        );
        let changed = !args.what_if
            && restored
                .as_ref()
                .is_ok_and(|items| items.iter().any(|i| i.status == TaskStatus::Done));
        if !changed {
            release_unused(&folder);
        }
        match restored {
            Ok(items) => {
                if items.is_empty() && !output.quiet {
                    tell!(
                        "nothing to restore for {} in {}",
                        dir.describe(),
                        args.backup_dir.display()
                    );
                }
                if changed && !output.quiet && !output.json {
                    say!("What the restore replaced is saved in {}.", folder.display());
                    say!("Undo: {}", undo_hint(address, &folder));
                }
                finish(&items, output)
            }
            Err(e) => exit::failed(&e),
        }
    })
}

pub fn report(args: ReportArgs, implied: Implied, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    on_directory(&args.at, implied, connect, |dir, _, _| {
        let heading = format!("{} photos at {}", dir.photo_attribute(), dir.describe());
        let mut rows: Vec<ReportRow> = Vec::new();
        let reported = photo_report(dir, args.csv.as_deref(), &mut |event: Event<'_>| {
            if let Event::Row(row) = event {
                rows.push(row.clone());
            }
        });
        let totals = match reported {
            Ok(t) => t,
            Err(e) => return exit::failed(&e),
        };
        if let Err(e) = write_report(output.report.as_deref(), &rows) {
            tell!("error: {e}");
            return exit::SOME_FAILED;
        }
        if output.json {
            rows.iter().for_each(print_json);
        } else if !output.quiet {
            say!("{heading}");
            say!();
            say!("  {:<20}{:>8}", "users", totals.users);
            say!("  {:<20}{:>8}", "with a photo", totals.with_photo);
            say!("  {:<20}{:>8}", "without a photo", totals.without_photo);
            if totals.unreadable > 0 {
                say!("  {:<20}{:>8}", "could not be read", totals.unreadable);
            }
            if totals.changed_elsewhere > 0 {
                say!("  {:<20}{:>8}", "changed elsewhere", totals.changed_elsewhere);
            }
            say!("  {:<20}{:>8.1} KB", "total", totals.total_bytes as f64 / 1024.0);
            if totals.with_photo > 0 {
                say!(
                    "  {:<20}{:>8.1} KB",
                    "average",
                    totals.total_bytes as f64 / 1024.0 / totals.with_photo as f64
                );
                say!("  {:<20}{:>8.1} KB", "largest", totals.largest_bytes as f64 / 1024.0);
            }
            let elsewhere: Vec<&str> = rows
                .iter()
                .filter(|r| r.changed_elsewhere)
                .map(|r| r.user.as_str())
                .collect();
            if !elsewhere.is_empty() {
                say!();
                say!(
                    "Changed by someone else since ADPhoto wrote them ({}): {}",
                    elsewhere.len(),
                    elsewhere.join(", ")
                );
            }
            if let Some(csv) = &args.csv {
                say!();
                say!("Every user, with sizes: {}", csv.display());
            }
        }
        exit::of_items(totals.unreadable > 0)
    })
}

fn show(item: &TaskItem, output: &OutputArgs) {
    if output.json {
        print_json(item);
    } else if item.is_failure() {
        let kind = item.error.as_ref().map(|e| e.kind().name()).unwrap_or_default();
        tell!("error: {}: {} [{kind}]", item.user, item.reason);
    } else if !output.quiet {
        say!("  {:<9} {}: {}", item.status.name(), item.user, item.reason);
    }
}

fn finish(items: &[TaskItem], output: &OutputArgs) -> i32 {
    if let Err(e) = write_report(output.report.as_deref(), items) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    exit::of_items(items.iter().any(TaskItem::is_failure))
}
