//! The use cases, each written once: a request, a directory and a sink for events in;
//! a result out. The command line and the C ABI's jobs are faces over these. This is
//! the one crate that knows every kind of directory (`spec::open`).

pub mod account_picture;
pub mod convert;
pub mod fan_out;
pub mod ledger;
pub mod match_photos;
pub mod output_guard;
pub mod request;
pub mod review;
pub mod run_parts;
pub mod set;
pub mod set_many;
pub mod set_streamed;
pub mod sink;
pub mod spec;
pub mod sync;
pub mod tasks;

pub use match_photos::{match_users, run_match, MatchTotals, Matched};
pub use request::{MatchRequest, PhotoOverrides};
pub use set::{apply_set, plan_set, Applied, Planned, SetRequest};
pub use set_streamed::run_set;
pub use sink::{Discard, Event, Phase, PlanSummary, Progress, Sink};
pub use spec::{open, writable, DirectorySpec};
