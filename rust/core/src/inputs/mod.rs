//! Where the photos come from: files and folders named by the administrator.

mod photo_files;

pub use photo_files::{find_photo_files, FoundFile, PHOTO_EXTENSIONS};
