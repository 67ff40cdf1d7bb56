//! HEIC/HEIF (iPhones' default) and AVIF through the system's libheif, with the same
//! limits as every other decoder: the size is read from the container and checked
//! before a single pixel is decoded, and everything runs on the calling thread.

use libheif_rs::{ColorPrimaries, ColorSpace, HeifContext, LibHeif, RgbChroma};

use super::decoded::{Decoded, SourceInfo};
use super::frame::{self, Fit};
use super::raster::flatten_rgba_on_white;
use super::{Limits, PhotoError, Rgb8};

/// The ISO-BMFF brands libheif reads: HEVC-coded HEIF, generic HEIF, and AVIF.
pub fn is_heif(data: &[u8]) -> bool {
    heif_brand(data).is_some()
}

/// "heic" or "avif": what the file calls itself, for the result.
fn heif_brand(data: &[u8]) -> Option<&'static str> {
    if data.len() < 12 || &data[4..8] != b"ftyp" {
        return None;
    }
    match &data[8..12] {
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => Some("heic"),
        b"avif" | b"avis" => Some("avif"),
        _ => None,
    }
}

/// The decoded picture and its embedded ICC profile (iPhones tag HEICs Display P3).
pub fn decode(data: &[u8], fit: Fit, limits: &Limits) -> Result<(Decoded, Option<Vec<u8>>), PhotoError> {
    let format = heif_brand(data).unwrap_or("heic");
    let corrupt = |e: libheif_rs::HeifError| PhotoError::Corrupt {
        format: format.into(),
        detail: e.message.clone(),
    };
    let mut context = HeifContext::read_from_bytes(data).map_err(corrupt)?;
    // Grid images (iPhone HEICs are 512-pixel tiles) would otherwise be decoded on
    // threads of libheif's own, outside the batch's worker count.
    context.set_max_decoding_threads(0);
    let handle = context.primary_image_handle().map_err(corrupt)?;
    // The size after the container's rotation and crop, from its headers.
    let (width, height) = (handle.width(), handle.height());
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt {
            format: format.into(),
            detail: "the header gives a zero width or height".into(),
        });
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(PhotoError::TooManyPixels {
            width: width.into(),
            height: height.into(),
            limit: limits.max_pixels,
        });
    }
    let alpha = handle.has_alpha_channel();
    let chroma = if alpha { RgbChroma::Rgba } else { RgbChroma::Rgb };
    let image = LibHeif::new()
        .decode(&handle, ColorSpace::Rgb(chroma), None)
        .map_err(corrupt)?;
    let planes = image.planes();
    let plane = planes.interleaved.ok_or_else(|| PhotoError::Corrupt {
        format: format.into(),
        detail: "libheif returned no interleaved RGB plane".into(),
    })?;
    let channels: usize = if alpha { 4 } else { 3 };
    let (w, h) = (plane.width, plane.height);
    // (The container's rotation may swap the two; the pixel count cannot change.)
    if u64::from(w) * u64::from(h) != u64::from(width) * u64::from(height)
        || plane.storage_bits_per_pixel as usize != channels * 8
    {
        return Err(PhotoError::Corrupt {
            format: format.into(),
            detail: format!(
                "libheif returned {w}x{h} at {} bits per pixel",
                plane.storage_bits_per_pixel
            ),
        });
    }
    let row = w as usize * channels;
    let mut packed = Vec::with_capacity(row * h as usize);
    for y in 0..h as usize {
        let start = y * plane.stride;
        let line = plane.data.get(start..start + row).ok_or_else(|| PhotoError::Corrupt {
            format: format.into(),
            detail: "libheif returned a short plane".into(),
        })?;
        packed.extend_from_slice(line);
    }
    let pixels = if alpha {
        flatten_rgba_on_white(w, h, &packed)
    } else {
        Rgb8 {
            width: w,
            height: h,
            data: packed,
        }
    };
    let icc = handle.color_profile_raw().map(|p| p.data).or_else(|| {
        // No ICC profile but colour primaries in the container (AVIF, some HEICs):
        // Display P3 is the one phones use.
        let nclx = handle.color_profile_nclx()?;
        if nclx.color_primaries() == ColorPrimaries::SMPTE_EG_432_1 {
            moxcms::ColorProfile::new_display_p3().encode().ok()
        } else {
            None
        }
    });
    let frame = frame::frame(w, h, fit);
    let decoded = Decoded {
        pixels: std::sync::Arc::new(pixels),
        frame,
        source_span: frame::frame_span(frame),
        source: SourceInfo {
            format: format.into(),
            width: w,
            height: h,
            // libheif has applied the container's rotation and mirroring; the EXIF
            // orientation of a HEIF must then be ignored (HEIF spec, and what phones do).
            orientation: 1,
            decode_scale_eighths: None,
        },
        warnings: Vec::new(),
    };
    Ok((decoded, icc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_are_recognised_and_garbage_is_corrupt() {
        let mut head = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
        assert_eq!(heif_brand(&head), Some("heic"));
        head[8..12].copy_from_slice(b"avif");
        assert_eq!(heif_brand(&head), Some("avif"));
        head[8..12].copy_from_slice(b"isom");
        assert_eq!(heif_brand(&head), None);
        let mut broken = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
        broken.extend([0xFF; 64]);
        let r = decode(&broken, Fit::Crop, &Limits::default());
        assert!(matches!(r, Err(PhotoError::Corrupt { .. })), "{:?}", r.err());
    }
}
