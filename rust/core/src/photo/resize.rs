//! High-quality downscaling (Lanczos3, SIMD) from a frame of a buffer to a square.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{CpuExtensions, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::frame::Rect;
use super::{PhotoError, Rgb8};

pub struct Scaler(Resizer);

impl Scaler {
    pub fn new() -> Scaler {
        let mut resizer = Resizer::new();
        // One fixed instruction set rather than "the best this CPU has": outputs must be
        // byte-identical on every machine that runs a job, or "skip unchanged" would
        // rewrite photos whenever the job moves to a newer CPU.
        let pinned = pinned_extensions();
        // Safety: pinned_extensions() only names an extension the CPU reports.
        unsafe { resizer.set_cpu_extensions(pinned) };
        Scaler(resizer)
    }

    /// Resamples `frame` of `src` to exactly `width`×`height`.
    pub fn resize(&mut self, src: &Rgb8, frame: Rect, width: u32, height: u32) -> Result<Rgb8, PhotoError> {
        let internal = |e: &dyn std::fmt::Display| PhotoError::Internal(format!("resize: {e}"));
        let view = ImageRef::new(src.width, src.height, &src.data, PixelType::U8x3).map_err(|e| internal(&e))?;
        let mut dst = Image::new(width, height, PixelType::U8x3);
        let options = ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
            .crop(frame.left, frame.top, frame.width, frame.height);
        self.0.resize(&view, &mut dst, &options).map_err(|e| internal(&e))?;
        Ok(Rgb8 {
            width,
            height,
            data: dst.into_vec(),
        })
    }
}

impl Default for Scaler {
    fn default() -> Self {
        Scaler::new()
    }
}

/// AVX2 when the CPU has it, else SSE4.1: fast_image_resize computes both with the
/// same 16-bit fixed-point coefficients and 32-bit sums, so they give the same bytes
/// (`avx2_and_sse41_give_the_same_bytes` checks it), and AVX2 does the work of the
/// resize, a tenth of a photo's CPU time, in about two thirds of the time. Without
/// either, the plain code differs in rounding: such a machine's outputs would differ.
#[cfg(target_arch = "x86_64")]
fn pinned_extensions() -> CpuExtensions {
    if std::arch::is_x86_feature_detected!("avx2") {
        CpuExtensions::Avx2
    } else if std::arch::is_x86_feature_detected!("sse4.1") {
        CpuExtensions::Sse4_1
    } else {
        CpuExtensions::None
    }
}

#[cfg(target_arch = "aarch64")]
fn pinned_extensions() -> CpuExtensions {
    CpuExtensions::Neon
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn pinned_extensions() -> CpuExtensions {
    CpuExtensions::None
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// With one extension forced, for the comparison.
    fn resized_with(ext: CpuExtensions, src: &Rgb8, frame: Rect, side: u32) -> Vec<u8> {
        let mut scaler = Scaler::new();
        // Safety: the caller checked the CPU has `ext`.
        unsafe { scaler.0.set_cpu_extensions(ext) };
        scaler.resize(src, frame, side, side).unwrap().data
    }

    /// The reason AVX2 may be used: it must give exactly the bytes SSE4.1 gives, or a
    /// job moved to another machine would rewrite every photo.
    #[test]
    fn avx2_and_sse41_give_the_same_bytes() {
        if !(std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("sse4.1")) {
            eprintln!("this CPU lacks AVX2 or SSE4.1: nothing to compare");
            return;
        }
        // Noise with sharp edges: every coefficient and every rounding matters.
        let (w, h) = (1031u32, 779u32);
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let data: Vec<u8> = (0..w * h * 3)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if (i / 3 / w) % 97 < 3 {
                    255
                } else {
                    (state >> 56) as u8
                }
            })
            .collect();
        let src = Rgb8 {
            width: w,
            height: h,
            data,
        };
        for (frame, side) in [
            (
                Rect {
                    left: 0.0,
                    top: 0.0,
                    width: 779.0,
                    height: 779.0,
                },
                648,
            ),
            (
                Rect {
                    left: 126.3,
                    top: 3.7,
                    width: 771.5,
                    height: 771.5,
                },
                648,
            ),
            (
                Rect {
                    left: 200.0,
                    top: 10.0,
                    width: 500.0,
                    height: 500.0,
                },
                96,
            ),
            (
                Rect {
                    left: 0.0,
                    top: 0.0,
                    width: 1031.0,
                    height: 779.0,
                },
                97,
            ),
            (
                Rect {
                    left: 500.5,
                    top: 300.25,
                    width: 300.0,
                    height: 300.0,
                },
                301,
            ),
        ] {
            let avx2 = resized_with(CpuExtensions::Avx2, &src, frame, side);
            let sse41 = resized_with(CpuExtensions::Sse4_1, &src, frame, side);
            assert!(avx2 == sse41, "{frame:?} to {side}");
        }
    }
}
