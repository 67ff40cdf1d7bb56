//! The counts a summary shows.

use std::collections::BTreeMap;

use super::action::Action;
use super::item::{ApplyStatus, PlanItem};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub by_action: BTreeMap<&'static str, usize>,
    /// Bytes of all photos to write.
    pub bytes_to_write: u64,
    /// Growth of the directory: new sizes minus the sizes they replace (when known).
    pub bytes_added: i64,
    pub written: usize,
    pub failed_writes: usize,
    /// Changes not sent because the run was cancelled.
    pub cancelled: usize,
    /// Changes sent whose answer never came: a resume tells whether they arrived.
    pub in_doubt: usize,
    /// Writes an interrupted run sent without an answer, found in place by this run.
    pub confirmed: usize,
}

impl Totals {
    pub fn of(items: &[PlanItem]) -> Totals {
        let mut t = Totals::default();
        for item in items {
            *t.by_action.entry(item.action.name()).or_default() += 1;
            if item.action == Action::Write {
                let new = item.bytes.unwrap_or(0);
                t.bytes_to_write += new;
                t.bytes_added += new as i64 - item.current_bytes.unwrap_or(0) as i64;
            }
            match item.status {
                Some(ApplyStatus::Written) => t.written += 1,
                Some(ApplyStatus::Failed) => t.failed_writes += 1,
                Some(ApplyStatus::Cancelled) => t.cancelled += 1,
                Some(ApplyStatus::InDoubt) => t.in_doubt += 1,
                None => {}
            }
            if item.confirmed {
                t.confirmed += 1;
            }
        }
        t
    }

    pub fn count(&self, action: Action) -> usize {
        self.by_action.get(action.name()).copied().unwrap_or(0)
    }
}
