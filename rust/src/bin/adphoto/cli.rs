//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
}

/// Options that shape the photo, shared by every command that produces one.
#[derive(Args, Clone)]
pub struct PhotoArgs {
    /// Output profile: ad (96x96, <= 100 KB), hd (648x648), account-pictures (32..1080).
    /// Repeat to produce several from one decode.
    #[arg(long = "preset", value_name = "P", value_parser = parse_preset)]
    pub presets: Vec<Preset>,
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
