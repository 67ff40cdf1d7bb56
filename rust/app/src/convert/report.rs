//! The per-input result object: printed as one JSON line by the CLI and returned as
//! JSON through the C ABI, so both faces report exactly the same thing.

use serde::Serialize;

use adphoto_core::error::Error;
use adphoto_core::photo::SourceInfo;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReport {
    pub input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceInfo>,
    pub outputs: Vec<OutputReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
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
    pub fn failed(input: String, error: Error) -> ItemReport {
        ItemReport {
            input,
            source: None,
            outputs: Vec::new(),
            warnings: Vec::new(),
            error: Some(error),
        }
    }
}
