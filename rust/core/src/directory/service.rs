//! Which kind of directory a run works on: it names the command that undoes a run,
//! the preset a copy between services converts for, and the part of a run's backups.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// Active Directory or any LDAP directory.
    Ldap,
    /// Microsoft 365 through Microsoft Graph.
    Graph,
    /// Google Workspace through the Directory API.
    Google,
    /// An LDIF file for `ldifde -i` or `ldapmodify`.
    Ldif,
    /// A users CSV (read only).
    Csv,
    /// In memory, for tests.
    Memory,
}

impl Service {
    pub fn name(self) -> &'static str {
        match self {
            Service::Ldap => "ldap",
            Service::Graph => "graph",
            Service::Google => "google",
            Service::Ldif => "ldif",
            Service::Csv => "csv",
            Service::Memory => "memory",
        }
    }

    /// How administrators call it.
    pub fn display_name(self) -> &'static str {
        match self {
            Service::Ldap => "Active Directory / LDAP",
            Service::Graph => "Microsoft 365",
            Service::Google => "Google Workspace",
            Service::Ldif => "LDIF file",
            Service::Csv => "users CSV",
            Service::Memory => "memory",
        }
    }
}

impl std::fmt::Display for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
