//! The photo pipeline: one decode, then every requested square rendered, oriented and
//! encoded under its budget.

use std::path::Path;

use serde::Serialize;

use super::budget::encode_within;
use super::colour;
use super::decode_jpeg::Area;
use super::decoded::{Decoded, SourceInfo};
use super::face::FaceFinder;
use super::face_framing::{self, FramingReport};
use super::frame::{self, Fit, Rect};
use super::framing::{Framing, FramingMode};
use super::preset::{Rendition, MIN_SIZE};
use super::quality::{self, Quality, QualityIssue};
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
    /// Damage, upscaling, budget reductions, unusable profiles, in words.
    pub warnings: Vec<String>,
    /// How the square was chosen (absent for `Fit::Pad`, which keeps everything).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<FramingReport>,
    /// The verdict on the photo: measurements and findings with stable kinds.
    pub verdict: Quality,
    /// The colour profile the pixels were converted from, when they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour_profile: Option<String>,
}

/// Holds the decoder, encoder and resampler between photos, so a batch pays for their
/// set-up once per worker thread.
/// A decoded photo: its format (`None` for HEIC/AVIF, which `sniff` does not name), the
/// pixels, and its ICC profile.
type DecodedSource = (Option<Format>, Decoded, Option<Vec<u8>>);

/// A photo decoded once, ready to be finished into any number of sets of renditions
/// (one per target of a run): see [`Converter::prepare`] and [`Converter::finish`].
pub struct Prepared {
    format: Option<Format>,
    decoded: Decoded,
    icc: Option<Vec<u8>>,
    colour_profile: Option<String>,
    decoded_cleanly: bool,
    /// The whole picture was decoded for the face detector.
    whole: bool,
    fit: Fit,
    framing: Framing,
    /// The largest output the decode covers (when not `whole`).
    decoded_for: u32,
    faces: Option<face_framing::Found>,
}

impl Prepared {
    /// Whether a set of renditions up to `largest` pixels is finished from this decode
    /// exactly as it would be from its own.
    pub fn serves(&self, largest: u32) -> bool {
        self.whole || self.decoded_for == largest
    }
}

pub struct Converter {
    decompressor: Decompressor,
    compressor: Compressor,
    scaler: Scaler,
    faces: Option<FaceFinder>,
}

impl Converter {
    pub fn new() -> Result<Converter, PhotoError> {
        Ok(Converter {
            decompressor: Decompressor::new().map_err(internal)?,
            compressor: Compressor::new().map_err(internal)?,
            scaler: Scaler::new(),
            faces: None,
        })
    }

    /// Converts one encoded image into every rendition, framed on the face (the
    /// default framing).
    pub fn convert(
        &mut self,
        data: &[u8],
        renditions: &[Rendition],
        fit: Fit,
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        self.convert_framed(data, renditions, fit, &Framing::default(), limits)
    }

    /// Converts one encoded image into every rendition, framed as `framing` asks.
    pub fn convert_framed(
        &mut self,
        data: &[u8],
        renditions: &[Rendition],
        fit: Fit,
        framing: &Framing,
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        let largest = largest_of(renditions)?;
        let mut prepared = self.prepare(data, fit, framing, limits, largest)?;
        self.finish(data, &mut prepared, renditions, limits)
    }

    /// The first half of a conversion: the checks, the decode and the colour
    /// management. When the face is looked for, the whole picture is decoded at the
    /// scale the face detector needs whatever the output sizes (`largest` only matters
    /// otherwise), so every set of renditions finished from it frames on the same faces
    /// and gets the bytes it would get alone.
    pub fn prepare(
        &mut self,
        data: &[u8],
        fit: Fit,
        framing: &Framing,
        limits: &Limits,
        largest: u32,
    ) -> Result<Prepared, PhotoError> {
        framing.check().map_err(PhotoError::InvalidOptions)?;
        if data.len() as u64 > limits.max_file_bytes {
            return Err(PhotoError::FileTooLarge {
                size: data.len() as u64,
                limit: limits.max_file_bytes,
            });
        }
        #[cfg(feature = "fault-injection")]
        crate::fault::before_decode(data);
        let whole = fit == Fit::Crop && framing.mode == FramingMode::Face;
        let decode_for = if whole { MIN_SIZE } else { largest };
        let (format, mut decoded, icc) = self.decode(data, fit, whole, decode_for, limits)?;
        // A JPEG the decoder read without complaint may be passed through; a profile
        // found unusable does not prevent it (its colours are taken as sRGB, which is what
        // the pass-through, stripped of the profile, shows too).
        let decoded_cleanly = decoded.warnings.is_empty();
        let colour_profile = match &icc {
            Some(icc) => self.manage_colour(&mut decoded, icc),
            None => None,
        };
        Ok(Prepared {
            format,
            decoded,
            icc,
            colour_profile,
            decoded_cleanly,
            whole,
            fit,
            framing: *framing,
            decoded_for: decode_for,
            faces: None,
        })
    }

    /// The second half: frames the prepared photo and renders every rendition of
    /// `renditions` (`data` is the encoded photo `prepared` came from). Faces are looked
    /// for once per prepared photo, whichever set of renditions asks first.
    pub fn finish(
        &mut self,
        data: &[u8],
        prepared: &mut Prepared,
        renditions: &[Rendition],
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        let largest = largest_of(renditions)?;
        if !prepared.whole && largest > prepared.decoded_for {
            return Err(PhotoError::InvalidOptions(format!(
                "the photo was decoded for outputs up to {} pixels, not {largest}",
                prepared.decoded_for
            )));
        }
        let (format, fit, find_face) = (prepared.format, prepared.fit, prepared.whole);
        let framing = prepared.framing;
        let icc = prepared.icc.clone();
        let colour_profile = prepared.colour_profile.clone();
        let decoded_cleanly = prepared.decoded_cleanly;
        let mut decoded = prepared.decoded.clone();
        let mut square = frame::frame(decoded.source.width, decoded.source.height, fit);

        // Framing: on the face found in the reduced decode, else the centre.
        // A square photo of exactly an output's size is a finished portrait (someone
        // framed it already): it is kept as it is, not cropped further.
        let finished =
            decoded.source.width == decoded.source.height && renditions.iter().any(|r| r.size == decoded.source.width);
        let mut found = None;
        let framing_report = if find_face && !finished {
            let scale = decoded_scale(&decoded);
            if prepared.faces.is_none() {
                let finder = self.faces.get_or_insert_with(FaceFinder::new);
                prepared.faces = Some(face_framing::find_faces(&decoded, finder, scale));
            }
            let faces = prepared
                .faces
                .as_ref()
                .ok_or_else(|| PhotoError::Internal("faces not found".into()))?;
            let (report, face_square) = face_framing::frame_on_face(&mut decoded, faces, &framing, scale);
            if let Some(s) = face_square {
                square = s;
            }
            found = Some(faces);
            Some(report)
        } else if fit == Fit::Crop {
            Some(face_framing::centre_report(&decoded, framing.mode, 0))
        } else {
            None
        };
        // The whole-picture decode was scaled for the face detector; the chosen square
        // (on the face or centred) may need finer pixels: decode just that square again.
        if let (true, Some(Format::Jpeg)) = (find_face, format) {
            let eighths = decoded.source.decode_scale_eighths.unwrap_or(8);
            if decoded.frame.width < f64::from(largest) && eighths < 8 {
                let mut finer = decode_jpeg::decode(&mut self.decompressor, data, Area::Frame(square), largest, limits)
                    .inspect_err(|_| self.reset_decompressor())?;
                if let Some(icc) = &icc {
                    self.manage_colour(&mut finer, icc);
                }
                decoded = finer;
            }
        }

        let mut warnings = decoded.warnings.clone();
        let mut issues: Vec<QualityIssue> = Vec::new();
        if let (Some(faces), Some(report)) = (found, &framing_report) {
            let subjects = face_framing::subjects(&faces.faces);
            issues.extend(quality::face_issues(
                &faces.faces,
                subjects,
                faces.upright,
                f64::from(report.square.side),
            ));
            if report.limited_by_edge {
                issues.push(QualityIssue::new(
                    "framing-limited",
                    format!(
                        "the face is too close to the edge to be framed as asked: eyes at {}% (asked {}%), face {}% of the side (asked {}%), centred at {}%",
                        report.eye_line.unwrap_or_default(),
                        framing.eye_line,
                        report.face_height.unwrap_or_default(),
                        framing.face_height,
                        report.face_centre.unwrap_or_default()
                    ),
                ));
            }
        }
        let mut verdict = quality::measure(&decoded.pixels, &self.measured_area(&decoded, square, found, largest));

        let mut outputs = Vec::with_capacity(renditions.len());
        for rendition in renditions {
            if decoded.source_span < f64::from(rendition.size) {
                let message = format!(
                    "the source has only {} pixels across the photo; the {}x{} output is upscaled and will look soft",
                    decoded.source_span.round(),
                    rendition.size,
                    rendition.size
                );
                warnings.push(message.clone());
                verdict.issues.push(QualityIssue::new("upscaled", message));
            }
            let kept = match format {
                Some(Format::Jpeg) if decoded_cleanly && colour_profile.is_none() && !moved(&framing_report) => {
                    passthrough::usable_as_is(data, rendition)
                }
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
        // The findings stay in the verdict (`warnings` keeps what it always held, which
        // callers such as the account-picture sync show as they are).
        issues.append(&mut verdict.issues);
        verdict.issues = issues;
        Ok(Converted {
            source: decoded.source,
            outputs,
            warnings,
            framing: framing_report,
            verdict,
            colour_profile,
        })
    }

    /// Decodes `data`: JPEGs at a reduced scale (everything when a face is to be
    /// looked for, else only the frame), HEIC/AVIF through libheif when built with it,
    /// the rest through `image`. Returns the format and any ICC profile.
    fn decode(
        &mut self,
        data: &[u8],
        fit: Fit,
        whole: bool,
        largest: u32,
        limits: &Limits,
    ) -> Result<DecodedSource, PhotoError> {
        #[cfg(all(feature = "heif", not(windows)))]
        if super::decode_heif::is_heif(data) {
            // `None`: no format of `sniff`'s; the result's source says heic or avif.
            let (decoded, icc) = super::decode_heif::decode(data, fit, limits)?;
            return Ok((None, decoded, icc));
        }
        let format = sniff(data)?;
        let decoded = match format {
            Format::Jpeg => {
                let area = if whole {
                    Area::Whole {
                        min_short_side: face_framing::WHOLE_SHORT_SIDE,
                    }
                } else {
                    Area::Fit(fit)
                };
                decode_jpeg::decode(&mut self.decompressor, data, area, largest, limits)
                    .inspect_err(|_| self.reset_decompressor())?
            }
            other => decode_image::decode(data, other, fit, limits)?,
        };
        let icc = match format {
            Format::Jpeg => colour::jpeg_icc_profile(data),
            other => colour::embedded_profile(data, other),
        };
        Ok((Some(format), decoded, icc))
    }

    /// libjpeg-turbo keeps a failed stream's state in the handle (the next header
    /// reads as 0x0): the next photo starts with a fresh decoder.
    fn reset_decompressor(&mut self) {
        if let Ok(fresh) = Decompressor::new() {
            self.decompressor = fresh;
        }
    }

    /// Converts RGB pixels to sRGB per their profile; CMYK ones were converted by the
    /// decoder. Returns what to report.
    fn manage_colour(&mut self, decoded: &mut Decoded, icc: &[u8]) -> Option<String> {
        if colour::is_cmyk_profile(icc) {
            return colour::profile_description(icc).map(|name| format!("{name} (CMYK)"));
        }
        match colour::rgb_to_srgb(std::sync::Arc::make_mut(&mut decoded.pixels), icc) {
            colour::Converted::AsIs => None,
            colour::Converted::FromProfile(name) => Some(name),
            colour::Converted::Unusable(why) => {
                decoded.warnings.push(why);
                None
            }
        }
    }

    /// Where the quality checks look: the face when one was found, else the middle
    /// half of the square.
    /// `square` is the frame in stored source pixels.
    fn measured_area(
        &self,
        decoded: &Decoded,
        square: Rect,
        found: Option<&face_framing::Found>,
        largest: u32,
    ) -> quality::Area {
        let f = decoded.frame;
        let scale = f.width.max(1.0) / square.width.max(1.0);
        // Where the decoded pixels start, in scaled source pixels (a cropped decode).
        let (ox, oy) = (square.left * scale - f.left, square.top * scale - f.top);
        if let Some(face) = found.and_then(|found| found.faces.first()) {
            let (sw, sh) = (f64::from(decoded.source.width), f64::from(decoded.source.height));
            let stored = super::frame::upright_to_stored(
                super::frame::Rect {
                    left: face.x,
                    top: face.y,
                    width: face.width,
                    height: face.height,
                },
                sw,
                sh,
                decoded.source.orientation,
            );
            return quality::Area {
                left: stored.left * scale - ox,
                top: stored.top * scale - oy,
                width: stored.width * scale,
                height: stored.height * scale,
                seen_at: (face.height / decoded.source_span.max(1.0) * f64::from(largest)).round() as u32,
                is_face: true,
            };
        }
        quality::Area {
            left: f.left + f.width / 4.0,
            top: f.top + f.height / 4.0,
            width: f.width / 2.0,
            height: f.height / 2.0,
            seen_at: largest / 2,
            is_face: false,
        }
    }

    /// Reads a file (refusing one over the size limit before reading it) and converts it.
    pub fn convert_file(
        &mut self,
        path: &Path,
        renditions: &[Rendition],
        fit: Fit,
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        self.convert_file_framed(path, renditions, fit, &Framing::default(), limits)
    }

    /// Reads a file (refusing one over the size limit before reading it) and converts
    /// it, framed as `framing` asks.
    pub fn convert_file_framed(
        &mut self,
        path: &Path,
        renditions: &[Rendition],
        fit: Fit,
        framing: &Framing,
        limits: &Limits,
    ) -> Result<Converted, PhotoError> {
        let data = read_source(path, limits)?;
        self.convert_framed(&data, renditions, fit, framing, limits)
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

/// The largest size asked for; an empty set is refused.
fn largest_of(renditions: &[Rendition]) -> Result<u32, PhotoError> {
    renditions
        .iter()
        .map(|r| r.size)
        .max()
        .ok_or_else(|| PhotoError::InvalidOptions("no output size requested".into()))
}

/// Decoded pixels per source pixel, for a decode that holds the whole picture.
fn decoded_scale(d: &Decoded) -> f64 {
    f64::from(d.source.decode_scale_eighths.unwrap_or(8)) / 8.0
}

/// The square is not the centred one: a photo kept as it is would be framed wrongly.
fn moved(report: &Option<FramingReport>) -> bool {
    report.as_ref().is_some_and(|r| r.framed_on == "face")
}

fn internal(e: TurboError) -> PhotoError {
    PhotoError::Internal(format!("libjpeg-turbo: {}", e.message))
}
