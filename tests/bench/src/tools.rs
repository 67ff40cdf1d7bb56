//! The contenders: ADPhoto and the commands an administrator would otherwise run, each
//! making a 648×648 and a 96×96 centre-cropped square, quality 85, 4:2:0, on one core;
//! and, apart, the square chosen on the subject: ADPhoto's face framing against
//! vipsthumbnail's saliency crop.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The two outputs every tool makes from every photo.
pub const SIZES: [u32; 2] = [648, 96];
pub const QUALITY: u32 = 85;

/// How to call a tool and where it leaves its outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `jobs` worker threads; one for the per-core comparison.
    Adphoto {
        jobs: u32,
    },
    Vipsthumbnail,
    /// ImageMagick told the size it needs, so libjpeg decodes at a reduced scale.
    MagickSizeHint,
    /// ImageMagick as usually written: every photo decoded at full size.
    MagickNaive,
    /// Pillow with `draft()`, one Python process for the whole corpus.
    PillowDraft,
    /// ADPhoto with its default framing: on the face found in each photo.
    AdphotoFace,
    /// vipsthumbnail cropping where its saliency measure points (`--smartcrop
    /// attention`): the peer for face framing.
    VipsAttention,
}

/// Where the tools live, as found by the caller.
#[derive(Debug, Clone)]
pub struct Programs {
    pub adphoto: PathBuf,
    pub vipsthumbnail: PathBuf,
    pub magick: PathBuf,
    pub python: PathBuf,
    pub pillow_script: PathBuf,
}

impl Tool {
    /// The per-core contenders, in table order.
    pub const ONE_CORE: [Tool; 7] = [
        Tool::Adphoto { jobs: 1 },
        Tool::Vipsthumbnail,
        Tool::MagickSizeHint,
        Tool::MagickNaive,
        Tool::PillowDraft,
        Tool::AdphotoFace,
        Tool::VipsAttention,
    ];

    /// Makes the centred square, so its outputs compare with the reference (SSIM) and
    /// its speed with ADPhoto's centre framing.
    pub fn is_centre_crop(self) -> bool {
        !matches!(self, Tool::AdphotoFace | Tool::VipsAttention)
    }

    /// Where `adphoto --report` leaves the per-photo results of the face-framing run.
    pub fn report_file(out: &Path) -> PathBuf {
        out.join("report.jsonl")
    }

    pub fn name(self) -> String {
        match self {
            Tool::Adphoto { jobs: 1 } => "adphoto".into(),
            Tool::Adphoto { jobs } => format!("adphoto --jobs {jobs}"),
            Tool::Vipsthumbnail => "vipsthumbnail".into(),
            Tool::MagickSizeHint => "ImageMagick jpeg:size".into(),
            Tool::MagickNaive => "ImageMagick naive".into(),
            Tool::PillowDraft => "Pillow draft()".into(),
            Tool::AdphotoFace => "adphoto face framing".into(),
            Tool::VipsAttention => "vips smartcrop attention".into(),
        }
    }

    /// A name fit for a folder.
    pub fn slug(self) -> String {
        match self {
            Tool::Adphoto { jobs } => format!("adphoto-j{jobs}"),
            Tool::Vipsthumbnail => "vipsthumbnail".into(),
            Tool::MagickSizeHint => "magick-hint".into(),
            Tool::MagickNaive => "magick-naive".into(),
            Tool::PillowDraft => "pillow".into(),
            Tool::AdphotoFace => "adphoto-face".into(),
            Tool::VipsAttention => "vips-attention".into(),
        }
    }

    pub fn is_adphoto(self) -> bool {
        matches!(self, Tool::Adphoto { .. })
    }

    /// Where this tool writes the `size` output for the photo with file stem `stem`.
    pub fn output(self, out: &Path, size: u32, stem: &str) -> PathBuf {
        let folder = match (self, size) {
            // ADPhoto names its folders after its presets.
            (Tool::Adphoto { .. } | Tool::AdphotoFace, 648) => "hd".to_string(),
            (Tool::Adphoto { .. } | Tool::AdphotoFace, 96) => "ad".to_string(),
            _ => size.to_string(),
        };
        out.join(folder).join(format!("{stem}.jpg"))
    }

    /// Folders to create before the run, for tools that will not make their own.
    pub fn folders(self, out: &Path) -> Vec<PathBuf> {
        match self {
            Tool::Adphoto { .. } | Tool::AdphotoFace => vec![out.to_path_buf()],
            _ => SIZES.iter().map(|s| out.join(s.to_string())).collect(),
        }
    }

    /// The processes that make every output for `photos` (all in `corpus`) into `out`.
    pub fn commands(self, programs: &Programs, corpus: &Path, photos: &[PathBuf], out: &Path) -> Vec<Command> {
        match self {
            Tool::Adphoto { .. } | Tool::AdphotoFace => {
                let jobs = if let Tool::Adphoto { jobs } = self { jobs } else { 1 };
                let mut c = command(&programs.adphoto);
                c.args([
                    "convert",
                    "--jobs",
                    &jobs.to_string(),
                    "-q",
                    "--preset",
                    "hd",
                    "--preset",
                    "ad",
                ])
                .args(["--quality", &QUALITY.to_string(), "--out-dir"])
                .arg(out);
                if self == Tool::AdphotoFace {
                    // The per-photo results tell how often a face was found.
                    c.arg("--report").arg(Tool::report_file(out));
                } else {
                    c.args(["--framing", "centre"]);
                }
                c.arg(corpus);
                vec![c]
            }
            Tool::Vipsthumbnail | Tool::VipsAttention => SIZES
                .iter()
                .map(|&size| {
                    let mut c = command(&programs.vipsthumbnail);
                    // vips picks 4:2:0 by itself below quality 90; "%s" is the input's stem.
                    let target = out.join(size.to_string()).join(format!("%s.jpg[Q={QUALITY}]"));
                    let crop = if self == Tool::VipsAttention {
                        "attention"
                    } else {
                        "centre"
                    };
                    c.args(["-s", &format!("{size}x{size}"), &format!("--smartcrop={crop}"), "-o"])
                        .arg(target)
                        .args(photos);
                    c
                })
                .collect(),
            Tool::MagickSizeHint | Tool::MagickNaive => photos
                .iter()
                .map(|photo| {
                    let stem = stem(photo);
                    let mut c = command(&programs.magick);
                    if self == Tool::MagickSizeHint {
                        // Twice the output: libjpeg then decodes at the largest DCT scale
                        // that is still at least this big, and -thumbnail does the rest.
                        let hint = SIZES[0] * 2;
                        c.args(["-define", &format!("jpeg:size={hint}x{hint}")]);
                    }
                    let big = SIZES[0];
                    c.arg(photo)
                        .args(["-thumbnail", &format!("{big}x{big}^"), "-gravity", "center"])
                        .args(["-extent", &format!("{big}x{big}")])
                        .args(["-quality", &QUALITY.to_string(), "-sampling-factor", "4:2:0", "-write"])
                        .arg(self.output(out, big, &stem))
                        .args(["-thumbnail", &format!("{0}x{0}", SIZES[1])])
                        .arg(self.output(out, SIZES[1], &stem));
                    c
                })
                .collect(),
            Tool::PillowDraft => {
                let mut c = command(&programs.python);
                c.arg(&programs.pillow_script).arg(out).args(photos);
                vec![c]
            }
        }
    }
}

/// A command pinned to one thread wherever the tool lets us say so.
fn command(program: &Path) -> Command {
    let mut c = Command::new(program);
    c.env("VIPS_CONCURRENCY", "1")
        .env("MAGICK_THREAD_LIMIT", "1")
        .env("OMP_NUM_THREADS", "1");
    c
}

pub fn stem(photo: &Path) -> String {
    photo
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
