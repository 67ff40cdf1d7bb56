//! Steps more than one test binary of this crate takes the same way.

use std::path::Path;

use adphoto_app::tasks::{restore_photos, TaskItem};
use adphoto_app::Event;
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::Directory;

/// Puts back everyone the run in `run` backed up (for real, not what-if), recording the
/// restore itself in the new run folder `again`.
pub fn restore_everyone(dir: &mut dyn Directory, run: &Path, again: &Path) -> Vec<TaskItem> {
    restore_photos(dir, run, &[], false, again, &Cancel::default(), &mut |_: Event<'_>| {}).unwrap()
}
