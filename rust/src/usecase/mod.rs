//! The use cases, each written once: a request, a directory and a sink for events in;
//! a result out. The command line and the C ABI's jobs are faces over these.

pub mod convert;
pub mod matching;
pub mod request;
pub mod set;
pub mod sink;
pub mod spec;
pub mod tasks;

pub use matching::{match_users, run_match, MatchTotals, Matched};
pub use request::{MatchRequest, PhotoOverrides};
pub use set::{apply_set, plan_set, Applied, Planned, SetRequest};
pub use sink::{Discard, Event, Phase, PlanSummary, Progress, Sink};
pub use spec::{open, writable, DirectorySpec};
