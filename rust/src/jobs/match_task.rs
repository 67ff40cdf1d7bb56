//! `match`: which photo file belongs to which user, one event per file and per user
//! without a file.

use std::collections::BTreeMap;

use super::events::Outcome;
use super::handle::Context;
use super::request::MatchTask;
use crate::bulk::{match_users, open_source};
use crate::matching::match_rows;

pub(super) fn run(task: MatchTask, context: &Context) -> Outcome {
    let mut source = match open_source(task.users.clone(), "thumbnailPhoto") {
        Ok(s) => s,
        Err(e) => return Outcome::failed(e.kind, e.message),
    };
    let matched = match match_users(source.as_mut(), &task.matching()) {
        Ok(m) => m,
        Err(e) => return Outcome::failed(e.kind, e.message),
    };
    for w in &matched.warnings {
        context.events.warning(w);
    }
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = 0;
    for row in match_rows(&matched.result, &matched.table) {
        if context.cancel().is_cancelled() {
            break;
        }
        *totals.entry(row.kind.clone()).or_default() += 1;
        if row.file.is_some() && row.kind != "matched" {
            failures += 1;
        }
        context.events.emit("match", &row);
    }
    Outcome::finished(context.cancel(), failures).with_totals(totals)
}
