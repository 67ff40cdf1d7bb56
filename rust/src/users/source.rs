//! The interface every source of users implements: a CSV export here, a directory
//! (LDAP, Microsoft Graph, Google) elsewhere.

use thiserror::Error;

use super::table::UserTable;

#[derive(Debug, Error)]
#[error("{message}")]
pub struct UserSourceError {
    /// Stable machine-readable kind, e.g. `csv`, `missing-column`, `ldap`.
    pub kind: &'static str,
    pub message: String,
}

pub trait UserSource {
    /// A short description for messages: the file or server read.
    fn describe(&self) -> String;

    /// Reads every user. `required` attributes (canonical names) must exist in the
    /// source; `optional` ones are read when they do. A source may return more.
    fn load(&mut self, required: &[String], optional: &[String]) -> Result<UserTable, UserSourceError>;

    /// Notes from the last `load` worth showing (an encoding that had to be guessed).
    fn warnings(&self) -> Vec<String> {
        Vec::new()
    }
}
