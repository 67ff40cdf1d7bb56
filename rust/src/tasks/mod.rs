//! The administrator's other jobs on a directory's photos: get one, export all, remove,
//! report, and restore from a run's backups.

mod export;
mod get;
mod lookup;
mod outcome;
mod remove;
mod report;
mod restore;

pub use export::{export_photos, ExportItem};
pub use get::get_photo;
pub use lookup::{FoundUser, PhotoLookup};
pub use outcome::TaskItem;
pub use remove::remove_photos;
pub use report::{photo_report, write_report_csv, ReportRow, ReportTotals};
pub use restore::restore_photos;
