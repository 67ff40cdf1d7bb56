//! One bulk run from request to result, shared by the `adphoto` subcommands and the C
//! ABI: read users, match photos to them, plan, and apply to a target.

mod backend;
mod error;
mod matched;
mod request;
mod run;

pub use backend::{open_backend, open_source, Backend, Directory, TargetSpec, UsersSpec};
pub use error::BulkError;
pub use matched::{match_users, Matched};
pub use request::{MatchRequest, PhotoOverrides};
pub use run::{apply_run, plan_run, Planned, SetRequest};
