//! The plan: for every file and every user, what a run would do and why. Planning
//! reads (files, the target's current photos) and never writes.

mod action;
mod apply;
mod item;
mod planner;
mod shared_conversions;
mod totals;

pub use action::Action;
pub use apply::{apply, Applier, RunRecord};
pub use item::{ApplyStatus, PlanItem};
pub use planner::{plan, plan_each, CurrentOf, PlanOptions, SharedPart};
pub use shared_conversions::SharedConversions;
pub use totals::Totals;
