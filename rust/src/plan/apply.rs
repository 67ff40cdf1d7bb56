//! Carries out a plan's writes on a target, one item at a time, never stopping the
//! batch for one failure.

use super::action::Action;
use super::item::{ApplyStatus, PlanItem};
use crate::convert_batch::ErrorReport;
use crate::targets::{PhotoTarget, TargetError};
use crate::users::UserTable;

/// Writes every `Write` item (in plan order), then finishes the target. Each item's
/// status and error are filled in; `on_item` sees each as it completes. An error from
/// finishing (the LDIF could not be saved) is returned and every write is then
/// marked failed, since none of them reached its destination.
pub fn apply(
    table: &UserTable,
    items: &mut [PlanItem],
    target: &mut dyn PhotoTarget,
    mut on_item: impl FnMut(&PlanItem),
) -> Result<(), TargetError> {
    for item in items.iter_mut().filter(|i| i.action == Action::Write) {
        let (Some(user), Some(photo)) = (item.matched.user_id, item.photo.as_deref()) else {
            continue;
        };
        match target.write(table, user, photo) {
            Ok(()) => item.status = Some(ApplyStatus::Written),
            Err(e) => {
                item.status = Some(ApplyStatus::Failed);
                item.error = Some(ErrorReport::new(e.kind, e.message));
            }
        }
        on_item(item);
    }
    if let Err(e) = target.finish() {
        for item in items.iter_mut().filter(|i| i.status == Some(ApplyStatus::Written)) {
            item.status = Some(ApplyStatus::Failed);
            item.error = Some(ErrorReport::new(e.kind, e.message.clone()));
        }
        return Err(e);
    }
    Ok(())
}
