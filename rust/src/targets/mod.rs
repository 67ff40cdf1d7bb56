//! Where photos are written. Each target says what it needs from every user, what the
//! current photo is (when it can tell), and how to write or remove one.

mod error;
mod ldif;

pub use error::TargetError;
pub use ldif::{ldif_record, LdifTarget};

use crate::cancel::Cancel;
use crate::photo::Preset;
use crate::users::{UserId, UserTable};

/// What a target knows of a user's photo before writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Current {
    /// The target cannot read back (a file written blind, such as LDIF).
    Unknown,
    /// Every value the attribute holds (none: no photo).
    Known(Vec<Vec<u8>>),
}

/// One change for `write_all`: the plan item it belongs to, the user, and the new
/// photo (`None` removes it).
pub struct PhotoWrite {
    pub index: usize,
    pub user: UserId,
    pub photo: Option<Vec<u8>>,
}

pub trait PhotoTarget: Send + Sync {
    /// For messages: `ldif:out.ldif`, `ldaps://dc1.example.edu:636`.
    fn describe(&self) -> String;

    /// The photo profile this target displays.
    fn preset(&self) -> Preset;

    /// The attribute (or property) written.
    fn attribute(&self) -> &str;

    /// Attributes (canonical names) every user must have for this target.
    fn required_attributes(&self) -> Vec<String>;

    /// The user's photo as the target has it now.
    fn current(&self, table: &UserTable, user: UserId) -> Current;

    /// Reads ahead, in bulk, the current photos `current` will be asked for. Called
    /// before the plan with the users that have a photo to compare, and before a
    /// report with everyone. Targets that hold every photo after loading the users
    /// (LDAP) or cannot read back (LDIF) need nothing here; a cloud service that must
    /// fetch each photo over the network does it here, many at a time.
    fn prefetch(&mut self, _table: &UserTable, _users: &[UserId]) {}

    /// The user's stable id, under which backups and the journal file them; `None`
    /// when the target has none (nothing is backed up then).
    fn key(&self, _table: &UserTable, _user: UserId) -> Option<String> {
        None
    }

    /// Replaces the user's photo (`None`: removes it).
    fn write(&mut self, table: &UserTable, user: UserId, photo: Option<&[u8]>) -> Result<(), TargetError>;

    /// Applies many changes, reporting each as it completes; once `cancel` is set, the
    /// changes not yet started fail as cancelled. Targets that can work concurrently
    /// override this.
    fn write_all(
        &mut self,
        table: &UserTable,
        writes: Vec<PhotoWrite>,
        cancel: &Cancel,
        on_done: &mut dyn FnMut(usize, Result<(), TargetError>),
    ) {
        for w in writes {
            let result = if cancel.is_cancelled() {
                Err(TargetError::cancelled())
            } else {
                self.write(table, w.user, w.photo.as_deref())
            };
            on_done(w.index, result);
        }
    }

    /// Completes the run (flushes and closes files); called once after the writes.
    fn finish(&mut self) -> Result<(), TargetError>;
}
