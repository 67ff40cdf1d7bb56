//! Names that come from data (input file names, user names, directory ids) turned into
//! file names that are safe everywhere a file may be read: one path component, never
//! `.` or `..`, no separator of any platform, no Windows device name, nothing Windows
//! would silently change (trailing dots and spaces), nothing a terminal would act on,
//! and short enough to take an extension and a temporary suffix.
//!
//! Every place a name becomes a path goes through here: convert outputs, export,
//! account pictures, backups and the Google ledger.

mod component;
mod key;
mod unique;

pub use component::{file_component, is_plain_component, MAX_COMPONENT_BYTES};
pub use key::key_component;
pub use unique::{folded_name, UniqueNames};
