//! Every format other than JPEG, through the `image` crate, normalised to 8-bit RGB on
//! white.
//!
//! These formats cannot be decoded at a reduced size, so what a decode will hold is
//! known from the header (the decoded buffer, plus what the format's decoder keeps
//! beside it) and checked against the per-image limit before a pixel is decoded. The
//! pixels are decoded into one buffer and turned into RGB in place where the layout
//! allows, so a decode holds little more than its decoded size. PNG ancillary chunks
//! (colour profiles and text, zlib data that can inflate to gigabytes) are dropped
//! before the decoder sees them.

use std::io::Cursor;

use image::{ColorType, ImageDecoder, ImageFormat, ImageReader};

use super::decode_memory;
use super::decoded::{Decoded, SourceInfo};
use super::frame::{self, Fit};
use super::png_chunks::without_ancillary;
use super::sniff::Format;
use super::{Limits, PhotoError, Rgb8};

/// What a decoder keeps besides the decoded buffer (tables, rows, zlib windows).
const DECODER_WORKING_BYTES: u64 = 16 << 20;

pub fn decode(data: &[u8], format: Format, fit: Fit, limits: &Limits) -> Result<Decoded, PhotoError> {
    let image_format = match format {
        Format::Png => ImageFormat::Png,
        Format::Gif => ImageFormat::Gif,
        Format::Bmp => ImageFormat::Bmp,
        Format::Tiff => ImageFormat::Tiff,
        Format::WebP => ImageFormat::WebP,
        Format::Jpeg => ImageFormat::Jpeg,
    };
    let corrupt = |e: image::ImageError| match e {
        image::ImageError::Unsupported(u) => PhotoError::UnsupportedFormat {
            format: format.name().to_string(),
            hint: format!("this variant cannot be read ({u}); convert it to JPEG or PNG first"),
        },
        image::ImageError::Limits(l) => PhotoError::Corrupt {
            format: format.name().into(),
            detail: format!("decoding would need too much memory ({l})"),
        },
        other => PhotoError::Corrupt {
            format: format.name().into(),
            detail: other.to_string(),
        },
    };
    let data = if format == Format::Png {
        without_ancillary(data)
    } else {
        std::borrow::Cow::Borrowed(data)
    };
    let mut reader = ImageReader::with_format(Cursor::new(&*data), image_format);
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt {
            format: format.name().into(),
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
    let colour = decoder.color_type();
    let decoded_bytes = decoder.total_bytes();
    let needed = decoded_bytes
        .saturating_add(conversion_bytes(colour, width, height))
        .saturating_add(format_overhead(format, width, height))
        .saturating_add(DECODER_WORKING_BYTES);
    if needed > limits.max_decode_bytes {
        return Err(PhotoError::TooMuchMemory {
            what: format!("{} of {width}x{height} ({colour:?})", format.name().to_uppercase()),
            needed,
            limit: limits.max_decode_bytes,
        });
    }
    let _held = decode_memory::reserve(needed);
    // What the decoder may allocate besides the buffer it decodes into.
    let mut inner = image::Limits::default();
    inner.max_alloc = Some(
        limits
            .max_decode_bytes
            .saturating_sub(decoded_bytes)
            .max(DECODER_WORKING_BYTES),
    );
    decoder.set_limits(inner).map_err(corrupt)?;
    let orientation = decoder.orientation().map(|o| o.to_exif()).unwrap_or(1);
    let mut buffer = allocate(decoded_bytes)?;
    decoder.read_image(&mut buffer).map_err(corrupt)?;
    let pixels = to_rgb_on_white(buffer, colour, width, height).ok_or_else(|| PhotoError::UnsupportedFormat {
        format: format.name().to_string(),
        hint: format!("{colour:?} pixels cannot be read; convert it to JPEG or PNG first"),
    })?;
    let frame = frame::frame(width, height, fit);
    Ok(Decoded {
        pixels: std::sync::Arc::new(pixels),
        frame,
        source_span: frame::frame_span(frame),
        source: SourceInfo {
            format: format.name().into(),
            width,
            height,
            orientation,
            decode_scale_eighths: None,
        },
        warnings: Vec::new(),
    })
}

/// A zeroed buffer, or an error rather than an abort when memory is short.
fn allocate(bytes: u64) -> Result<Vec<u8>, PhotoError> {
    let len = usize::try_from(bytes).map_err(|_| PhotoError::Internal("the image does not fit in memory".into()))?;
    let mut buffer = Vec::new();
    buffer
        .try_reserve_exact(len)
        .map_err(|_| PhotoError::Internal(format!("cannot allocate {} MB to decode the image", bytes >> 20)))?;
    buffer.resize(len, 0);
    Ok(buffer)
}

/// A second buffer, for layouts narrower than RGB that cannot grow in place.
fn conversion_bytes(colour: ColorType, width: u32, height: u32) -> u64 {
    if colour.bytes_per_pixel() < 3 {
        u64::from(width) * u64::from(height) * 3
    } else {
        0
    }
}

/// What a format's decoder holds beside the decoded buffer: WebP decodes lossless
/// images through a 32-bit ARGB plane (and alpha through a plane of its own), and a
/// GIF frame smaller than its screen is decoded apart first.
fn format_overhead(format: Format, width: u32, height: u32) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    match format {
        Format::WebP => pixels * 5,
        Format::Gif => pixels * 4,
        _ => 0,
    }
}

/// The decoded samples as 8-bit RGB, transparency composited onto white, reusing the
/// decoded buffer whenever a pixel is at least three bytes wide. `None` for a layout
/// this does not know.
fn to_rgb_on_white(mut buffer: Vec<u8>, colour: ColorType, width: u32, height: u32) -> Option<Rgb8> {
    let pixels = width as usize * height as usize;
    let channels = usize::from(colour.channel_count());
    let sample_bytes = usize::from(colour.bytes_per_pixel()) / channels.max(1);
    let read = |px: &[u8], c: usize| -> u32 {
        let at = c * sample_bytes;
        match sample_bytes {
            1 => u32::from(px[at]) * 257,
            2 => u32::from(u16::from_ne_bytes([px[at], px[at + 1]])),
            _ => {
                let f = f32::from_ne_bytes([px[at], px[at + 1], px[at + 2], px[at + 3]]);
                (f.clamp(0.0, 1.0) * 65535.0).round() as u32
            }
        }
    };
    let width_bytes = usize::from(colour.bytes_per_pixel());
    if !matches!(sample_bytes, 1 | 2 | 4) || !matches!(channels, 1..=4) || buffer.len() < pixels * width_bytes {
        return None;
    }
    if colour == ColorType::Rgb8 {
        buffer.truncate(pixels * 3);
        return Some(Rgb8 {
            width,
            height,
            data: buffer,
        });
    }
    let has_alpha = colour.has_alpha();
    let grey = channels <= 2;
    // Composites one pixel's 16-bit samples onto white, as 8-bit RGB.
    let pixel = |px: &[u8]| -> [u8; 3] {
        let alpha = if has_alpha { read(px, channels - 1) } else { 65535 };
        let mut rgb = [0u8; 3];
        for (i, out) in rgb.iter_mut().enumerate() {
            let c = read(px, if grey { 0 } else { i });
            let over_white = (u64::from(c) * u64::from(alpha) + 65535 * u64::from(65535 - alpha) + 32767) / 65535;
            *out = ((over_white * 255 + 32767) / 65535) as u8;
        }
        rgb
    };
    if width_bytes >= 3 {
        // In place: pixel i is written at 3i, never past the start of pixel i + 1.
        for i in 0..pixels {
            let rgb = pixel(&buffer[i * width_bytes..(i + 1) * width_bytes]);
            buffer[i * 3..i * 3 + 3].copy_from_slice(&rgb);
        }
        buffer.truncate(pixels * 3);
        return Some(Rgb8 {
            width,
            height,
            data: buffer,
        });
    }
    let mut data = Vec::with_capacity(pixels * 3);
    for px in buffer.chunks_exact(width_bytes).take(pixels) {
        data.extend_from_slice(&pixel(px));
    }
    Some(Rgb8 { width, height, data })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_becomes_rgb_on_white() {
        let rgba8 = vec![255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 128];
        let out = to_rgb_on_white(rgba8, ColorType::Rgba8, 3, 1).unwrap();
        assert_eq!(out.data, [255, 0, 0, 255, 255, 255, 127, 255, 127]);
        let half = vec![0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128];
        assert_eq!(
            to_rgb_on_white(half, ColorType::Rgba8, 3, 1).unwrap().data,
            [255, 255, 255, 0, 0, 0, 127, 127, 127]
        );
        let la8 = vec![0, 255, 100, 0];
        assert_eq!(
            to_rgb_on_white(la8, ColorType::La8, 2, 1).unwrap().data,
            [0, 0, 0, 255, 255, 255]
        );
        let mut rgba16 = Vec::new();
        for v in [65535u16, 0, 0, 65535] {
            rgba16.extend_from_slice(&v.to_ne_bytes());
        }
        assert_eq!(
            to_rgb_on_white(rgba16, ColorType::Rgba16, 1, 1).unwrap().data,
            [255, 0, 0]
        );
        let l16: Vec<u8> = 32768u16.to_ne_bytes().to_vec();
        assert_eq!(
            to_rgb_on_white(l16, ColorType::L16, 1, 1).unwrap().data,
            [128, 128, 128]
        );
        let rgb = vec![1, 2, 3, 4, 5, 6];
        assert_eq!(
            to_rgb_on_white(rgb, ColorType::Rgb8, 2, 1).unwrap().data,
            [1, 2, 3, 4, 5, 6]
        );
    }
}
