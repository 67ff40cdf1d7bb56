//! `sync`: copy photos from one service to others ("use existing HD": Microsoft 365's
//! 648-pixel photo made into AD's 96-pixel thumbnail; AD gaps filled from Microsoft
//! 365; one service's photos into several at once), each converted for its target,
//! with the same plan, backups, journal, resume and restore as `set`. Users pair by
//! identity, templates or a mapping CSV (`map_csv`).

mod map_csv;
mod pairing;
mod pairing_rule;
mod planner;
mod policy;
mod request;
mod run;
mod source;

pub use map_csv::{pair_by_map, parse_sync_map, read_sync_map, MapLine, MapPairing, Refusal, SyncMap};
pub use pairing::{pair_users, Paired, PAIRING_ATTRIBUTES};
pub use request::SyncRequest;
pub use run::{run_sync, SyncRun, SyncTarget, TargetRun};
