//! The directory a job's get, export, remove, restore or report works on: an LDAP
//! server, a Microsoft 365 tenant or a Google Workspace domain, behind one interface.
//!
//! In a request, `"directory"` is an LDAP server's fields as before, or the same object
//! with `"type": "graph"` and Graph's fields (`type` `"ldap"` is the default).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use super::events::ErrorBody;
use crate::google::{GoogleDirectory, GoogleOptions};
use crate::graph::{GraphDirectory, GraphOptions};
use crate::ldap::{LdapDirectory, LdapOptions};
use crate::targets::PhotoTarget;
use crate::tasks::PhotoLookup;
use crate::users::{UserId, UserSource, UserTable};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectorySpec {
    Ldap(LdapOptions),
    Graph(GraphOptions),
    Google(GoogleOptions),
}

impl<'de> Deserialize<'de> for DirectorySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut value = serde_json::Value::deserialize(d)?;
        let kind = match value.as_object_mut().and_then(|o| o.remove("type")) {
            None => "ldap".to_string(),
            Some(serde_json::Value::String(s)) => s.to_ascii_lowercase(),
            Some(_) => return Err(D::Error::custom("directory: type must be a string")),
        };
        // Said to be in `directory`: the caller's parser cannot tell where an error in
        // a value read this way was.
        let inside = |e: serde_json::Error| D::Error::custom(format!("directory: {e}"));
        match kind.as_str() {
            "ldap" => LdapOptions::deserialize(value).map(DirectorySpec::Ldap).map_err(inside),
            "graph" => GraphOptions::deserialize(value)
                .map(DirectorySpec::Graph)
                .map_err(inside),
            "google" => GoogleOptions::deserialize(value)
                .map(DirectorySpec::Google)
                .map_err(inside),
            // Not repeated: whatever is in the wrong field could be a secret.
            _ => Err(D::Error::custom(
                "directory: unknown type (expected ldap, graph or google)",
            )),
        }
    }
}

/// What the directory jobs need of a directory, whichever it is.
pub trait TaskDirectory {
    fn lookup(&mut self) -> &mut dyn PhotoLookup;
    fn source(&mut self) -> &mut dyn UserSource;
    fn target(&self) -> &dyn PhotoTarget;
    /// Looks many identities up at once before they are asked for one by one (a
    /// cloud directory batches them); nothing to do for LDAP.
    fn resolve(&mut self, _identities: &[String]) {}
    /// Reads the current photos of these users in bulk before a report or export.
    fn prefetch(&mut self, table: &UserTable, users: &[UserId]);
}

impl TaskDirectory for LdapDirectory {
    fn lookup(&mut self) -> &mut dyn PhotoLookup {
        self
    }
    fn source(&mut self) -> &mut dyn UserSource {
        self
    }
    fn target(&self) -> &dyn PhotoTarget {
        self
    }
    fn prefetch(&mut self, table: &UserTable, users: &[UserId]) {
        PhotoTarget::prefetch(self, table, users)
    }
}

impl TaskDirectory for GraphDirectory {
    fn lookup(&mut self) -> &mut dyn PhotoLookup {
        self
    }
    fn source(&mut self) -> &mut dyn UserSource {
        self
    }
    fn target(&self) -> &dyn PhotoTarget {
        self
    }
    fn resolve(&mut self, identities: &[String]) {
        GraphDirectory::resolve(self, identities)
    }
    fn prefetch(&mut self, table: &UserTable, users: &[UserId]) {
        PhotoTarget::prefetch(self, table, users)
    }
}

impl TaskDirectory for GoogleDirectory {
    fn lookup(&mut self) -> &mut dyn PhotoLookup {
        self
    }
    fn source(&mut self) -> &mut dyn UserSource {
        self
    }
    fn target(&self) -> &dyn PhotoTarget {
        self
    }
    fn prefetch(&mut self, table: &UserTable, users: &[UserId]) {
        PhotoTarget::prefetch(self, table, users)
    }
}

/// Connects (and signs in) to the directory a request names.
pub fn open_directory(
    spec: DirectorySpec,
    cancel: &crate::cancel::Cancel,
) -> Result<Box<dyn TaskDirectory>, ErrorBody> {
    match spec {
        DirectorySpec::Ldap(options) => LdapDirectory::connect(options)
            .map(|d| Box::new(d) as Box<dyn TaskDirectory>)
            .map_err(|e| ErrorBody::new(if e.kind == "usage" { "options" } else { e.kind }, e.message)),
        DirectorySpec::Graph(options) => GraphDirectory::connect(options)
            .map(|mut d| {
                d.set_cancel(cancel.clone());
                Box::new(d) as Box<dyn TaskDirectory>
            })
            .map_err(|e| ErrorBody::new(if e.kind == "options" { "options" } else { "connect" }, e.message)),
        DirectorySpec::Google(options) => GoogleDirectory::connect(options)
            .map(|d| Box::new(d) as Box<dyn TaskDirectory>)
            .map_err(|e| ErrorBody::new(if e.kind == "usage" { "options" } else { "connect" }, e.message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_is_named_and_takes_a_key_file_never_a_key() {
        let google: DirectorySpec =
            serde_json::from_str(r#"{"type": "google", "key_file": "/k.json", "subject": "admin@x.org"}"#).unwrap();
        assert!(matches!(google, DirectorySpec::Google(o) if o.subject == "admin@x.org"));
        assert!(serde_json::from_str::<DirectorySpec>(
            r#"{"type": "google", "key_file": "/k.json", "subject": "a@x.org", "private_key": "-----BEGIN"}"#
        )
        .is_err());
    }

    #[test]
    fn ldap_stays_the_default_and_graph_is_named() {
        let ldap: DirectorySpec = serde_json::from_str(r#"{"server": "dc1"}"#).unwrap();
        assert!(matches!(ldap, DirectorySpec::Ldap(o) if o.server == "dc1"));
        let graph: DirectorySpec =
            serde_json::from_str(r#"{"type": "graph", "tenant": "t", "client_id": "c", "client_secret": "s"}"#)
                .unwrap();
        assert!(matches!(graph, DirectorySpec::Graph(o) if o.tenant == "t"));
        assert!(serde_json::from_str::<DirectorySpec>(r#"{"type": "graph", "tenant": "t"}"#).is_err());
        assert!(serde_json::from_str::<DirectorySpec>(r#"{"type": "nis"}"#).is_err());
        assert!(serde_json::from_str::<DirectorySpec>(r#"{"server": "x", "bogus": 1}"#).is_err());
    }
}
