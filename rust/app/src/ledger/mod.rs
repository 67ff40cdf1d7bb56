//! Who changed it since? For every service and user, the checksum of the photo ADPhoto
//! last wrote there. A photo that differs from that record was changed by someone else
//! (the user, another tool, a sync engine writing back); the plan shows it as
//! `changed-elsewhere` and leaves it alone unless forced, so two writers stop reverting
//! each other. `report` lists such users.
//!
//! One append-only file per directory (service and domain, tenant or customer, see
//! `Directory::home`) and attribute in ADPhoto's data folder: two domains never share
//! a record, two runs over different OUs of one domain do. Each line is
//! written in one call on a file opened for appending, so two runs at once interleave
//! whole lines; the last line for a user wins. Losing the folder is harmless: nothing
//! is then known to have been changed elsewhere.

mod changed;
mod store;

pub use changed::{mark_changed_elsewhere, recording_sink};
pub use store::{Ledger, Verdict};
