//! Everything that can go wrong while turning one file into directory-ready photos.

use thiserror::Error;

use crate::error::ErrorKind;

#[derive(Debug, Error)]
pub enum PhotoError {
    #[error("the file is empty (0 bytes)")]
    Empty,

    #[error("the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-bytes)")]
    FileTooLarge { size: u64, limit: u64 },

    #[error(
        "the image is {width}x{height} ({:.1} megapixels), over the limit of {:.1} megapixels; \
         refused as a possible decompression bomb (raise it with --max-pixels)",
        *width as f64 * *height as f64 / 1e6,
        *limit as f64 / 1e6
    )]
    TooManyPixels { width: u64, height: u64, limit: u64 },

    #[error(
        "decoding this {what} would need {} MB of memory, over the limit of {} MB for one image; refused as a \
         possible decompression bomb (convert it to JPEG, or raise the limit with --max-decode-bytes)",
        needed.div_ceil(1 << 20),
        limit >> 20
    )]
    TooMuchMemory { what: String, needed: u64, limit: u64 },

    #[error("the image would take too long to decode: {detail}; refused as a possible CPU bomb")]
    TooComplex { detail: String },

    #[error("{format} images are not supported: {hint}")]
    UnsupportedFormat { format: String, hint: String },

    #[error("not an image: {detail}")]
    NotAnImage { detail: String },

    #[error("corrupt {format} image: {detail}")]
    Corrupt { format: String, detail: String },

    #[error("cannot fit a {size}x{size} photo into {max_bytes} bytes, even at the lowest quality and size")]
    BudgetUnreachable { size: u32, max_bytes: u64 },

    #[error("invalid options: {0}")]
    InvalidOptions(String),

    #[error("cannot read the file: {0}")]
    Read(String),

    #[error("cannot write the output: {0}")]
    Write(String),

    #[error("internal error: {0}")]
    Internal(String),
}

impl PhotoError {
    /// A stable, machine-readable name for the error, used in JSON output, C status
    /// messages and PowerShell error ids. Never change an existing value.
    pub fn kind(&self) -> ErrorKind {
        match self {
            PhotoError::Empty => ErrorKind::EmptyFile,
            PhotoError::FileTooLarge { .. } => ErrorKind::FileTooLarge,
            PhotoError::TooManyPixels { .. } | PhotoError::TooMuchMemory { .. } => ErrorKind::TooManyPixels,
            PhotoError::TooComplex { .. } => ErrorKind::TooComplex,
            PhotoError::UnsupportedFormat { .. } => ErrorKind::UnsupportedFormat,
            PhotoError::NotAnImage { .. } => ErrorKind::NotAnImage,
            PhotoError::Corrupt { .. } => ErrorKind::CorruptImage,
            PhotoError::BudgetUnreachable { .. } => ErrorKind::BudgetUnreachable,
            PhotoError::InvalidOptions(_) => ErrorKind::InvalidOptions,
            PhotoError::Read(_) => ErrorKind::ReadFailed,
            PhotoError::Write(_) => ErrorKind::WriteFailed,
            PhotoError::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl From<PhotoError> for crate::error::Error {
    fn from(e: PhotoError) -> crate::error::Error {
        crate::error::Error::new(e.kind(), e.to_string())
    }
}

impl From<&PhotoError> for crate::error::Error {
    fn from(e: &PhotoError) -> crate::error::Error {
        crate::error::Error::new(e.kind(), e.to_string())
    }
}
