//! The second corpus: 24-megapixel photos of a real face, made independently of the
//! drawn portraits of `portrait.rs` and closer to what phones and cameras give: the
//! astronaut of scikit-image (public domain; tests/fixtures/faces/astronaut.jpg)
//! enlarged to portrait scale at a different place and distance in each photo, on a
//! textured, out-of-focus background, with sensor grain over everything (an enlarged
//! 512-pixel photo alone would be unnaturally smooth, and decode unnaturally fast).
//! Half landscape (6000x4000), half portrait (4000x6000); quality 90-96, 4:2:0 or
//! 4:2:2 as cameras write.

use fast_image_resize::images::Image as FirImage;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use turbojpeg::{Compressor, Image, PixelFormat, Subsamp};

use crate::noise::{hash, mix, unit, Fractal};
use crate::BenchResult;

pub const GENERATOR_VERSION: &str = "faces-v1";
const SEED: u64 = 0xFACE_5EED;

fn astronaut() -> BenchResult<(Vec<u8>, u32, u32)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/faces/astronaut.jpg");
    let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let img = turbojpeg::decompress(&data, PixelFormat::RGB).map_err(|e| format!("astronaut.jpg: {e}"))?;
    Ok((img.pixels, img.width as u32, img.height as u32))
}

/// Photo `index` of the faces corpus, encoded.
pub fn make_photo(index: usize) -> BenchResult<Vec<u8>> {
    let seed = hash(&[SEED, index as u64]);
    let draw = |k: u64| unit(hash(&[seed, k]));
    let (w, h) = if index % 2 == 0 {
        (6000u32, 4000u32)
    } else {
        (4000, 6000)
    };
    let short = w.min(h) as f32;
    // The astronaut's 512-pixel frame (face box about 0.19 of it) at 55-95% of the
    // short side: a head-and-shoulders portrait to a half-length phone photo.
    let side = (short * (0.55 + 0.40 * draw(1))) as u32;
    let x = ((w - side) as f32 * (0.15 + 0.7 * draw(2))) as u32;
    let y = ((h - side) as f32 * (0.1 + 0.5 * draw(3))) as u32;

    let (face, fw, fh) = astronaut()?;
    let src = FirImage::from_vec_u8(fw, fh, face, PixelType::U8x3).map_err(|e| e.to_string())?;
    let mut big = FirImage::new(side, side, PixelType::U8x3);
    Resizer::new()
        .resize(
            &src,
            &mut big,
            &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom)),
        )
        .map_err(|e| e.to_string())?;
    let big = big.into_vec();

    let mut texture = Fractal::new(hash(&[seed, 1]), w, h, &[4, 8, 16, 32, 64, 128, 256, 512], 1, 0.3);
    let mut detail = Fractal::new(hash(&[seed, 2]), w, h, &[2, 3, 5], 1, 0.0);
    let tint = [0.8 + 0.4 * draw(4), 0.8 + 0.4 * draw(5), 0.8 + 0.4 * draw(6)];
    let grain = 3.0 + 3.0 * draw(7);
    let mut out = vec![0u8; w as usize * h as usize * 3];
    let (mut t, mut d) = (vec![0f32; w as usize], vec![0f32; w as usize]);
    for row in 0..h {
        t.iter_mut().for_each(|v| *v = 0.0);
        d.iter_mut().for_each(|v| *v = 0.0);
        texture.add_row(row, 0..texture.len(), &mut t);
        detail.add_row(row, 0..detail.len(), &mut d);
        let line = &mut out[(row * w * 3) as usize..((row + 1) * w * 3) as usize];
        for (col, px) in line.chunks_exact_mut(3).enumerate() {
            let inside = (col as u32).wrapping_sub(x) < side && row.wrapping_sub(y) < side;
            let base: [f32; 3] = if inside {
                let at = (((row - y) * side + (col as u32 - x)) * 3) as usize;
                // Fine texture the enlargement lost: skin pores, fabric.
                let fine = 6.0 * d[col];
                [
                    big[at] as f32 + fine,
                    big[at + 1] as f32 + fine,
                    big[at + 2] as f32 + fine,
                ]
            } else {
                let v = 110.0 + 45.0 * t[col];
                [v * tint[0], v * tint[1], v * tint[2]]
            };
            let g = mix(hash(&[seed, u64::from(row), col as u64]));
            let noise = |bits: u64| {
                ((bits & 0xFFFF) as f32 / 65536.0 + ((bits >> 16) & 0xFFFF) as f32 / 65536.0 - 1.0) * grain * 2.45
            };
            let shared = noise(g);
            for c in 0..3 {
                let n = 0.7 * shared + 0.5 * noise(g >> (16 * (c + 1)) | (g << 8));
                px[c] = (base[c] + n).round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    let mut compressor = Compressor::new().map_err(|e| format!("turbojpeg: {e}"))?;
    compressor
        .set_quality(90 + (draw(8) * 7.0) as i32)
        .map_err(|e| format!("turbojpeg: {e}"))?;
    compressor
        .set_subsamp(if draw(9) < 0.5 {
            Subsamp::Sub2x2
        } else {
            Subsamp::Sub2x1
        })
        .map_err(|e| format!("turbojpeg: {e}"))?;
    let image = Image {
        pixels: out.as_slice(),
        width: w as usize,
        pitch: w as usize * 3,
        height: h as usize,
        format: PixelFormat::RGB,
    };
    compressor.compress_to_vec(image).map_err(|e| format!("turbojpeg: {e}"))
}
