//! `adphoto account-picture`: the Windows account picture of one user (or the current
//! one), in every size, from the best photo available.

use std::path::PathBuf;

use clap::Args;

use adphoto_app::account_picture::{run_sync, SourceKind, SyncItem, SyncRequest, UserRef};
use adphoto_core::cancel::Cancel;
use adphoto_core::photo::Limits;

use crate::connect::ConnectArgs;
use crate::directories::{graph_options, ldap_options};
use crate::exit;
use crate::summary::{print_json, write_report};

#[derive(Args)]
#[command(after_help = "\
Sources, best first: the photo file (--photo, or <user>.jpg / <SID>.jpg in --photo-dir), \
the directory's jpegPhoto, the Microsoft 365 photo (with --tenant, --client-id and a secret \
or certificate; the user looked up by --user, a UPN or mail), then thumbnailPhoto. \
Nothing is written when the photo and the settings have not changed since the last sync. \
On Windows (run as SYSTEM) it writes C:\\ProgramData\\AccountPictures\\<SID>\\Image<N>.jpg and \
HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\AccountPicture\\Users\\<SID>; with --root \
(required elsewhere) it writes under that folder and into <root>/registry.json.")]
pub struct AccountPictureArgs {
    /// The user's SID (default on Windows: the user running adphoto).
    #[arg(long, value_name = "SID")]
    pub sid: Option<String>,
    /// The account name (sAMAccountName or DOMAIN\name), looked up in the directory and
    /// in --photo-dir.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// The user's photo file (the best source when given).
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,
    /// A folder of HD photos named after the account or the SID (jsmith.jpg).
    #[arg(long, value_name = "DIR")]
    pub photo_dir: Option<PathBuf>,
    /// Sources to try, in order (repeatable): file, jpegPhoto, graph, thumbnailPhoto.
    #[arg(long = "source", value_name = "KIND", value_parser = parse_source)]
    pub sources: Vec<SourceKind>,
    /// Write under this folder (standing for C:\) and into a registry stand-in file,
    /// instead of ProgramData and the registry.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// JPEG quality 1-100 (default 90).
    #[arg(long, value_name = "Q")]
    pub quality: Option<u8>,
    /// Refuse images with more pixels than this (decompression bombs).
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_PIXELS)]
    pub max_pixels: u64,
    /// Show what would be written and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// Rewrite the pictures even when nothing changed.
    #[arg(long)]
    pub force: bool,
    /// Put back the previous set of pictures (kept by every change).
    #[arg(long, conflicts_with_all = ["force", "photo", "photo_dir"])]
    pub rollback: bool,
}

fn parse_source(s: &str) -> Result<SourceKind, String> {
    s.parse()
}

pub fn run(args: AccountPictureArgs, connect: &ConnectArgs, output: &crate::cli::OutputArgs) -> i32 {
    let request = match request(&args, connect) {
        Ok(r) => r,
        Err(e) => return exit::usage(e),
    };
    let mut items: Vec<SyncItem> = Vec::new();
    let result = run_sync(&request, &Cancel::default(), |item| {
        show(item, output.json, output.quiet);
        items.push(item.clone());
    });
    if let Err(e) = write_report(output.report.as_deref(), &items) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    match result {
        Err(e) => exit::usage(e),
        Ok(totals) if totals.failures > 0 => exit::SOME_FAILED,
        Ok(_) => exit::OK,
    }
}

fn request(args: &AccountPictureArgs, connect: &ConnectArgs) -> Result<SyncRequest, String> {
    let mut request = SyncRequest {
        photo_dir: args.photo_dir.clone(),
        root: args.root.clone(),
        quality: args.quality,
        what_if: args.what_if,
        force: args.force,
        rollback: args.rollback,
        ..SyncRequest::default()
    };
    request.limits.max_pixels = args.max_pixels;
    if !args.sources.is_empty() {
        request.sources = args.sources.clone();
    }
    // Each directory source sets its own attribute.
    if let Some(server) = &connect.ldap.server {
        request.directory = Some(ldap_options(server, connect)?);
    }
    // The Microsoft 365 photo (the graph source), when a tenant is named.
    if connect.graph.tenant.is_some() {
        request.graph = Some(graph_options(None, connect)?);
    }
    match &args.sid {
        Some(sid) => request.users.push(UserRef {
            sid: sid.clone(),
            user: args.user.clone(),
            photo: args.photo.clone(),
        }),
        None if args.user.is_some() || args.photo.is_some() => {
            return Err("--user and --photo need the user's --sid (it names the folder and the registry key)".into())
        }
        None => {} // the current user (Windows)
    }
    Ok(request)
}

fn show(item: &SyncItem, json: bool, quiet: bool) {
    if json {
        print_json(item);
    }
    let who = match &item.user {
        Some(u) => format!("{u} ({})", item.sid),
        None => item.sid.clone(),
    };
    for w in &item.warnings {
        tell!("warning: {who}: {w}");
    }
    if let Some(e) = &item.error {
        tell!("error: {who}: {} [{}]", e.message(), e.kind());
    } else if item.status.needs_attention() {
        tell!("error: {who}: {} [{}]", item.reason, item.status.name());
    } else if !json && !quiet {
        say!("{:<15} {who}: {}", item.status.name(), item.reason);
        if !item.files.is_empty() {
            say!("{:<15} {} sizes in {}", "", item.files.len(), item.folder);
        }
    }
}
