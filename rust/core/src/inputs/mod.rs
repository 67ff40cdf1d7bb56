//! Where the photos come from: files and folders named by the administrator.

mod file_key;
mod photo_files;

pub use file_key::RealFile;
pub use photo_files::{find_photo_files, FoundFile, PHOTO_EXTENSIONS};
