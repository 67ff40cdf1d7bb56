//! A directory, as every use case sees it: where users come from (with the photos they
//! have now) and where photos go. LDAP, Microsoft Graph, Google Workspace, an LDIF file,
//! a users CSV and an in-memory directory for tests all implement one trait, and one
//! conformance suite holds them to the same behaviour on cancel, on a server that goes
//! away, on photos that cannot be read, and on resume.

mod csv_users;
mod current;
mod entry;
mod gate;
mod ldif;
mod memory;
mod service;
mod table_lookup;

pub use csv_users::CsvUsers;
pub use current::Current;
pub use entry::{PhotoWrite, UserEntry, Users, Wanted};
pub use gate::Gate;
pub use ldif::{ldif_record, LdifDirectory};
pub use memory::{MemoryDirectory, MemoryFault, MemoryUser};
pub use service::Service;
pub use table_lookup::find_in_table;

use crate::error::{Error, Result};
use crate::photo::Preset;

pub trait Directory: Send + Sync {
    /// For messages: `ldaps://dc1.school.org:636 (DC=school,DC=org)`, `ldif:out.ldif`.
    fn describe(&self) -> String;

    fn service(&self) -> Service;

    /// The directory itself, whatever part of it a run covers: the AD domain, the
    /// Microsoft 365 tenant, the Google customer. What ADPhoto records per directory
    /// (the photos it wrote) is filed under it, so two domains or tenants never share a
    /// record, and two runs over different OUs of one domain do.
    fn home(&self) -> String {
        self.describe()
    }

    /// The attribute (or property) photos are written to: `thumbnailPhoto`,
    /// `jpegPhoto`, `photo` (Graph), `googlePhoto`. Backups and the journal file
    /// photos under it.
    fn photo_attribute(&self) -> &str;

    /// The photo profile this directory shows.
    fn preset(&self) -> Preset;

    /// Every user in scope with the `wanted` attributes (required ones must exist in
    /// the directory; optional ones are read when they do).
    fn list_users(&mut self, wanted: &Wanted) -> Result<Users>;

    /// Reads ahead, in bulk, the current photos `current` will be asked for. A
    /// directory that has them from the listing (LDAP) has nothing to do; a cloud
    /// service fetches many at a time, in the background where it can.
    fn read_photos(&mut self, _users: &[UserEntry]) {}

    /// The user's photo as the directory has it now.
    fn current(&self, user: &UserEntry) -> Current;

    /// The users each identity names (account name, UPN, mail, employee id, DN, object
    /// id...): one answer per identity, in order. A value is never a pattern.
    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>>;

    /// The users each stable key names (objectGUID, entryUUID, object id): it survives
    /// renames and moves, which is how backups find their users again.
    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>>;

    /// Applies every write, reporting each through `on_done` as it completes. Before
    /// sending each, ask `gate.admit()`; after, tell `gate.observe()`: that is how
    /// cancelling and "the server is gone" stop the rest of a batch the same way in
    /// every directory. One write is a batch of one.
    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>));

    /// Completes the run (an LDIF file is moved into place); called once after writing.
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }

    /// Where the users come from, for messages (for most directories, themselves).
    fn describe_users(&self) -> String {
        self.describe()
    }

    /// Notes worth showing after listing (an encoding that had to be guessed).
    fn warnings(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Replaces a user's photo with `values` (none removes it): a batch of one.
pub fn write_one(dir: &mut dyn Directory, user: &UserEntry, values: Vec<Vec<u8>>, gate: &Gate) -> Result<()> {
    let mut outcome = Err(Error::internal("the write was not attempted"));
    let write = PhotoWrite {
        index: 0,
        address: user.address.clone(),
        values,
    };
    dir.write(vec![write], gate, &mut |_, r| outcome = r);
    outcome
}
