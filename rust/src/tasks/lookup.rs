//! What the tasks need from a directory: find users one at a time, and set a photo.

use crate::targets::TargetError;

/// A user found by identity or by stable key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUser {
    /// Where to write: the DN (LDAP) or the object id (Graph, Google).
    pub address: String,
    pub key: Option<String>,
    /// How people know the user.
    pub name: String,
    pub photos: Vec<Vec<u8>>,
}

pub trait PhotoLookup {
    /// For messages and backups: the directory's address.
    fn describe_directory(&self) -> String;

    fn photo_attribute(&self) -> String;

    /// Users an identity (account name, UPN, mail, DN...) names; the value is never
    /// interpreted as a pattern.
    fn find(&mut self, identity: &str) -> Result<Vec<FoundUser>, TargetError>;

    /// The user a backup's stable key names (it survives renames and moves).
    fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, TargetError>;

    /// Replaces the photo with `values` (none: removes it).
    fn set_values(&mut self, user: &FoundUser, values: Vec<Vec<u8>>) -> Result<(), TargetError>;
}
