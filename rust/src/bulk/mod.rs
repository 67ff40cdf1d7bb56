//! One bulk run from request to result, shared by the `adphoto` subcommands and the C
//! ABI: read users, match photos to them, plan, and apply to a target.

mod error;
mod matched;
mod request;
mod target_spec;

pub use error::BulkError;
pub use matched::{match_users, Matched};
pub use request::{MatchRequest, PhotoOverrides, UsersSpec};
pub use target_spec::{open_target, TargetSpec};
