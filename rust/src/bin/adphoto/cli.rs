//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use adphoto::bulk::{PhotoOverrides, TargetSpec};
use adphoto::photo::{Fit, Limits, Preset};

#[derive(Parser)]
#[command(
    name = "adphoto",
    version,
    about = "Bulk user photos for Active Directory, LDAP, Microsoft 365, Google Workspace and Windows account pictures",
    after_help = "Exit codes: 0 all done, 1 some items failed (each is reported), 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Turn photo files into square, upright, metadata-free JPEGs for each target.
    Convert(ConvertArgs),
    /// Pair photo files with users and report what fits whom (changes nothing).
    Match(MatchArgs),
    /// Show what `set` would do, without writing anything (same as `set --what-if`).
    Plan(SetArgs),
    /// Set the photos of the matched users on a target, writing only what changed.
    Set(SetArgs),
    /// Save one user's photo from the directory to a file.
    Get(GetArgs),
    /// Save every photo in the directory to a folder, with a mapping CSV.
    Export(ExportArgs),
    /// Remove users' photos (each one backed up first).
    Remove(RemoveArgs),
    /// Who has a photo and who has not, with sizes and totals.
    Report(ReportArgs),
    /// Put back the photos a run replaced or removed, from its backup folder.
    Restore(RestoreArgs),
    /// Microsoft 365 / Entra ID (Microsoft Graph): set, get, export, remove, report, restore.
    Graph(crate::graph_cmd::GraphArgs),
    /// Google Workspace (Directory API): set, get, export, remove, report, restore.
    Google(crate::google_cmd::GoogleArgs),
    /// Set a user's Windows account picture (sign-in screen, Start) in every size.
    AccountPicture(crate::account_picture_cmd::AccountPictureArgs),
}

/// The directory and the photo attribute a task works on.
#[derive(Args, Clone)]
pub struct TaskDirectoryArgs {
    #[command(flatten)]
    pub directory: DirectoryArgs,
    /// The photo attribute: thumbnailPhoto (the default) or jpegPhoto.
    #[arg(long, value_name = "NAME", default_value = "thumbnailPhoto")]
    pub attribute: String,
}

#[derive(Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub on: TaskDirectoryArgs,
    /// The user: account name, UPN, mail or DN.
    #[arg(value_name = "USER")]
    pub user: String,
    /// File to write the photo to.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub on: TaskDirectoryArgs,
    /// Folder to write <user>.jpg files and photos.csv into.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub on: TaskDirectoryArgs,
    /// The users whose photo goes: account names, UPNs, mails or DNs.
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
pub struct ReportArgs {
    #[command(flatten)]
    pub on: TaskDirectoryArgs,
    /// Also write the report as a CSV (opens in Excel).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub on: TaskDirectoryArgs,
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

/// Where the users come from.
#[derive(Args, Clone)]
pub struct UsersArgs {
    /// A CSV of users (Get-ADUser/Get-MgUser export: SamAccountName, UserPrincipalName,
    /// mail, GivenName, Surname, EmployeeID, DistinguishedName, ...).
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
}

/// Which photos, and how their names fit users.
#[derive(Args, Clone)]
pub struct PhotoSourceArgs {
    /// Photo files or folders (searched recursively), matched to users by --pattern.
    #[arg(long = "photos", value_name = "PATH", conflicts_with = "map")]
    pub photos: Vec<PathBuf>,
    /// A CSV mapping users to files (AD_user,path_to_file / mail,path / ...).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Naming template over user attributes, e.g. {sAMAccountName} or {givenName}.{sn}.
    /// Repeat to try several in order. Default: {sAMAccountName}, {userPrincipalName},
    /// {mail}, {employeeID}, {givenName}.{sn}.
    #[arg(long = "pattern", value_name = "T")]
    pub patterns: Vec<String>,
    /// The encoding of the CSVs (--users, --map) when they have no byte-order mark:
    /// windows-1250, windows-1251, cp1252, iso-8859-2, utf-16le... Default: UTF-8 when
    /// the file is valid UTF-8, else detected from the content (with a warning).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<String>,
}

#[derive(Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub users: UsersArgs,
    #[command(flatten)]
    pub directory: DirectoryArgs,
    #[command(flatten)]
    pub photos: PhotoSourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How to reach and sign in to a directory server.
#[derive(Args, Clone, Default)]
pub struct DirectoryArgs {
    /// Directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    /// ldap://host with --starttls (or --insecure).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Upgrade a plain ldap:// connection with StartTLS.
    #[arg(long)]
    pub starttls: bool,
    /// Allow an unencrypted ldap:// connection (passwords travel in the clear).
    #[arg(long)]
    pub insecure: bool,
    /// Trust exactly this CA certificate (PEM) instead of the system's.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Sign in as a DN, user@realm or DOMAIN\user (password from ADPHOTO_PASSWORD,
    /// --password-env, --password-file, or a prompt). Without it: Kerberos, with the
    /// ticket of whoever runs adphoto.
    #[arg(long, value_name = "NAME")]
    pub bind: Option<String>,
    /// Read the password from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Read the password from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Where to look for users (default: the whole domain).
    #[arg(long, value_name = "DN")]
    pub search_base: Option<String>,
    /// Extra LDAP filter for the users, e.g. "(department=Science)".
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<String>,
    /// Include disabled accounts.
    #[arg(long)]
    pub include_disabled: bool,
    /// Connections used for writing (default 4).
    #[arg(long, value_name = "N")]
    pub connections: Option<usize>,
    /// Seconds to wait for the server before retrying (default 60).
    #[arg(long, value_name = "S")]
    pub timeout: Option<u64>,
}

#[derive(Args)]
pub struct SetArgs {
    #[command(flatten)]
    pub users: UsersArgs,
    #[command(flatten)]
    pub directory: DirectoryArgs,
    #[command(flatten)]
    pub photos: PhotoSourceArgs,
    /// Where to write: the --server's directory (the default), or ldif:FILE (for
    /// ldifde -i or ldapmodify).
    #[arg(long, value_name = "TARGET")]
    pub target: Option<TargetSpec>,
    /// The photo attribute: thumbnailPhoto (96x96, the default) or jpegPhoto (648x648).
    #[arg(long, value_name = "NAME", default_value = "thumbnailPhoto")]
    pub attribute: String,
    /// Show the plan and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// Write even the photos the target already has.
    #[arg(long)]
    pub force: bool,
    /// Folder for the backups of replaced photos and the run's journal (default: a
    /// dated folder under the user's data folder). Reusing it resumes that run.
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Continue the interrupted run whose backup folder is DIR (same as --backup-dir DIR,
    /// but DIR must exist).
    #[arg(long, value_name = "DIR", conflicts_with = "backup_dir")]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub tuning: PhotoTuning,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options that shape the photo, shared by every command that produces one.
#[derive(Args, Clone)]
pub struct PhotoArgs {
    /// Output profile: ad (96x96, <= 100 KB), hd (648x648), account-pictures (32..1080),
    /// google (256x256).
    /// Repeat to produce several from one decode.
    #[arg(long = "preset", value_name = "P", value_parser = parse_preset)]
    pub presets: Vec<Preset>,
    #[command(flatten)]
    pub tuning: PhotoTuning,
}

/// Changes to a preset's photo.
#[derive(Args, Clone)]
pub struct PhotoTuning {
    /// Output size in pixels, replacing the preset's sizes. Repeat for several.
    #[arg(long = "size", value_name = "N")]
    pub sizes: Vec<u32>,
    /// JPEG quality 1-100 (default 90).
    #[arg(long, value_name = "Q")]
    pub quality: Option<u8>,
    /// Byte budget per photo: quality, then size, is lowered until it fits.
    #[arg(long, value_name = "N")]
    pub max_bytes: Option<u64>,
    /// crop: keep the centred square; pad: keep everything, on white.
    #[arg(long, value_name = "crop|pad", default_value = "crop", value_parser = parse_fit)]
    pub fit: Fit,
    /// Refuse images with more pixels than this (decompression bombs).
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_PIXELS)]
    pub max_pixels: u64,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_bytes: u64,
    /// Refuse images whose decoding would hold more than this many bytes (formats
    /// other than JPEG are decoded at full size).
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_DECODE_BYTES)]
    pub max_decode_bytes: u64,
}

/// Options that every batch command shares.
#[derive(Args, Clone)]
pub struct OutputArgs {
    /// One JSON object per item on stdout instead of the readable report.
    #[arg(long)]
    pub json: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also write every item as a JSON line to FILE (a record of the run).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub photo: PhotoArgs,
    /// Folder to write the photos into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Photo files, or folders searched recursively for images.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    s.parse()
}

fn parse_fit(s: &str) -> Result<Fit, String> {
    s.parse()
}

/// The encoding's canonical name, checked now so a typo is a usage error.
fn parse_encoding(s: &str) -> Result<String, String> {
    adphoto::text::encoding_named(s).map(|e| e.name().to_string())
}

impl PhotoTuning {
    pub fn overrides(&self) -> PhotoOverrides {
        PhotoOverrides {
            sizes: self.sizes.clone(),
            quality: self.quality,
            max_bytes: self.max_bytes,
            fit: self.fit,
            max_pixels: Some(self.max_pixels),
            max_file_bytes: Some(self.max_file_bytes),
            max_decode_bytes: Some(self.max_decode_bytes),
        }
    }
}
