//! ADPhoto: put people's photos where their organisation's software looks for them.
//!
//! The stages of a bulk run are modules of their own (`inputs`, `photo`, ...); the
//! `adphoto` command line and the C ABI are thin faces over them.

pub mod account_picture;
pub mod atomic_file;
pub mod backup;
pub mod bulk;
pub mod cancel;
pub mod clock;
pub mod cloud;
pub mod conversion_cache;
pub mod convert_batch;
pub mod digest;
pub mod durable;
#[cfg(feature = "fault-injection")]
pub mod fault;
pub mod ffi;
pub mod google;
pub mod graph;
pub mod inputs;
pub mod jobs;
pub mod ldap;
pub mod matching;
pub mod parallel;
pub mod photo;
pub mod plan;
pub mod safe_names;
pub mod secret;
pub mod targets;
pub mod tasks;
pub mod text;
pub mod users;
