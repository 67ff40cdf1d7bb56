//! Which directory a request names, and opening it: the one place that knows every
//! kind of directory. In a JSON request a directory is an object with a `type`
//! (`ldap`, the default, `graph`, `google`, `csv` or `ldif`) and that kind's fields.

use std::path::PathBuf;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{CsvUsers, Directory, LdifDirectory};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_google::{GoogleDirectory, GoogleOptions};
use adphoto_graph::{GraphDirectory, GraphOptions};
use adphoto_ldap::{LdapDirectory, LdapOptions};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectorySpec {
    /// Active Directory, Samba or OpenLDAP.
    Ldap(LdapOptions),
    /// A Microsoft 365 tenant, through Microsoft Graph.
    Graph(GraphOptions),
    /// A Google Workspace domain, through the Admin SDK Directory API.
    Google(GoogleOptions),
    /// A CSV export of users (read only), in `encoding` when it has no byte-order mark
    /// and is not UTF-8 (detected when not named).
    Csv { path: PathBuf, encoding: Option<String> },
    /// An LDIF file for `ldifde -i` or `ldapmodify`, for the users of another
    /// directory (a CSV, or the server itself).
    Ldif {
        path: PathBuf,
        attribute: String,
        users: Box<DirectorySpec>,
    },
}

impl DirectorySpec {
    /// The photo attribute written (an LDAP directory's or an LDIF file's).
    pub fn set_attribute(&mut self, attribute: &str) {
        match self {
            DirectorySpec::Ldap(o) => o.attribute = attribute.to_string(),
            DirectorySpec::Ldif {
                attribute: a, users, ..
            } => {
                *a = attribute.to_string();
                users.set_attribute(attribute);
            }
            _ => {}
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvWire {
    path: PathBuf,
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LdifWire {
    path: PathBuf,
    #[serde(default = "thumbnail_photo")]
    attribute: String,
    users: DirectorySpec,
}

fn thumbnail_photo() -> String {
    "thumbnailPhoto".into()
}

impl<'de> Deserialize<'de> for DirectorySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let mut value = serde_json::Value::deserialize(d)?;
        let kind = match value.as_object_mut().and_then(|o| o.remove("type")) {
            None => "ldap".to_string(),
            Some(serde_json::Value::String(s)) => s.to_ascii_lowercase(),
            Some(_) => return Err(D::Error::custom("directory: type must be a string")),
        };
        // Said to be in `directory`: the caller's parser cannot tell where an error in
        // a value read this way was.
        let inside = |e: serde_json::Error| D::Error::custom(format!("directory: {e}"));
        let spec = match kind.as_str() {
            "ldap" => LdapOptions::deserialize(value).map(DirectorySpec::Ldap),
            "graph" => GraphOptions::deserialize(value).map(DirectorySpec::Graph),
            "google" => GoogleOptions::deserialize(value).map(DirectorySpec::Google),
            "csv" => CsvWire::deserialize(value).map(|w| DirectorySpec::Csv {
                path: w.path,
                encoding: w.encoding,
            }),
            "ldif" => LdifWire::deserialize(value).map(|w| {
                let mut users = w.users;
                users.set_attribute(&w.attribute);
                DirectorySpec::Ldif {
                    path: w.path,
                    attribute: w.attribute,
                    users: Box::new(users),
                }
            }),
            // Not repeated: whatever is in the wrong field could be a secret.
            _ => {
                return Err(D::Error::custom(
                    "directory: unknown type (expected ldap, graph, google, csv or ldif)",
                ))
            }
        };
        spec.map_err(inside)
    }
}

/// Connects (and signs in) to the directory `spec` names. Waiting for a server stops
/// once `cancel` is set. A request that cannot work keeps its kind (exit code 2); a
/// directory that cannot be reached or refuses the sign-in is `connect`.
pub fn open(spec: DirectorySpec, cancel: &Cancel) -> Result<Box<dyn Directory>> {
    let opened: Result<Box<dyn Directory>> = match spec {
        DirectorySpec::Ldap(o) => LdapDirectory::connect(o, cancel).map(|d| Box::new(d) as _),
        DirectorySpec::Graph(o) => GraphDirectory::connect(o, cancel).map(|d| Box::new(d) as _),
        DirectorySpec::Google(o) => GoogleDirectory::connect(o, cancel).map(|d| Box::new(d) as _),
        DirectorySpec::Csv { path, encoding } => Ok(Box::new(CsvUsers::new(path).with_encoding(encoding))),
        DirectorySpec::Ldif { path, attribute, users } => {
            let users = open(*users, cancel)?;
            Ok(Box::new(LdifDirectory::new(path, &attribute, users)))
        }
    };
    opened.map_err(|e| {
        if e.kind().is_usage() || e.is_cancelled() {
            e
        } else {
            e.with_kind(ErrorKind::Connect)
        }
    })
}

/// Refuses a directory that cannot take writes, before anything is read.
pub fn writable(spec: &DirectorySpec) -> Result<()> {
    match spec {
        DirectorySpec::Csv { .. } => Err(Error::options(
            "a users CSV cannot be written to: give --to ldif:FILE, or a directory (--to ldaps://dc1...)",
        )),
        _ => Ok(()),
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

    #[test]
    fn an_ldif_file_names_where_its_users_come_from() {
        let ldif: DirectorySpec = serde_json::from_str(
            r#"{"type": "ldif", "path": "out.ldif", "attribute": "jpegPhoto",
                "users": {"type": "ldap", "server": "dc1"}}"#,
        )
        .unwrap();
        let DirectorySpec::Ldif { attribute, users, .. } = ldif else {
            panic!("not ldif")
        };
        assert_eq!(attribute, "jpegPhoto");
        assert!(matches!(*users, DirectorySpec::Ldap(o) if o.attribute == "jpegPhoto"));
        assert!(writable(&DirectorySpec::Csv {
            path: "u.csv".into(),
            encoding: None
        })
        .is_err());
    }
}
