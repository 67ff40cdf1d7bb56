//! `adphoto google set | get | export | remove | report | restore`: the same jobs as
//! for a directory server, on a Google Workspace domain through the Directory API.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use adphoto::bulk::Backend;
use adphoto::google::{GoogleDirectory, GoogleOptions};

use crate::cli::{OutputArgs, PhotoSourceArgs, PhotoTuning};
use crate::exit;
use crate::set_cmd::{execute, run_folder, Execution};
use crate::tasks_cmd::{export_from, get_from, on_connected, remove_from, report_from, restore_from};

/// Google's own variable for a service account key file.
const KEY_FILE_VARIABLE: &str = "GOOGLE_APPLICATION_CREDENTIALS";

#[derive(Args)]
pub struct GoogleArgs {
    #[command(subcommand)]
    pub command: GoogleCommand,
}

#[derive(Subcommand)]
pub enum GoogleCommand {
    /// Set the photos of the matched users, uploading only what changed.
    Set(GoogleSetArgs),
    /// Save one user's photo to a file.
    Get(GoogleGetArgs),
    /// Save every user's photo to a folder, with a mapping CSV.
    Export(GoogleExportArgs),
    /// Remove users' photos (each one backed up first).
    Remove(GoogleRemoveArgs),
    /// Who has a photo and who has not.
    Report(GoogleReportArgs),
    /// Put back the photos a run replaced or removed, from its backup folder.
    Restore(GoogleRestoreArgs),
}

/// How to reach the domain and sign in: a service account with domain-wide
/// delegation, acting as an administrator.
#[derive(Args, Clone)]
pub struct GoogleConnectArgs {
    /// The service account's JSON key file (default: $GOOGLE_APPLICATION_CREDENTIALS).
    /// It holds a private key: keep it readable by the administrators only.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// The administrator the service account acts as, e.g. admin@school.org.
    #[arg(long, value_name = "EMAIL")]
    pub subject: String,
    /// The Workspace customer id (default: the subject's own, my_customer).
    #[arg(long, value_name = "ID")]
    pub customer: Option<String>,
    /// Only users of this domain.
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Only users of this organisational unit and the units below it, e.g. /Staff.
    #[arg(long, value_name = "PATH")]
    pub org_unit: Option<String>,
    /// Include suspended users.
    #[arg(long)]
    pub include_suspended: bool,
    /// The OAuth token endpoint (default: the key file's token_uri).
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// The Directory API's base URL (default: https://admin.googleapis.com).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// Requests in flight at once (default 4).
    #[arg(long, value_name = "N")]
    pub connections: Option<usize>,
    /// Seconds to wait for an answer before retrying (default 60).
    #[arg(long, value_name = "S")]
    pub timeout: Option<u64>,
}

#[derive(Args)]
pub struct GoogleSetArgs {
    #[command(flatten)]
    pub on: GoogleConnectArgs,
    #[command(flatten)]
    pub photos: PhotoSourceArgs,
    /// Show the plan and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// Upload even the photos the users already have.
    #[arg(long)]
    pub force: bool,
    /// Folder for the backups of replaced photos and the run's journal (default: a
    /// dated folder under the user's data folder). Reusing it resumes that run.
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Continue the interrupted run whose backup folder is DIR.
    #[arg(long, value_name = "DIR", conflicts_with = "backup_dir")]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub tuning: PhotoTuning,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GoogleGetArgs {
    #[command(flatten)]
    pub on: GoogleConnectArgs,
    /// The user: primary email, alias, Google id or employee id.
    #[arg(value_name = "USER")]
    pub user: String,
    /// File to write the photo to.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GoogleExportArgs {
    #[command(flatten)]
    pub on: GoogleConnectArgs,
    /// Folder to write <user>.jpg files and photos.csv into.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GoogleRemoveArgs {
    #[command(flatten)]
    pub on: GoogleConnectArgs,
    /// The users whose photo goes (their own self-set photo included).
    #[arg(value_name = "USER", required = true)]
    pub users: Vec<String>,
    /// Show what would be removed and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// Folder for the backups of the removed photos (default: a dated folder).
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GoogleReportArgs {
    #[command(flatten)]
    pub on: GoogleConnectArgs,
    /// Also write the report as a CSV (opens in Excel).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GoogleRestoreArgs {
    #[command(flatten)]
    pub on: GoogleConnectArgs,
    /// The run folder to restore from (printed by set, remove and restore).
    #[arg(long, value_name = "DIR")]
    pub backup_dir: PathBuf,
    /// Restore only these users (default: everyone in the backup).
    #[arg(value_name = "USER")]
    pub users: Vec<String>,
    /// Show what would be restored and change nothing.
    #[arg(long)]
    pub what_if: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: GoogleArgs) -> i32 {
    match args.command {
        GoogleCommand::Set(a) => set(a),
        GoogleCommand::Get(a) => on_connected(connect(&a.on), |dir| get_from(dir, &a.user, &a.out, &a.output)),
        GoogleCommand::Export(a) => on_connected(connect(&a.on), |dir| export_from(dir, &a.out_dir, &a.output)),
        GoogleCommand::Remove(a) => on_connected(connect(&a.on), |dir| {
            remove_from(dir, &a.users, a.what_if, a.backup_dir.clone(), &a.output)
        }),
        GoogleCommand::Report(a) => on_connected(connect(&a.on), |dir| {
            let heading = format!("Google Workspace photos at {}", dir.url());
            report_from(dir, &heading, a.csv.as_deref(), &a.output)
        }),
        GoogleCommand::Restore(a) => on_connected(connect(&a.on), |dir| {
            restore_from(dir, &a.backup_dir, &a.users, a.what_if, &a.output)
        }),
    }
}

fn set(args: GoogleSetArgs) -> i32 {
    let folder = match run_folder(&args.resume, &args.backup_dir) {
        Ok(f) => f,
        Err(e) => return exit::usage(e),
    };
    let dir = match connect(&args.on) {
        Ok(d) => d,
        Err(code) => return code,
    };
    execute(
        Backend::Joint(Box::new(dir)),
        Execution {
            photos: &args.photos,
            tuning: &args.tuning,
            output: &args.output,
            force: args.force,
            what_if: args.what_if,
            folder,
        },
    )
}

/// The library's options from the command line; the key file is named, never given.
pub fn google_options(on: &GoogleConnectArgs) -> Result<GoogleOptions, String> {
    let key_file = match &on.key_file {
        Some(f) => f.clone(),
        None => match std::env::var_os(KEY_FILE_VARIABLE).filter(|v| !v.is_empty()) {
            Some(f) => PathBuf::from(f),
            None => {
                return Err(format!(
                    "no service account key: give --key-file FILE or set {KEY_FILE_VARIABLE}"
                ))
            }
        },
    };
    let mut o = GoogleOptions::new(key_file, on.subject.trim());
    o.customer = on.customer.clone();
    o.domain = on.domain.clone();
    o.org_unit = on.org_unit.clone();
    o.include_suspended = on.include_suspended;
    o.token_url = on.token_url.clone();
    o.api_url = on.api_url.clone();
    if let Some(c) = on.connections {
        o.connections = c;
    }
    if let Some(t) = on.timeout {
        o.timeout_secs = t;
    }
    Ok(o)
}

/// Signs in; `Err` is the exit code, the problem already reported.
fn connect(on: &GoogleConnectArgs) -> Result<GoogleDirectory, i32> {
    let options = google_options(on).map_err(exit::usage)?;
    GoogleDirectory::connect(options).map_err(|e| {
        if e.kind == "usage" {
            exit::usage(e)
        } else {
            tell!("error: {e} [{}]", e.kind);
            exit::SOME_FAILED
        }
    })
}
