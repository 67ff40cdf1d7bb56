//! ADPhoto's C ABI, and the library PowerShell (or any language) loads: `adphoto.dll`,
//! `libadphoto.so`. Long runs are jobs — a use case on a thread of its own, with a
//! sink that queues its events as JSON for the caller to pull.

pub mod ffi;
pub mod jobs;
