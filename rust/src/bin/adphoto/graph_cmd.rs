//! `adphoto graph set | get | export | remove | report | restore`: the same jobs as for
//! a directory server, on a Microsoft 365 tenant through Microsoft Graph.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use adphoto::bulk::Backend;
use adphoto::graph::{GraphDirectory, GraphOptions, NationalCloud};
use adphoto::secret::Secret;

use crate::cli::{OutputArgs, PhotoSourceArgs, PhotoTuning};
use crate::exit;
use crate::set_cmd::{execute, run_folder, Execution};
use crate::tasks_cmd::{export_from, get_from, on_connected, remove_from, report_from, restore_from};

/// The default environment variable for the client secret.
const SECRET_VARIABLE: &str = "ADPHOTO_CLIENT_SECRET";

#[derive(Args)]
pub struct GraphArgs {
    #[command(subcommand)]
    pub command: GraphCommand,
}

#[derive(Subcommand)]
pub enum GraphCommand {
    /// Set the photos of the matched users (648x648), uploading only what changed.
    Set(GraphSetArgs),
    /// Save one user's photo to a file.
    Get(GraphGetArgs),
    /// Save every user's photo to a folder, with a mapping CSV.
    Export(GraphExportArgs),
    /// Remove users' photos (each one backed up first).
    Remove(GraphRemoveArgs),
    /// Who has a photo and who has not.
    Report(GraphReportArgs),
    /// Put back the photos a run replaced or removed, from its backup folder.
    Restore(GraphRestoreArgs),
}

/// How to reach the tenant and sign in as its app registration.
#[derive(Args, Clone)]
pub struct GraphConnectArgs {
    /// The tenant: its id or a verified domain (contoso.onmicrosoft.com).
    #[arg(long, value_name = "TENANT")]
    pub tenant: String,
    /// The app registration's application (client) id.
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// Read the client secret from this environment variable (default:
    /// ADPHOTO_CLIENT_SECRET). A secret is never taken from the command line.
    #[arg(long, value_name = "VAR")]
    pub client_secret_env: Option<String>,
    /// Read the client secret from the first line of this file.
    #[arg(long, value_name = "FILE", conflicts_with = "client_secret_env")]
    pub client_secret_file: Option<PathBuf>,
    /// Sign in with the app's certificate instead of a secret: a PEM file (certificate
    /// and private key) or a PFX.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["client_secret_env", "client_secret_file"])]
    pub certificate: Option<PathBuf>,
    /// The certificate's private key (PEM), when not in the --certificate file.
    #[arg(long, value_name = "FILE", requires = "certificate")]
    pub certificate_key: Option<PathBuf>,
    /// Read the PFX password from this environment variable.
    #[arg(long, value_name = "VAR", requires = "certificate")]
    pub certificate_password_env: Option<String>,
    /// Read the PFX password from the first line of this file.
    #[arg(
        long,
        value_name = "FILE",
        requires = "certificate",
        conflicts_with = "certificate_password_env"
    )]
    pub certificate_password_file: Option<PathBuf>,
    /// The Microsoft cloud: global, usgov (GCC High), usgov-dod or china.
    #[arg(long, value_name = "CLOUD", default_value = "global")]
    pub cloud: NationalCloud,
    /// The sign-in endpoint, replacing the cloud's (https://login.microsoftonline.com).
    #[arg(long, value_name = "URL")]
    pub login_url: Option<String>,
    /// The Graph endpoint, replacing the cloud's (https://graph.microsoft.com).
    #[arg(long, value_name = "URL")]
    pub graph_url: Option<String>,
    /// Include disabled accounts.
    #[arg(long)]
    pub include_disabled: bool,
    /// Requests in flight at once (default 4, Exchange's limit per app).
    #[arg(long, value_name = "N")]
    pub connections: Option<usize>,
    /// Seconds to wait for an answer before retrying (default 60).
    #[arg(long, value_name = "S")]
    pub timeout: Option<u64>,
    /// Trust this CA certificate (PEM) as well as the system's (a TLS-inspecting proxy).
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Allow plain http:// endpoints that are not on this machine (tokens and photos
    /// travel in the clear).
    #[arg(long)]
    pub insecure: bool,
}

#[derive(Args)]
pub struct GraphSetArgs {
    #[command(flatten)]
    pub on: GraphConnectArgs,
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
pub struct GraphGetArgs {
    #[command(flatten)]
    pub on: GraphConnectArgs,
    /// The user: UPN, mail, object id or employee id.
    #[arg(value_name = "USER")]
    pub user: String,
    /// File to write the photo to.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GraphExportArgs {
    #[command(flatten)]
    pub on: GraphConnectArgs,
    /// Folder to write <user>.jpg files and photos.csv into.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GraphRemoveArgs {
    #[command(flatten)]
    pub on: GraphConnectArgs,
    /// The users whose photo goes: UPNs, mails, object ids or employee ids.
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
pub struct GraphReportArgs {
    #[command(flatten)]
    pub on: GraphConnectArgs,
    /// Also write the report as a CSV (opens in Excel).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct GraphRestoreArgs {
    #[command(flatten)]
    pub on: GraphConnectArgs,
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

pub fn run(args: GraphArgs) -> i32 {
    match args.command {
        GraphCommand::Set(a) => set(a),
        GraphCommand::Get(a) => on_connected(connect(&a.on), |dir| get_from(dir, &a.user, &a.out, &a.output)),
        GraphCommand::Export(a) => on_connected(connect(&a.on), |dir| export_from(dir, &a.out_dir, &a.output)),
        GraphCommand::Remove(a) => on_connected(connect(&a.on), |dir| {
            // One $batch per twenty users, rather than a lookup each.
            dir.resolve(&a.users);
            remove_from(dir, &a.users, a.what_if, a.backup_dir.clone(), &a.output)
        }),
        GraphCommand::Report(a) => on_connected(connect(&a.on), |dir| {
            let heading = format!("Microsoft 365 photos at {}", dir.url());
            report_from(dir, &heading, a.csv.as_deref(), &a.output)
        }),
        GraphCommand::Restore(a) => on_connected(connect(&a.on), |dir| {
            restore_from(dir, &a.backup_dir, &a.users, a.what_if, &a.output)
        }),
    }
}

fn set(args: GraphSetArgs) -> i32 {
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

/// The library's options from the command line. Secrets come from the environment or
/// a file (or a prompt on a terminal), never from an argument.
pub fn graph_options(on: &GraphConnectArgs) -> Result<GraphOptions, String> {
    let mut o = GraphOptions::new(on.tenant.trim(), on.client_id.trim());
    o.cloud = on.cloud;
    o.login_url = on.login_url.clone();
    o.graph_url = on.graph_url.clone();
    o.include_disabled = on.include_disabled;
    o.ca_cert = on.ca_cert.clone();
    o.insecure = on.insecure;
    if let Some(c) = on.connections {
        o.connections = c;
    }
    if let Some(t) = on.timeout {
        o.timeout_secs = t;
    }
    match &on.certificate {
        Some(cert) => {
            o.certificate = Some(cert.clone());
            o.certificate_key = on.certificate_key.clone();
            o.certificate_password = match (&on.certificate_password_file, &on.certificate_password_env) {
                (Some(f), _) => Some(Secret::from_file(f).map_err(|e| e.0)?),
                (None, Some(v)) => Some(Secret::from_env(v).map_err(|e| e.0)?),
                (None, None) => None,
            };
        }
        None => o.client_secret = Some(client_secret(on)?),
    }
    Ok(o)
}

/// `--client-secret-file`, then `--client-secret-env`, then $ADPHOTO_CLIENT_SECRET,
/// then a prompt on a terminal.
fn client_secret(on: &GraphConnectArgs) -> Result<Secret, String> {
    if let Some(file) = &on.client_secret_file {
        return Secret::from_file(file).map_err(|e| e.0.replace("password", "client secret"));
    }
    if let Some(var) = &on.client_secret_env {
        return Secret::from_env(var).map_err(|e| e.0);
    }
    if let Ok(s) = Secret::from_env(SECRET_VARIABLE) {
        return Ok(s);
    }
    if std::io::stdin().is_terminal() {
        return Secret::prompt(&format!("Client secret for {}: ", on.client_id)).map_err(|e| e.0);
    }
    Err(format!(
        "no client secret: set {SECRET_VARIABLE}, or use --client-secret-env, --client-secret-file or \
         --certificate (a secret is never taken from the command line)"
    ))
}

/// Signs in; `Err` is the exit code, the problem already reported.
fn connect(on: &GraphConnectArgs) -> Result<GraphDirectory, i32> {
    let options = graph_options(on).map_err(exit::usage)?;
    GraphDirectory::connect(options).map_err(|e| {
        if e.kind == "options" {
            exit::usage(e)
        } else {
            tell!("error: {e} [{}]", e.kind);
            exit::SOME_FAILED
        }
    })
}
