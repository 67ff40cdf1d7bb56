//! Limits that protect the process from hostile or absurd input.

use serde::{Deserialize, Serialize};

/// Upper bounds checked before any pixel is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "snake_case")]
pub struct Limits {
    /// Largest accepted file, in bytes.
    pub max_file_bytes: u64,
    /// Largest accepted width × height of the stored image. A 24-megapixel portrait is
    /// 24e6; medium-format backs reach about 100e6. Past that, a small file that claims
    /// a huge canvas is almost certainly a decompression bomb.
    pub max_pixels: u64,
    /// Largest amount of memory one decode may hold (decoded pixels, libjpeg's
    /// coefficient buffer for progressive JPEGs, the decoder's own buffers). JPEGs are
    /// decoded at a reduced size and need little; other formats are decoded whole,
    /// so this is what refuses a small file that decodes into gigabytes.
    pub max_decode_bytes: u64,
}

impl Limits {
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
    pub const DEFAULT_MAX_PIXELS: u64 = 100_000_000;
    /// 256 MiB: an 80-megapixel RGB PNG, a 60-megapixel RGBA one, a 30-megapixel
    /// 16-bit RGBA one, a 64-megapixel progressive 4:2:0 JPEG.
    pub const DEFAULT_MAX_DECODE_BYTES: u64 = 256 << 20;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: Self::DEFAULT_MAX_FILE_BYTES,
            max_pixels: Self::DEFAULT_MAX_PIXELS,
            max_decode_bytes: Self::DEFAULT_MAX_DECODE_BYTES,
        }
    }
}
