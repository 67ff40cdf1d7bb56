//! The plan: for every file and every user, what a run would do and why. Planning
//! reads (files, the target's current photos) and never writes.

mod action;
mod apply;
mod item;
mod planner;
mod totals;

pub use action::Action;
pub use apply::{apply, RunRecord};
pub use item::{ApplyStatus, PlanItem};
pub use planner::{plan, CurrentOf, PlanOptions};
pub use totals::Totals;
