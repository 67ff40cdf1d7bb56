//! The review sheet: one self-contained HTML page (images inside it as data URIs, no
//! script, style or font from anywhere else) with a card per user, to look at before
//! anything is written. It opens offline from a file share in any browser.
//!
//! The input is a plain model (`ReviewSheet` of `Card`s, each with a `TargetView` per
//! target) that any run can fill: `adphoto match`, `set --what-if`, a sync.

mod escape;
mod model;
mod page;
mod script;
mod sheets;

pub use model::{Card, CurrentPhoto, Finding, Image, ReviewSheet, TargetView};
pub use page::render;
pub use sheets::{match_sheet, plan_sheet, PlannedTarget};

/// Writes the sheet to `path` (atomically: a half-written page is never left behind).
pub fn write(path: &std::path::Path, sheet: &ReviewSheet) -> std::io::Result<()> {
    adphoto_core::atomic_file::write_atomically(path, render(sheet).as_bytes())
}
