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

#[cfg(target_arch = "x86_64")]
fn pinned_extensions() -> CpuExtensions {
    if std::arch::is_x86_feature_detected!("sse4.1") {
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
