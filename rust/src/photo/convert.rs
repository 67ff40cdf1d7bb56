//! The photo pipeline: one decode, then every requested square rendered, oriented and
//! encoded under its budget.

use std::path::Path;

use serde::Serialize;

use super::budget::encode_within;
use super::decoded::{Decoded, SourceInfo};
use super::frame::Fit;
use super::preset::{Rendition, MIN_SIZE};
use super::resize::Scaler;
use super::sniff::{sniff, Format};
use super::turbo::{Compressor, Decompressor, TurboError};
use super::{decode_image, decode_jpeg, passthrough, Limits, PhotoError, Rgb8};

/// One encoded square photo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoOutput {
    /// The size asked for.
    pub size: u32,
    /// The size produced: smaller than `size` only when the byte budget forced it.
    pub width: u32,
    pub height: u32,
    /// The JPEG quality (estimated from its tables when the source was kept as is).
    pub quality: u8,
    /// The source already was this photo: only its metadata was removed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub kept_as_is: bool,
    #[serde(skip)]
    pub jpeg: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Converted {
    pub source: SourceInfo,
    pub outputs: Vec<PhotoOutput>,
    pub warnings: Vec<String>,
}

/// Holds the decoder, encoder and resampler between photos, so a batch pays for their
/// set-up once per worker thread.
pub struct Converter {
    decompressor: Decompressor,
    compressor: Compressor,
    scaler: Scaler,
}

impl Converter {
    pub fn new() -> Result<Converter, PhotoError> {
        Ok(Converter {
            decompressor: Decompressor::new().map_err(internal)?,
            compressor: Compressor::new().map_err(internal)?,
            scaler: Scaler::new(),
        })
    }

    /// Converts one encoded image into every rendition.
    pub fn convert(
        &mut self,
        data: &[u8],
        renditions: &[Rendition],
        fit: Fit,
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        if renditions.is_empty() {
            return Err(PhotoError::InvalidOptions("no output size requested".into()));
        }
        if data.len() as u64 > limits.max_file_bytes {
            return Err(PhotoError::FileTooLarge {
                size: data.len() as u64,
                limit: limits.max_file_bytes,
            });
        }
        #[cfg(feature = "fault-injection")]
        crate::fault::before_decode(data);
        let largest = renditions.iter().map(|r| r.size).max().unwrap_or(MIN_SIZE);
        let format = sniff(data)?;
        let decoded = match format {
            Format::Jpeg => match decode_jpeg::decode(&mut self.decompressor, data, fit, largest, limits) {
                Ok(decoded) => decoded,
                Err(e) => {
                    // libjpeg-turbo keeps a failed stream's state in the handle (the next
                    // header reads as 0x0): start the next photo with a fresh decoder.
                    self.decompressor = Decompressor::new().map_err(internal)?;
                    return Err(e);
                }
            },
            other => decode_image::decode(data, other, fit, limits)?,
        };
        let mut warnings = decoded.warnings.clone();
        let mut outputs = Vec::with_capacity(renditions.len());
        for rendition in renditions {
            if decoded.source_span < f64::from(rendition.size) {
                warnings.push(format!(
                    "the source has only {} pixels across the photo; the {}x{} output is upscaled and will look soft",
                    decoded.source_span.round(),
                    rendition.size,
                    rendition.size
                ));
            }
            let kept = match format {
                Format::Jpeg if decoded.warnings.is_empty() => passthrough::usable_as_is(data, rendition),
                _ => None,
            };
            let output = match kept {
                Some(jpeg) => PhotoOutput {
                    size: rendition.size,
                    width: rendition.size,
                    height: rendition.size,
                    quality: passthrough::estimate_quality(&jpeg).unwrap_or(rendition.quality),
                    kept_as_is: true,
                    jpeg,
                },
                None => self.render_within_budget(&decoded, rendition, fit)?,
            };
            if output.width != rendition.size {
                warnings.push(format!(
                    "reduced to {}x{} to fit {} bytes",
                    output.width,
                    output.height,
                    rendition.max_bytes.unwrap_or_default()
                ));
            }
            outputs.push(output);
        }
        Ok(Converted {
            source: decoded.source,
            outputs,
            warnings,
        })
    }

    /// Reads a file (refusing one over the size limit before reading it) and converts it.
    pub fn convert_file(
        &mut self,
        path: &Path,
        renditions: &[Rendition],
        fit: Fit,
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        let data = read_source(path, limits)?;
        self.convert(&data, renditions, fit, limits)
    }

    fn render_within_budget(
        &mut self,
        decoded: &Decoded,
        rendition: &Rendition,
        fit: Fit,
    ) -> Result<PhotoOutput, PhotoError> {
        let mut side = rendition.size;
        loop {
            let img = self.render(decoded, side, fit)?;
            let encoded =
                encode_within(&mut self.compressor, &img, rendition.quality, rendition.max_bytes).map_err(internal)?;
            if let Some(e) = encoded {
                return Ok(PhotoOutput {
                    size: rendition.size,
                    width: img.width,
                    height: img.height,
                    quality: e.quality,
                    kept_as_is: false,
                    jpeg: e.jpeg,
                });
            }
            // Quality is at its floor and the photo is still too big: shrink it.
            let smaller = (f64::from(side) * 0.85).floor() as u32;
            if smaller < MIN_SIZE {
                return Err(PhotoError::BudgetUnreachable {
                    size: rendition.size,
                    max_bytes: rendition.max_bytes.unwrap_or_default(),
                });
            }
            side = smaller;
        }
    }

    /// The frame resampled to `side`×`side` (padded with white for `Fit::Pad`), upright.
    fn render(&mut self, d: &Decoded, side: u32, fit: Fit) -> Result<Rgb8, PhotoError> {
        let square = match fit {
            Fit::Crop => self.scaler.resize(&d.pixels, d.frame, side, side)?,
            Fit::Pad => {
                let long = d.frame.width.max(d.frame.height);
                let fitted = |len: f64| ((len / long * f64::from(side)).round() as u32).clamp(1, side);
                let (w, h) = (fitted(d.frame.width), fitted(d.frame.height));
                let inner = self.scaler.resize(&d.pixels, d.frame, w, h)?;
                let mut canvas = Rgb8::filled(side, side, [255, 255, 255]);
                canvas.paste(&inner, (side - w) / 2, (side - h) / 2);
                canvas
            }
        };
        Ok(square.oriented(d.source.orientation))
    }
}

/// Reads a photo file, refusing one over the size limit before reading it. The file is
/// opened first and then examined (not the path, which could change in between), and
/// without waiting: a named pipe or a device in a photo folder is refused at once
/// rather than read forever.
pub fn read_source(path: &Path, limits: &Limits) -> Result<Vec<u8>, PhotoError> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| PhotoError::Read(e.to_string()))?;
    let meta = file.metadata().map_err(|e| PhotoError::Read(e.to_string()))?;
    if !meta.is_file() {
        return Err(PhotoError::Read(not_a_file(&meta).into()));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(PhotoError::FileTooLarge {
            size: meta.len(),
            limit: limits.max_file_bytes,
        });
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| PhotoError::Read(e.to_string()))?;
    if data.len() as u64 > limits.max_file_bytes {
        return Err(PhotoError::FileTooLarge {
            size: data.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    Ok(data)
}

/// What a path that is not a regular file is, in words.
fn not_a_file(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder, not a photo file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO), not a photo file";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device, not a photo file";
        }
        if t.is_socket() {
            return "a socket, not a photo file";
        }
    }
    "not a regular file"
}

fn internal(e: TurboError) -> PhotoError {
    PhotoError::Internal(format!("libjpeg-turbo: {}", e.message))
}
