//! `account-picture`: sync (or roll back) Windows account pictures, one `item` event per
//! user, so Sync-AccountPicture can emit each result as it is done.

use super::events::Outcome;
use super::handle::Context;
use crate::account_picture::{run_sync, SyncRequest};

pub(super) fn run(task: SyncRequest, context: &Context) -> Outcome {
    let result = run_sync(&task, context.cancel(), |item| context.events.emit("item", item));
    match result {
        Ok(totals) => Outcome::finished(context.cancel(), totals.failures).with_totals(&totals.statuses),
        Err(e) => Outcome::failed(e.kind(), e.to_string()),
    }
}
