//! The command line, as clap parses it: one set of verbs for every service, the
//! service chosen by an address (`--to ldaps://dc1`, `--to graph:TENANT`,
//! `--to google:DOMAIN`, `--to ldif:FILE`). Each service's sign-in options are one
//! block (`connect.rs`) that every verb accepts. `adphoto graph VERB` and
//! `adphoto google VERB` keep the spellings of earlier versions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use adphoto_app::PhotoOverrides;
use adphoto_core::photo::{Fit, FramingMode, Limits, Preset};

use crate::address::{Address, AddressArg};
use crate::connect::ConnectArgs;

#[derive(Parser)]
#[command(
    name = "adphoto",
    version,
    about = "Bulk user photos for Active Directory, LDAP, Microsoft 365, Google Workspace and Windows account pictures",
    after_help = "Addresses: ldaps://dc1.school.org (or dc1.school.org), ldap://host --starttls, \
                  graph:contoso.onmicrosoft.com, google:school.org (google: for every domain), \
                  ldif:photos.ldif, csv:users.csv.\n\
                  Exit codes: 0 all done, 1 some items failed (each is reported), 2 usage error."
)]
pub struct Cli {
    #[command(flatten)]
    pub connect: ConnectArgs,
    #[command(flatten)]
    pub output: OutputArgs,
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
    Plan(Box<SetArgs>),
    #[command(flatten)]
    Verb(Verb),
    /// Microsoft 365 / Entra ID (the same verbs, for the tenant --tenant names).
    Graph(ServiceArgs),
    /// Google Workspace (the same verbs, for the domain --subject administers).
    Google(ServiceArgs),
    /// Copy photos from one service to others (Microsoft 365's HD photo into AD, AD's
    /// gaps filled, one service into several), converted for each target.
    Sync(Box<crate::sync_cmd::SyncArgs>),
    /// Set a user's Windows account picture (sign-in screen, Start) in every size.
    AccountPicture(crate::account_picture_cmd::AccountPictureArgs),
}

/// The verbs that work on a directory, whichever it is.
#[derive(Subcommand)]
pub enum Verb {
    /// Set the photos of the matched users, writing only what changed.
    Set(Box<SetArgs>),
    /// Save one user's photo to a file.
    Get(GetArgs),
    /// Save every photo to a folder, with a mapping CSV that --map reads back.
    Export(ExportArgs),
    /// Remove users' photos (each one backed up first).
    Remove(RemoveArgs),
    /// Who has a photo and who has not, with sizes and totals.
    Report(ReportArgs),
    /// Put back the photos a run replaced or removed, from its backup folder.
    Restore(RestoreArgs),
}

#[derive(Args)]
pub struct ServiceArgs {
    #[command(subcommand)]
    pub verb: Verb,
}

/// Where a verb works: its address, for every verb the same.
#[derive(Args, Clone, Default)]
pub struct WhereArgs {
    /// The directory: ldaps://dc1 (or dc1), graph:TENANT, google:DOMAIN, ldif:FILE.
    #[arg(long, value_name = "ADDRESS", visible_alias = "from", value_parser = AddressArg::TARGET)]
    pub to: Option<Address>,
}

#[derive(Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub at: WhereArgs,
    /// The user: account name, UPN, mail, employee id, object id or DN.
    #[arg(value_name = "USER")]
    pub user: String,
    /// File to write the photo to.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub at: WhereArgs,
    /// Folder to write <user>.jpg files and photos.csv into.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}

#[derive(Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub at: WhereArgs,
    /// The users whose photo goes: account names, UPNs, mails, ids or DNs.
    #[arg(value_name = "USER", required = true)]
    pub users: Vec<String>,
    /// Show what would be removed and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// Folder for the backups of the removed photos (default: a dated folder).
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub at: WhereArgs,
    /// Also write the report as a CSV (opens in Excel).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
}

#[derive(Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub at: WhereArgs,
    /// The run folder to restore from (printed by set, remove and restore).
    #[arg(long, value_name = "DIR")]
    pub backup_dir: PathBuf,
    /// Restore only these users (default: everyone in the backup).
    #[arg(value_name = "USER")]
    pub users: Vec<String>,
    /// Show what would be restored and change nothing.
    #[arg(long)]
    pub what_if: bool,
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
    /// Repeat to try several in order; one whose attributes a directory lacks matches
    /// nothing there. Default: {sAMAccountName}, {userPrincipalName}, {mail},
    /// {employeeID}, {givenName}.{sn}.
    #[arg(long = "pattern", value_name = "T")]
    pub patterns: Vec<String>,
}

#[derive(Args)]
pub struct MatchArgs {
    /// Where the users come from: a users CSV (a Get-ADUser or Get-MgUser export) or
    /// an address (ldaps://dc1, graph:TENANT, google:DOMAIN).
    #[arg(long, value_name = "CSV|ADDRESS", value_parser = AddressArg::USERS)]
    pub users: Option<Address>,
    #[command(flatten)]
    pub at: WhereArgs,
    #[command(flatten)]
    pub photos: PhotoSourceArgs,
    /// Also write a review sheet: one self-contained HTML page with every matched photo
    /// as the directory would get it, its framing and its warnings.
    #[arg(long, value_name = "FILE.html")]
    pub review: Option<PathBuf>,
    /// Framing of the photos in the review sheet: face or centre.
    #[arg(long, value_name = "face|centre", default_value = "face", value_parser = parse_framing)]
    pub framing: FramingMode,
}

#[derive(Args)]
pub struct SetArgs {
    /// The directory: ldaps://dc1 (or dc1), graph:TENANT, google:DOMAIN, ldif:FILE.
    /// Repeat for several targets in one run (written at the same time; one backup
    /// folder with a part per target).
    #[arg(long, value_name = "ADDRESS", visible_alias = "from", value_parser = AddressArg::TARGET)]
    pub to: Vec<Address>,
    /// For an LDIF target, where the users come from: a users CSV or an address.
    #[arg(long, value_name = "CSV|ADDRESS", value_parser = AddressArg::USERS)]
    pub users: Option<Address>,
    /// Where to write, as earlier versions spelled it: ldif:FILE (same as --to ldif:FILE).
    #[arg(long, value_name = "TARGET", hide = true, value_parser = AddressArg::TARGET)]
    pub target: Option<Address>,
    #[command(flatten)]
    pub photos: PhotoSourceArgs,
    /// Show the plan and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// With --what-if: also write a review sheet, one self-contained HTML page with a
    /// card per user (the new photo, the current one, the action, every warning).
    #[arg(long, value_name = "FILE.html")]
    pub review: Option<PathBuf>,
    /// Write even the photos the target already has.
    #[arg(long)]
    pub force: bool,
    /// Folder for the backups of replaced photos and the run's journal (default: a
    /// dated folder under the user's data folder). Reusing it resumes that run.
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Continue the interrupted run whose backup folder is DIR (same as --backup-dir DIR,
    /// but DIR must hold an earlier run).
    #[arg(long, value_name = "DIR", conflicts_with = "backup_dir")]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub tuning: PhotoTuning,
}

/// Options that shape the photo, shared by every command that produces one.
#[derive(Args, Clone)]
pub struct PhotoArgs {
    /// Output profile: ad (96x96, <= 100 KB), hd (648x648), account-pictures (32..1080),
    /// google (256x256). Repeat to produce several from one decode.
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
    /// crop: keep a square; pad: keep everything, on white.
    #[arg(long, value_name = "crop|pad", default_value = "crop", value_parser = parse_fit)]
    pub fit: Fit,
    /// face: frame the square on the face (the centre when none is found); centre:
    /// the centred square.
    #[arg(long, value_name = "face|centre", default_value = "face", value_parser = parse_framing)]
    pub framing: FramingMode,
    /// Face framing: where the eyes sit, in per cent of the side from the top (25-60,
    /// default 42).
    #[arg(long, value_name = "PERCENT")]
    pub eye_line: Option<u8>,
    /// Face framing: the face's height (brow to chin), in per cent of the side (15-70,
    /// default 36). The same in every photo of a run, however far the camera was.
    #[arg(long, value_name = "PERCENT")]
    pub face_height: Option<u8>,
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

/// How results are shown, for every command.
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// One JSON object per item on stdout instead of the readable report.
    #[arg(long, global = true)]
    pub json: bool,
    /// No progress bar and no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Also write every item as a JSON line to FILE (a record of the run).
    #[arg(long, value_name = "FILE", global = true)]
    pub report: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", global = true)]
    pub jobs: Option<usize>,
}

#[derive(Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub photo: PhotoArgs,
    /// Folder to write the photos into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
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

fn parse_framing(s: &str) -> Result<FramingMode, String> {
    s.parse()
}

impl PhotoTuning {
    pub fn overrides(&self) -> PhotoOverrides {
        PhotoOverrides {
            sizes: self.sizes.clone(),
            quality: self.quality,
            max_bytes: self.max_bytes,
            fit: self.fit,
            framing: self.framing,
            eye_line: self.eye_line,
            face_height: self.face_height,
            max_pixels: Some(self.max_pixels),
            max_file_bytes: Some(self.max_file_bytes),
            max_decode_bytes: Some(self.max_decode_bytes),
        }
    }
}
