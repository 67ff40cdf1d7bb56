//! `adphoto get | export | remove | report | restore`.

use adphoto::atomic_file::write_atomically;
use adphoto::backup::default_run_folder;
use adphoto::cancel::Cancel;
use adphoto::ldap::LdapDirectory;
use adphoto::tasks::{
    export_photos, get_photo, photo_report, remove_photos, restore_photos, write_report_csv, TaskItem,
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
            eprintln!("error: {e}");
            exit::SOME_FAILED
        }
    })
}

pub fn get(args: GetArgs) -> i32 {
    let mut dir = match connect(&args.on) {
        Ok(d) => d,
        Err(code) => return code,
    };
    match get_photo(&mut dir, &args.user) {
        Ok(user) => {
            if let Err(e) = write_atomically(&args.out, &user.photos[0]) {
                eprintln!("error: cannot write {}: {e}", args.out.display());
                return exit::SOME_FAILED;
            }
            let mut item = TaskItem::new(&user.name, "done", "photo saved");
            item.dn = Some(user.address);
            item.key = user.key;
            item.bytes = Some(user.photos[0].len() as u64);
            item.path = Some(args.out.display().to_string());
            finish(&[item], &args.output)
        }
        Err(e) => {
            eprintln!("error: {}: {} [{}]", args.user, e.message, e.kind);
            exit::SOME_FAILED
        }
    }
}

pub fn export(args: ExportArgs) -> i32 {
    let mut dir = match connect(&args.on) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let optional: Vec<String> = adphoto::users::IDENTITY_ATTRIBUTES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let table = match dir.load(&[], &optional) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::SOME_FAILED;
        }
    };
    let json = args.output.json;
    match export_photos(&table, &dir, &args.out_dir, |item| {
        if json {
            print_json(item);
        }
    }) {
        Ok(items) => {
            let failed = items.iter().filter(|i| i.error.is_some()).count();
            if !json && !args.output.quiet {
                println!(
                    "Exported {} photo(s) of {} user(s) to {} (photos.csv maps users to files){}.",
                    items.len() - failed,
                    table.len(),
                    args.out_dir.display(),
                    if failed > 0 {
                        format!("; {failed} failed")
                    } else {
                        String::new()
                    }
                );
            }
            for i in items.iter().filter(|i| i.error.is_some()) {
                eprintln!("error: {}: {}", i.user, i.error.as_deref().unwrap_or_default());
            }
            if let Err(e) = write_report(args.output.report.as_deref(), &items) {
                eprintln!("error: {e}");
                return exit::SOME_FAILED;
            }
            if failed > 0 {
                exit::SOME_FAILED
            } else {
                exit::OK
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::SOME_FAILED
        }
    }
}

pub fn remove(args: RemoveArgs) -> i32 {
    let mut dir = match connect(&args.on) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let folder = args.backup_dir.clone().unwrap_or_else(default_run_folder);
    let json = args.output.json;
    let items = remove_photos(&mut dir, &args.users, args.what_if, &folder, &Cancel::default(), |i| {
        show(i, json, args.output.quiet)
    });
    if !args.what_if && items.iter().any(|i| i.status == "done") && !args.output.quiet && !json {
        println!(
            "Removed photos are saved in {} (undo: adphoto restore --backup-dir \"{}\")",
            folder.display(),
            folder.display()
        );
    }
    finish_quietly(&items, &args.output)
}

pub fn restore(args: RestoreArgs) -> i32 {
    let mut dir = match connect(&args.on) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let folder = default_run_folder();
    let json = args.output.json;
    match restore_photos(
        &mut dir,
        &args.backup_dir,
        &args.users,
        args.what_if,
        &folder,
        &Cancel::default(),
        |i| show(i, json, args.output.quiet),
    ) {
        Ok(items) => {
            if items.is_empty() && !args.output.quiet {
                eprintln!("nothing to restore for {} in {}", dir.url(), args.backup_dir.display());
            }
            if !args.what_if && items.iter().any(|i| i.status == "done") && !args.output.quiet && !json {
                println!("What the restore replaced is saved in {}.", folder.display());
            }
            finish_quietly(&items, &args.output)
        }
        Err(e) => exit::usage(e),
    }
}

pub fn report(args: ReportArgs) -> i32 {
    let mut dir = match connect(&args.on) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let optional: Vec<String> = adphoto::users::IDENTITY_ATTRIBUTES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let table = match dir.load(&[], &optional) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::SOME_FAILED;
        }
    };
    let (rows, totals) = photo_report(&table, &dir);
    if let Some(csv) = &args.csv {
        if let Err(e) = write_report_csv(csv, &rows) {
            eprintln!("error: {e}");
            return exit::SOME_FAILED;
        }
    }
    if let Err(e) = write_report(args.output.report.as_deref(), &rows) {
        eprintln!("error: {e}");
        return exit::SOME_FAILED;
    }
    if args.output.json {
        rows.iter().for_each(print_json);
    } else if !args.output.quiet {
        println!("{} at {}\n", args.on.attribute, dir.url());
        println!("  {:<20}{:>8}", "users", totals.users);
        println!("  {:<20}{:>8}", "with a photo", totals.with_photo);
        println!("  {:<20}{:>8}", "without a photo", totals.without_photo);
        println!("  {:<20}{:>8.1} KB", "total", totals.total_bytes as f64 / 1024.0);
        if totals.with_photo > 0 {
            println!(
                "  {:<20}{:>8.1} KB",
                "average",
                totals.total_bytes as f64 / 1024.0 / totals.with_photo as f64
            );
            println!("  {:<20}{:>8.1} KB", "largest", totals.largest_bytes as f64 / 1024.0);
        }
        if let Some(csv) = &args.csv {
            println!("\nEvery user, with sizes: {}", csv.display());
        }
    }
    exit::OK
}

fn show(item: &TaskItem, json: bool, quiet: bool) {
    if json {
        print_json(item);
    } else if item.is_failure() {
        let kind = item.error.as_ref().map(|e| e.kind.as_str()).unwrap_or_default();
        eprintln!("error: {}: {} [{kind}]", item.user, item.reason);
    } else if !quiet {
        println!("  {:<9} {}: {}", item.status, item.user, item.reason);
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
        eprintln!("error: {e}");
        return exit::SOME_FAILED;
    }
    if items.iter().any(TaskItem::is_failure) {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}
