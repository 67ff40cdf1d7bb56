//! Nothing replaced is ever lost: before a photo is overwritten or removed, its old
//! value is saved in a run folder (keyed by the object's stable id, with a manifest),
//! from which `restore` puts it back.

mod entry;
mod folder;
mod journal;
mod saved_file;
mod store;

pub use entry::{read_manifest, BackupEntry};
pub use folder::{data_folder, default_run_folder, release_unused};
pub use journal::{Journal, JOURNAL};
pub use saved_file::{read_saved, MAX_SAVED_BYTES};
pub use store::{BackupStore, Saving, MANIFEST};
