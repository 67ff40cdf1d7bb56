//! Who the photos are for: a table of users with their attributes, read from a CSV
//! export or a directory, and matched in memory.

mod attributes;
mod table;

pub use attributes::{canonical_attribute, IDENTITY_ATTRIBUTES};
pub use table::{UserId, UserTable};
