//! `adphoto get | export | remove | report | restore`.

use std::path::{Path, PathBuf};

use adphoto::atomic_file::write_atomically;
use adphoto::backup::default_run_folder;
use adphoto::cancel::Cancel;
use adphoto::ldap::LdapDirectory;
use adphoto::targets::PhotoTarget;
use adphoto::tasks::{
    export_photos, get_photo, photo_report, remove_photos, restore_photos, write_report_csv, PhotoLookup, TaskItem,
};
use adphoto::users::UserSource;

use crate::cli::{ExportArgs, GetArgs, OutputArgs, RemoveArgs, ReportArgs, RestoreArgs, TaskDirectoryArgs};
use crate::directory_args::ldap_options;
use crate::exit;
use crate::summary::{print_json, write_report};

/// Connects to the directory the task names; `Err` is the exit code already reported.
fn connect(on: &TaskDirectoryArgs) -> Result<LdapDirectory, i32> {
    let options = match ldap_options(&on.directory, &on.attribute) {
        Ok(Some(o)) => o,
        Ok(None) => return Err(exit::usage("--server is required")),
        Err(e) => return Err(exit::usage(e)),
    };
    LdapDirectory::connect(options).map_err(|e| {
        if e.kind == "usage" {
            exit::usage(e)
        } else {
            tell!("error: {e}");
            exit::SOME_FAILED
        }
    })
}

pub fn get(args: GetArgs) -> i32 {
    match connect(&args.on) {
        Ok(mut dir) => get_from(&mut dir, &args.user, &args.out, &args.output),
        Err(code) => code,
    }
}

/// Runs a task on a directory that connected; a failed connection is already reported
/// and its exit code returned.
pub fn on_connected<D>(connected: Result<D, i32>, task: impl FnOnce(&mut D) -> i32) -> i32 {
    match connected {
        Ok(mut dir) => task(&mut dir),
        Err(code) => code,
    }
}

/// `get` on any directory: one user's photo saved to `out`.
pub fn get_from(dir: &mut dyn PhotoLookup, identity: &str, out: &Path, output: &OutputArgs) -> i32 {
    match get_photo(dir, identity) {
        Ok(user) => {
            let Some(photo) = user.photos.first() else {
                tell!("error: {identity}: no photo [no-photo]");
                return exit::SOME_FAILED;
            };
            if let Err(e) = write_atomically(out, photo) {
                tell!("error: cannot write {}: {e}", out.display());
                return exit::SOME_FAILED;
            }
            let mut item = TaskItem::new(&user.name, "done", "photo saved");
            item.bytes = Some(photo.len() as u64);
            item.dn = Some(user.address);
            item.key = user.key;
            item.path = Some(out.display().to_string());
            finish(&[item], output)
        }
        Err(e) => {
            tell!("error: {identity}: {} [{}]", e.message, e.kind);
            exit::SOME_FAILED
        }
    }
}

pub fn export(args: ExportArgs) -> i32 {
    match connect(&args.on) {
        Ok(mut dir) => export_from(&mut dir, &args.out_dir, &args.output),
        Err(code) => code,
    }
}

/// `export` on any directory that lists its users with their photos.
pub fn export_from<D: UserSource + PhotoTarget>(dir: &mut D, out_dir: &Path, output: &OutputArgs) -> i32 {
    let optional: Vec<String> = adphoto::users::IDENTITY_ATTRIBUTES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let table = match dir.load(&[], &optional) {
        Ok(t) => t,
        Err(e) => {
            tell!("error: {e}");
            return exit::SOME_FAILED;
        }
    };
    // Every current photo, read in bulk where the directory must fetch them.
    let everyone: Vec<_> = table.ids().collect();
    dir.prefetch(&table, &everyone);
    let everyone: Vec<_> = table.ids().collect();
    dir.prefetch(&table, &everyone);
    let json = output.json;
    match export_photos(&table, &*dir, out_dir, |item| {
        if json {
            print_json(item);
        }
    }) {
        Ok(items) => {
            let failed = items.iter().filter(|i| i.error.is_some()).count();
            if !json && !output.quiet {
                say!(
                    "Exported {} photo(s) of {} user(s) to {} (photos.csv maps users to files){}.",
                    items.len() - failed,
                    table.len(),
                    out_dir.display(),
                    if failed > 0 {
                        format!("; {failed} failed")
                    } else {
                        String::new()
                    }
                );
            }
            for i in items.iter().filter(|i| i.error.is_some()) {
                tell!("error: {}: {}", i.user, i.error.as_deref().unwrap_or_default());
            }
            if let Err(e) = write_report(output.report.as_deref(), &items) {
                tell!("error: {e}");
                return exit::SOME_FAILED;
            }
            if failed > 0 {
                exit::SOME_FAILED
            } else {
                exit::OK
            }
        }
        Err(e) => {
            tell!("error: {e}");
            exit::SOME_FAILED
        }
    }
}

pub fn remove(args: RemoveArgs) -> i32 {
    match connect(&args.on) {
        Ok(mut dir) => remove_from(
            &mut dir,
            &args.users,
            args.what_if,
            args.backup_dir.clone(),
            &args.output,
        ),
        Err(code) => code,
    }
}

/// `remove` on any directory: each photo backed up in `backup_dir` first.
pub fn remove_from(
    dir: &mut dyn PhotoLookup,
    users: &[String],
    what_if: bool,
    backup_dir: Option<PathBuf>,
    output: &OutputArgs,
) -> i32 {
    let folder = backup_dir.unwrap_or_else(default_run_folder);
    let json = output.json;
    let items = remove_photos(dir, users, what_if, &folder, &Cancel::default(), |i| {
        show(i, json, output.quiet)
    });
    if !what_if && items.iter().any(|i| i.status == "done") && !output.quiet && !json {
        say!(
            "Removed photos are saved in {} (undo: adphoto restore --backup-dir \"{}\")",
            folder.display(),
            folder.display()
        );
    }
    finish_quietly(&items, output)
}

pub fn restore(args: RestoreArgs) -> i32 {
    match connect(&args.on) {
        Ok(mut dir) => restore_from(&mut dir, &args.backup_dir, &args.users, args.what_if, &args.output),
        Err(code) => code,
    }
}

/// `restore` on any directory: what it replaces now is backed up in turn.
pub fn restore_from(
    dir: &mut dyn PhotoLookup,
    backup_dir: &Path,
    users: &[String],
    what_if: bool,
    output: &OutputArgs,
) -> i32 {
    let folder = default_run_folder();
    let json = output.json;
    match restore_photos(dir, backup_dir, users, what_if, &folder, &Cancel::default(), |i| {
        show(i, json, output.quiet)
    }) {
        Ok(items) => {
            if items.is_empty() && !output.quiet {
                tell!(
                    "nothing to restore for {} in {}",
                    dir.describe_directory(),
                    backup_dir.display()
                );
            }
            if !what_if && items.iter().any(|i| i.status == "done") && !output.quiet && !json {
                say!("What the restore replaced is saved in {}.", folder.display());
            }
            finish_quietly(&items, output)
        }
        Err(e) => exit::usage(e),
    }
}

pub fn report(args: ReportArgs) -> i32 {
    match connect(&args.on) {
        Ok(mut dir) => {
            let heading = format!("{} at {}", args.on.attribute, dir.url());
            report_from(&mut dir, &heading, args.csv.as_deref(), &args.output)
        }
        Err(code) => code,
    }
}

/// `report` on any directory that lists its users with their photos.
pub fn report_from<D: UserSource + PhotoTarget>(
    dir: &mut D,
    heading: &str,
    csv: Option<&Path>,
    output: &OutputArgs,
) -> i32 {
    let optional: Vec<String> = adphoto::users::IDENTITY_ATTRIBUTES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let table = match dir.load(&[], &optional) {
        Ok(t) => t,
        Err(e) => {
            tell!("error: {e}");
            return exit::SOME_FAILED;
        }
    };
    // Every current photo, read in bulk where the directory must fetch them.
    let everyone: Vec<_> = table.ids().collect();
    dir.prefetch(&table, &everyone);
    let everyone: Vec<_> = table.ids().collect();
    dir.prefetch(&table, &everyone);
    let (rows, totals) = photo_report(&table, &*dir);
    if let Some(csv) = csv {
        if let Err(e) = write_report_csv(csv, &rows) {
            tell!("error: {e}");
            return exit::SOME_FAILED;
        }
    }
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
        say!("  {:<20}{:>8.1} KB", "total", totals.total_bytes as f64 / 1024.0);
        if totals.with_photo > 0 {
            say!(
                "  {:<20}{:>8.1} KB",
                "average",
                totals.total_bytes as f64 / 1024.0 / totals.with_photo as f64
            );
            say!("  {:<20}{:>8.1} KB", "largest", totals.largest_bytes as f64 / 1024.0);
        }
        if let Some(csv) = csv {
            say!();
            say!("Every user, with sizes: {}", csv.display());
        }
    }
    exit::OK
}

fn show(item: &TaskItem, json: bool, quiet: bool) {
    if json {
        print_json(item);
    } else if item.is_failure() {
        let kind = item.error.as_ref().map(|e| e.kind.as_str()).unwrap_or_default();
        tell!("error: {}: {} [{kind}]", item.user, item.reason);
    } else if !quiet {
        say!("  {:<9} {}: {}", item.status, item.user, item.reason);
    }
}

fn finish(items: &[TaskItem], output: &OutputArgs) -> i32 {
    for i in items {
        show(i, output.json, output.quiet);
    }
    finish_quietly(items, output)
}

fn finish_quietly(items: &[TaskItem], output: &OutputArgs) -> i32 {
    if let Err(e) = write_report(output.report.as_deref(), items) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    if items.iter().any(TaskItem::is_failure) {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}
