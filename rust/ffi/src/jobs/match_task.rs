//! `match`: which photo file belongs to which user, one event per file and per user
//! without a file.

use super::events::Outcome;
use super::handle::Context;
use super::request::MatchTask;
use adphoto_app::{open, run_match};

pub(super) fn run(task: MatchTask, context: &Context) -> Outcome {
    let mut sink = &context.events;
    let result = open(task.users.clone(), context.cancel())
        .and_then(|mut dir| run_match(dir.as_mut(), &task.request(), &mut sink));
    match result {
        Ok((_, totals)) => Outcome::finished(context.cancel(), totals.problems).with_totals(totals.by_kind),
        Err(e) => e.into(),
    }
}
