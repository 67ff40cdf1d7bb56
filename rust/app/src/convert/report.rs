//! The per-input result object: printed as one JSON line by the CLI and returned as
//! JSON through the C ABI, so both faces report exactly the same thing.

use serde::Serialize;

use adphoto_core::error::Error;
use adphoto_core::photo::{FramingReport, Quality, SourceInfo};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReport {
    pub input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceInfo>,
    pub outputs: Vec<OutputReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// How the square was chosen: on the face, or the centre (and why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<FramingReport>,
    /// Sharpness, exposure and the findings (no-face, blurred, ...), with stable kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Quality>,
    /// The ICC profile the colours were converted from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour_profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputReport {
    pub preset: String,
    pub path: String,
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub quality: u8,
}

impl ItemReport {
    /// An input with nothing converted: failed (`error`), or passed over with a note.
    pub fn without_outputs(input: String, error: Option<Error>) -> ItemReport {
        ItemReport {
            input,
            source: None,
            outputs: Vec::new(),
            warnings: Vec::new(),
            framing: None,
            verdict: None,
            colour_profile: None,
            error,
        }
    }

    pub fn failed(input: String, error: Error) -> ItemReport {
        ItemReport::without_outputs(input, Some(error))
    }
}
