//! Where a use case tells what it is doing, item by item. The command line is a sink
//! that prints; a C ABI job is a sink that queues JSON events for its caller. Both
//! receive exactly the same events, so neither face knows more than the other.

use serde::Serialize;

use super::convert::ItemReport;
use super::tasks::{ExportItem, ReportRow, TaskItem};
use crate::account_picture::SyncItem;
use adphoto_core::matching::MatchRow;
use adphoto_core::plan::PlanItem;

/// Which part of a run a progress count is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Converting photos and comparing them with the directory's.
    Plan,
    /// Writing the changes.
    Apply,
    /// Converting files (`convert`).
    Convert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    /// Known when the work was counted first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    /// Whether the item just done needs attention.
    #[serde(skip)]
    pub failed: bool,
}

/// The plan as a whole, once every item is planned.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    /// Where the users came from, and where photos go.
    pub source: String,
    pub target: String,
    pub users: usize,
    /// Items that would change the directory.
    pub changes: usize,
    pub totals: std::collections::BTreeMap<&'static str, usize>,
}

#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// Something the administrator should know that is not an item's failure.
    Warning(&'a str),
    Progress(Progress),
    /// One file's (or user's) match.
    Match(&'a MatchRow),
    /// One item of a plan, as planned; `id` names it for a later selection.
    Planned {
        id: usize,
        item: &'a PlanItem,
    },
    /// The plan is complete.
    PlanReady(&'a PlanSummary),
    /// One change, as applied.
    Applied {
        id: usize,
        item: &'a PlanItem,
    },
    /// One user's photo read by `get`, with the photo.
    Got {
        identity: &'a str,
        item: &'a TaskItem,
        photo: &'a [u8],
    },
    /// One user of `remove`, `restore` (or a failed `get`).
    Task(&'a TaskItem),
    /// One user of `export`.
    Exported(&'a ExportItem),
    /// One user of `report`.
    Row(&'a ReportRow),
    /// One input of `convert`.
    Converted(&'a ItemReport),
    /// One user of an account-picture sync.
    AccountPicture(&'a SyncItem),
}

pub trait Sink {
    fn emit(&mut self, event: Event<'_>);
}

impl<F: FnMut(Event<'_>)> Sink for F {
    fn emit(&mut self, event: Event<'_>) {
        self(event)
    }
}

/// A sink that drops everything (tests, and faces that only want the result).
pub struct Discard;

impl Sink for Discard {
    fn emit(&mut self, _event: Event<'_>) {}
}
