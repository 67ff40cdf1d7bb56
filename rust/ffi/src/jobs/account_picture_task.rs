//! `account-picture`: sync (or roll back) Windows account pictures, one `item` event per
//! user, so Sync-AccountPicture can emit each result as it is done.

use super::events::Outcome;
use super::handle::Context;
use adphoto_app::account_picture::{run_sync, SyncRequest};
use adphoto_app::{Event, Sink};

pub(super) fn run(task: SyncRequest, context: &Context) -> Outcome {
    let mut sink = &context.events;
    let result = run_sync(&task, context.cancel(), |item| {
        Sink::emit(&mut sink, Event::AccountPicture(item))
    });
    match result {
        Ok(totals) => Outcome::finished(context.cancel(), totals.failures).with_totals(&totals.statuses),
        Err(e) => Outcome::failed(e.kind(), e.to_string()),
    }
}
