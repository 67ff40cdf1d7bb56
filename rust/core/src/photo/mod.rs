//! The photo engine: any portrait file in, directory-ready square JPEGs out.
//!
//! Decode once (JPEGs at the smallest DCT scale that covers the largest output, and
//! only the frame's region), then per output: resample the frame with Lanczos3, pad or
//! crop to a square, apply the EXIF orientation, encode a baseline 4:2:0 JPEG with no
//! metadata, and search quality (then size) to fit the byte budget.

mod budget;
mod colour;
mod convert;
#[cfg(all(feature = "heif", not(windows)))]
mod decode_heif;
mod decode_image;
mod decode_jpeg;
mod decode_memory;
mod decoded;
mod error;
mod exif;
mod face;
mod face_framing;
mod frame;
mod framing;
mod grey;
mod jpeg_markers;
mod jpeg_segments;
mod jpeg_work;
mod limits;
mod passthrough;
mod png_chunks;
mod preset;
mod quality;
mod raster;
mod rendition_sets;
mod resize;
mod sniff;
mod turbo;
mod turbo_sys;

pub use budget::MIN_QUALITY;
pub use convert::{read_source, Converted, Converter, PhotoOutput, Prepared};
pub use decoded::SourceInfo;
pub use error::PhotoError;
pub use face_framing::{FaceBox, FramingReport, SquareBox};
pub use frame::Fit;
pub use framing::{Framing, FramingMode};
pub use jpeg_markers::jpeg_dimensions;
pub use limits::Limits;
pub use preset::{
    PhotoSpec, Preset, Rendition, ACCOUNT_PICTURE_SIZES, AD_THUMBNAIL_LIMIT, GOOGLE_PHOTO_LIMIT, GOOGLE_SIZE, MAX_SIZE,
    MIN_SIZE,
};
pub use quality::{Quality, QualityIssue};
pub use raster::Rgb8;
pub use rendition_sets::{convert_sets, SetsConverted};
pub use sniff::{sniff, Format};
