//! Windows account pictures: the picture on the sign-in screen and the Start menu, in
//! every size Windows uses, from the best photo available.
//!
//! A sync picks a source (a local HD file, the directory's `jpegPhoto`, the Graph photo,
//! then `thumbnailPhoto`), renders all twelve sizes from one decode, and — only when the
//! source or the recipe changed — replaces `C:\ProgramData\AccountPictures\{SID}\Image{N}.jpg`
//! atomically (keeping the previous set for rollback) and points
//! `HKLM\...\AccountPicture\Users\{SID}` at them. It is meant to run as SYSTEM (startup
//! script or scheduled task), so no registry permission has to be loosened.
//!
//! The file layout and the registry go through `Layout` and `PictureRegistry`: with a
//! root folder (tests, and any non-Windows system) everything lands under that folder
//! and in a registry stand-in file holding exactly what Windows would be given.

mod current_user;
mod error;
mod item;
mod layout;
mod manifest;
mod registry;
mod registry_file;
#[cfg(windows)]
mod registry_windows;
mod render;
mod request;
mod run;
mod sid;
mod sizes;
mod source;
mod source_directory;
mod source_file;
mod sync;
mod writer;

pub use current_user::current_user;
pub use error::AccountPictureError;
pub use item::{FileReport, SourceReport, SyncItem, SyncStatus, Tried};
pub use layout::{Layout, USERS_KEY};
pub use manifest::{Manifest, MANIFEST_FILE};
pub use registry::{open_registry, PictureRegistry, Values};
pub use registry_file::{FileRegistry, STAND_IN_FILE};
pub use render::{render_set, RenderedFile, RenderedSet};
pub use request::SyncRequest;
pub use run::{open_sources, prepare, run_sync, SyncTotals};
pub use sid::check_sid;
pub use sizes::{file_name, recipe, renditions, value_name, DEFAULT_QUALITY};
pub use source::{Fetched, Lookup, PhotoSource, SourceKind, UserRef};
pub use source_directory::DirectorySource;
pub use source_file::FileSource;
pub use sync::Syncer;
pub use writer::{NewSet, SetWriter, PREVIOUS_FOLDER};
