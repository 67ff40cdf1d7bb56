//! JPEG decoding through libjpeg-turbo, doing as little work as the output needs:
//! the smallest DCT scale that still covers the largest output, and only the columns
//! and rows of the frame (plus a margin for the resampling filter). What the decode
//! will cost (steps over all scans, memory) is known from the markers first, and a file
//! over the limits is refused before libjpeg sees it.

use super::decode_memory;
use super::decoded::{Decoded, SourceInfo};
use super::frame::{self, Fit};
use super::jpeg_markers::read_markers;
use super::jpeg_segments::read_structure;
use super::jpeg_work::{decode_work, Frame, MAX_DECODE_STEPS};
use super::turbo::{scaled, Decompressor, Region, TurboError};
use super::{exif, Limits, PhotoError, Rgb8};

/// Source pixels kept beyond the frame so the resampling filter sees real neighbours
/// at the edges, as it would on a full decode.
const FILTER_MARGIN: f64 = 8.0;

/// What part of the picture to decode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Area {
    /// The frame `fit` gives (the centred square, or everything to pad).
    Fit(Fit),
    /// Everything, at the scale the centred square needs but with at least
    /// `min_short_side` pixels across the shorter side (for the face detector), with
    /// the centred square as the frame: the face can be looked for anywhere, and the
    /// centre is the fallback.
    Whole { min_short_side: u32 },
    /// This square (stored source pixels), at the scale it needs.
    Frame(frame::Rect),
}

/// libjpeg's own buffers besides the coefficients: a few rows of MCUs, tables.
const LIBJPEG_WORKING_BYTES: u64 = 8 << 20;

pub fn decode(
    dec: &mut Decompressor,
    data: &[u8],
    area: Area,
    largest_output: u32,
    limits: &Limits,
) -> Result<Decoded, PhotoError> {
    let structure = read_structure(data);
    if structure.scans().next().is_none() {
        return Err(corrupt_msg("the file is truncated (it ends before the image data)"));
    }
    let header = dec.header(data).map_err(corrupt)?;
    let (width, height) = (header.width, header.height);
    if width == 0 || height == 0 {
        return Err(corrupt_msg("the header gives a zero width or height"));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(PhotoError::TooManyPixels {
            width: width.into(),
            height: height.into(),
            limit: limits.max_pixels,
        });
    }
    if header.precision != 8 {
        return Err(PhotoError::UnsupportedFormat {
            format: format!("{}-bit JPEG", header.precision),
            hint: "save the photo as an ordinary 8-bit JPEG".into(),
        });
    }
    let frame_header = Frame::of(&structure).ok_or_else(|| corrupt_msg("the frame header is damaged"))?;
    let work = decode_work(&structure, &frame_header);
    if work.steps > MAX_DECODE_STEPS {
        return Err(PhotoError::TooComplex {
            detail: format!(
                "its {} scans of {width}x{height} pixels would take about {:.0} billion decoding steps, over the \
                 limit of {:.0} billion (a camera's progressive photo needs well under one)",
                work.scans,
                work.steps as f64 / 1e9,
                MAX_DECODE_STEPS as f64 / 1e9
            ),
        });
    }
    let markers = read_markers(data);
    let orientation = markers.exif.map(exif::orientation).unwrap_or(1);

    let source_frame = match area {
        Area::Fit(fit) => frame::frame(width, height, fit),
        Area::Whole { .. } => frame::frame(width, height, Fit::Crop),
        Area::Frame(rect) => rect,
    };
    let source_span = frame::frame_span(source_frame);
    let whole = matches!(area, Area::Whole { .. });
    // Lossless JPEGs cannot be scaled or cropped by libjpeg-turbo.
    let eighths = if header.lossless {
        8
    } else {
        // The whole picture is decoded at 1/8, 1/4, 1/2 or full scale only: those are
        // the scales libjpeg-turbo has SIMD inverse DCTs for (3/8 runs its plain C 3x3
        // and 6x6 ones and cost more than 1/2 on a 24-megapixel photo).
        (1..=8)
            .filter(|n: &u32| !whole || n.is_power_of_two())
            .find(|n| {
                let min_short = match area {
                    Area::Whole { min_short_side } => f64::from(min_short_side),
                    _ => 0.0,
                };
                source_span * f64::from(*n) / 8.0 >= f64::from(largest_output)
                    && f64::from(width.min(height)) * f64::from(*n) / 8.0 >= min_short
            })
            .unwrap_or(8)
    };
    let factor = f64::from(eighths) / 8.0;
    let scaled_size = (scaled(width, eighths, 8), scaled(height, eighths, 8));
    let frame_scaled = source_frame.scaled(factor);
    let region = if whole || header.lossless || header.subsampling < 0 {
        None
    } else {
        crop_region(
            frame_scaled,
            scaled_size,
            Decompressor::scaled_mcu_width(&header, eighths, 8),
        )
    };

    let (out_w, out_h) = region.map_or(scaled_size, |r| (r.width, r.height));
    let out_pixels = u64::from(out_w) * u64::from(out_h);
    let coefficients = if work.multi_scan {
        frame_header.coefficient_bytes()
    } else {
        0
    };
    let needed = out_pixels * if header.cmyk { 4 + 3 } else { 3 } + coefficients + LIBJPEG_WORKING_BYTES;
    if needed > limits.max_decode_bytes {
        return Err(PhotoError::TooMuchMemory {
            what: format!(
                "{}JPEG of {width}x{height}",
                if frame_header.progressive { "progressive " } else { "" }
            ),
            needed,
            limit: limits.max_decode_bytes,
        });
    }
    let _held = decode_memory::reserve(needed);
    dec.limit_memory(limits.max_decode_bytes).map_err(corrupt)?;
    let (raw, w, h, warning) = dec.decode(data, eighths, 8, region, header.cmyk).map_err(corrupt)?;
    let mut warnings = Vec::new();
    if let Some(w) = warning {
        if is_truncation(&w) {
            return Err(corrupt_msg("the file is truncated (premature end of JPEG data)"));
        }
        warnings.push(format!("damaged JPEG data, decoded anyway: {w}"));
    }
    let pixels = if header.cmyk {
        // Through the file's own CMYK profile when it has one (print shops embed it).
        super::colour::cmyk_to_srgb(
            w,
            h,
            &raw,
            markers.adobe,
            super::colour::jpeg_icc_profile(data).as_deref(),
        )
        .0
    } else {
        Rgb8 {
            width: w,
            height: h,
            data: raw,
        }
    };
    let frame = match region {
        Some(r) => frame_scaled.shifted(f64::from(r.x), f64::from(r.y)),
        None => frame_scaled,
    };
    Ok(Decoded {
        pixels: std::sync::Arc::new(pixels),
        frame,
        source_span,
        source: SourceInfo {
            format: "jpeg".into(),
            width,
            height,
            orientation,
            decode_scale_eighths: Some(eighths),
        },
        warnings,
    })
}

/// The integer region to decode: the frame plus a filter margin, its left edge moved
/// down to an iMCU boundary as libjpeg-turbo requires. `None` when that is everything.
fn crop_region(frame: frame::Rect, (sw, sh): (u32, u32), mcu_width: u32) -> Option<Region> {
    let clamp = |v: f64, max: u32| v.clamp(0.0, f64::from(max)) as u32;
    let mut x0 = clamp((frame.left - FILTER_MARGIN).floor(), sw);
    x0 -= x0 % mcu_width.max(1);
    let x1 = clamp((frame.left + frame.width + FILTER_MARGIN).ceil(), sw);
    let y0 = clamp((frame.top - FILTER_MARGIN).floor(), sh);
    let y1 = clamp((frame.top + frame.height + FILTER_MARGIN).ceil(), sh);
    if x1 <= x0 || y1 <= y0 || (x0 == 0 && y0 == 0 && x1 == sw && y1 == sh) {
        return None;
    }
    Some(Region {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

fn is_truncation(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("premature end") || m.contains("insufficient data")
}

fn corrupt(e: TurboError) -> PhotoError {
    if is_truncation(&e.message) {
        return corrupt_msg("the file is truncated (premature end of JPEG data)");
    }
    corrupt_msg(&e.message)
}

fn corrupt_msg(detail: &str) -> PhotoError {
    PhotoError::Corrupt {
        format: "jpeg".into(),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::frame::Rect;

    #[test]
    fn region_covers_frame_plus_margin_aligned_to_the_mcu() {
        let f = Rect {
            left: 250.0,
            top: 0.0,
            width: 1000.0,
            height: 1000.0,
        };
        let r = crop_region(f, (1500, 1000), 4).unwrap();
        assert_eq!(
            r,
            Region {
                x: 240,
                y: 0,
                width: 1018,
                height: 1000
            }
        );
        assert_eq!(r.x % 4, 0);
        assert!(crop_region(
            Rect {
                left: 0.0,
                top: 0.0,
                width: 10.0,
                height: 10.0
            },
            (10, 10),
            16
        )
        .is_none());
    }
}
