//! Who the photos are for: a table of users with their attributes, read from a CSV
//! export or a directory, and matched in memory.

mod attributes;
mod csv_source;
mod source;
mod table;

pub use attributes::{canonical_attribute, IDENTITY_ATTRIBUTES};
pub use csv_source::CsvUsers;
pub use source::{UserSource, UserSourceError};
pub use table::{UserId, UserTable};
