//! The administrator's other jobs on a directory's photos: get one, export all, remove,
//! report, and restore from a run's backups.

mod export;
mod get;
mod outcome;
mod remove;
mod report;
mod restore;
mod run_folder;

pub use export::{export_photos, ExportItem, ExportTotals};
pub use get::{find_one, get_photos, only_user, photo_of};
pub use outcome::{TaskItem, TaskStatus};
pub use remove::remove_photos;
pub use report::{photo_report, write_report_csv, ReportRow, ReportTotals};
pub use restore::restore_photos;
