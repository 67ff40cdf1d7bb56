//! Where photos are written. Each target says what it needs from every user, what the
//! current photo is (when it can tell), and how to write one.

mod error;
mod ldif;

pub use error::TargetError;
pub use ldif::{ldif_record, LdifTarget};

use crate::photo::Preset;
use crate::users::{UserId, UserTable};

/// What a target knows of a user's photo before writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Current {
    /// The target cannot read back (a file written blind, such as LDIF).
    Unknown,
    Absent,
    Present(Vec<u8>),
}

pub trait PhotoTarget: Send + Sync {
    /// For messages: `ldif:out.ldif`, `ldaps://dc1.example.edu`.
    fn describe(&self) -> String;

    /// The photo profile this target displays.
    fn preset(&self) -> Preset;

    /// Attributes (canonical names) every user must have for this target.
    fn required_attributes(&self) -> Vec<String>;

    /// The user's photo as the target has it now.
    fn current(&self, table: &UserTable, user: UserId) -> Current;

    /// Replaces the user's photo.
    fn write(&mut self, table: &UserTable, user: UserId, jpeg: &[u8]) -> Result<(), TargetError>;

    /// Completes the run (flushes and closes files); called once after the writes.
    fn finish(&mut self) -> Result<(), TargetError>;
}
