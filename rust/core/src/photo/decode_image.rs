//! Every format other than JPEG, through the `image` crate, normalised to 8-bit RGB on
//! white.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::decoded::{Decoded, SourceInfo};
use super::frame::{self, Fit};
use super::raster::flatten_rgba_on_white;
use super::sniff::Format;
use super::{Limits, PhotoError, Rgb8};

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
    let mut reader = ImageReader::with_format(Cursor::new(data), image_format);
    let mut image_limits = image::Limits::default();
    // Room for the largest allowed image at 16 bits per channel with alpha.
    image_limits.max_alloc = Some(limits.max_pixels.saturating_mul(8).saturating_add(64 << 20));
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
    let orientation = decoder.orientation().map(|o| o.to_exif()).unwrap_or(1);
    let image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    let pixels = if image.color().has_alpha() {
        flatten_rgba_on_white(width, height, image.to_rgba8().as_raw())
    } else {
        Rgb8 {
            width,
            height,
            data: image.to_rgb8().into_raw(),
        }
    };
    let frame = frame::frame(width, height, fit);
    Ok(Decoded {
        pixels,
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
