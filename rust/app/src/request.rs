//! What a run is asked to do, as the CLI parses it and the C ABI receives it (JSON).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use adphoto_core::matching::MapPair;
use adphoto_core::photo::{Fit, Framing, FramingMode, Limits, PhotoSpec, Preset};

/// Users, photos, and how to pair them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchRequest {
    /// Photo files and folders (searched recursively), matched by `patterns`.
    pub photos: Vec<PathBuf>,
    /// A mapping CSV (identity, path) instead of `photos`.
    pub map: Option<PathBuf>,
    /// Explicit (identity, path) pairs instead of `photos` or `map`.
    pub pairs: Vec<MapPair>,
    /// Naming templates tried in order; the defaults when empty.
    pub patterns: Vec<String>,
    /// The mapping CSV's encoding when it has no byte-order mark (detected when absent).
    pub encoding: Option<String>,
}

/// The caller's changes to the target's photo profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhotoOverrides {
    pub sizes: Vec<u32>,
    pub quality: Option<u8>,
    pub max_bytes: Option<u64>,
    pub fit: Fit,
    /// `face` (default) or `centre`.
    pub framing: FramingMode,
    /// Eye line, per cent of the side from the top (default 42).
    pub eye_line: Option<u8>,
    /// Face height, per cent of the side (default 36).
    pub face_height: Option<u8>,
    pub max_pixels: Option<u64>,
    pub max_file_bytes: Option<u64>,
    pub max_decode_bytes: Option<u64>,
}

impl PhotoOverrides {
    pub fn spec(&self, preset: Preset) -> PhotoSpec {
        PhotoSpec {
            preset,
            sizes: self.sizes.clone(),
            quality: self.quality,
            max_bytes: self.max_bytes,
        }
    }

    /// The framing asked for, checked.
    pub fn framing(&self) -> Result<Framing, String> {
        Framing::with(self.framing, self.eye_line, self.face_height)
    }

    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_pixels: self.max_pixels.unwrap_or(d.max_pixels),
            max_file_bytes: self.max_file_bytes.unwrap_or(d.max_file_bytes),
            max_decode_bytes: self.max_decode_bytes.unwrap_or(d.max_decode_bytes),
        }
    }
}
