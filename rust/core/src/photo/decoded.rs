//! The result of decoding: pixels, the frame within them, and what was learnt about
//! the source on the way.

use serde::Serialize;

use super::frame::Rect;
use super::raster::Rgb8;

/// Facts about the source file, reported with every conversion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    pub format: String,
    /// Stored dimensions, before orientation.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation applied (1 = none).
    pub orientation: u8,
    /// DCT scale the JPEG was decoded at, in eighths (8 = full size).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decode_scale_eighths: Option<u32>,
}

#[derive(Clone)]
pub struct Decoded {
    /// Shared: the sets of renditions finished from one decode (one per target of a
    /// run) read the same pixels, and a copy each would hold the picture several times
    /// outside the memory budget.
    pub pixels: std::sync::Arc<Rgb8>,
    /// The square (crop) or the whole image (pad), in `pixels` coordinates.
    pub frame: Rect,
    /// The frame's span in full-resolution source pixels.
    pub source_span: f64,
    pub source: SourceInfo,
    pub warnings: Vec<String>,
}
