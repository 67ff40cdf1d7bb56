//! The ledger applied to a plan (a photo changed elsewhere is left alone) and to a run
//! (every photo written is recorded as it completes, so a killed run loses nothing).

use super::store::{Ledger, Verdict};
use crate::sink::{Event, Sink};
use adphoto_core::directory::Directory;
use adphoto_core::plan::{Action, ApplyStatus, PlanItem};

/// Turns the changes planned for users whose present photo is not the one ADPhoto last
/// wrote into `changed-elsewhere` (unless `force`: then the reason says so).
pub fn mark_changed_elsewhere(items: &mut [PlanItem], dir: &dyn Directory, ledger: &Ledger, force: bool) {
    for item in items.iter_mut().filter(|i| i.action.changes_target()) {
        let (Some(entry), Some(key)) = (&item.entry, &item.key) else {
            continue;
        };
        if ledger.verdict(key, &dir.current(entry)) != Verdict::ChangedElsewhere {
            continue;
        }
        if force {
            item.reason = format!("{} (changed elsewhere since ADPhoto wrote it; --force)", item.reason);
            continue;
        }
        item.action = Action::ChangedElsewhere;
        item.reason = "the photo there is not the one ADPhoto last wrote: someone else changed it since \
                       (left alone; --force replaces it)"
            .into();
        item.photo = None;
    }
}

/// A sink that records in `ledger` every change as it is written, then passes the event
/// on. A ledger that cannot be written is a warning: the run itself went well.
pub fn recording_sink<'a>(ledger: &'a mut Ledger, inner: &'a mut dyn Sink) -> impl FnMut(Event<'_>) + 'a {
    let mut warned = false;
    move |event: Event<'_>| {
        if let Event::Applied { item, .. } = event {
            if let (Some(ApplyStatus::Written), Some(key)) = (item.status, &item.key) {
                let photo = match item.action {
                    Action::Remove => None,
                    _ => item.photo.as_deref(),
                };
                if let Err(e) = ledger.record(key, photo) {
                    if !warned {
                        warned = true;
                        inner.emit(Event::Warning(&format!("who-wrote-what record: {e}")));
                    }
                }
            }
        }
        inner.emit(event);
    }
}
