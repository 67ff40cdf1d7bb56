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
}

impl Limits {
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
    pub const DEFAULT_MAX_PIXELS: u64 = 100_000_000;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: Self::DEFAULT_MAX_FILE_BYTES,
            max_pixels: Self::DEFAULT_MAX_PIXELS,
        }
    }
}
