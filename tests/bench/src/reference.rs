//! The reference each tool's outputs are scored against: what the photo looks like at
//! 648 and 96 pixels when nothing is skimped — a full-resolution decode (no DCT
//! scaling), the centre square, and one Lanczos3 reduction straight to each size.

use std::path::Path;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::decode::decode_rgb;
use crate::ssim::{luma, Plane};
use crate::BenchResult;

/// Reference lumas of one photo, one per output size, in the order asked for.
pub fn reference(photo: &Path, sizes: &[u32]) -> BenchResult<Vec<Plane>> {
    let data = std::fs::read(photo).map_err(|e| format!("{}: {e}", photo.display()))?;
    let full = decode_rgb(&data).map_err(|e| format!("{}: {e}", photo.display()))?;
    let (w, h) = (full.width, full.height);
    let src = ImageRef::new(w, h, &full.pixels, PixelType::U8x3).map_err(|e| e.to_string())?;
    let side = w.min(h);
    let (left, top) = ((w - side) / 2, (h - side) / 2);
    let mut resizer = Resizer::new();
    sizes
        .iter()
        .map(|&size| {
            let mut dst = Image::new(size, size, PixelType::U8x3);
            let options = ResizeOptions::new()
                .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
                .crop(f64::from(left), f64::from(top), f64::from(side), f64::from(side));
            resizer.resize(&src, &mut dst, &options).map_err(|e| e.to_string())?;
            Ok(luma(size as usize, size as usize, dst.buffer()))
        })
        .collect()
}
