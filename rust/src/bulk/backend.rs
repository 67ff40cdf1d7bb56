//! Where a run reads users and writes photos: a CSV with an LDIF file, or a directory
//! that is both (LDAP, and later Microsoft Graph and Google).

use std::path::PathBuf;

use serde::Deserialize;

use super::error::BulkError;
use crate::google::{GoogleDirectory, GoogleOptions};
use crate::graph::{GraphDirectory, GraphOptions};
use crate::ldap::{LdapDirectory, LdapOptions};
use crate::targets::{LdifTarget, PhotoTarget};
use crate::users::{CsvUsers, UserSource};

/// A directory that is read from and written to.
pub trait Directory: UserSource + PhotoTarget {}

impl<T: UserSource + PhotoTarget> Directory for T {}

pub enum Backend {
    /// Users from one place, photos to another (a CSV and an LDIF file).
    Split {
        source: Box<dyn UserSource>,
        target: Box<dyn PhotoTarget>,
    },
    /// A directory: users and their current photos come from where photos are written.
    Joint(Box<dyn Directory>),
}

impl Backend {
    pub fn source(&mut self) -> &mut dyn UserSource {
        match self {
            Backend::Split { source, .. } => source.as_mut(),
            Backend::Joint(d) => d.as_mut(),
        }
    }

    pub fn target(&mut self) -> &mut dyn PhotoTarget {
        match self {
            Backend::Split { target, .. } => target.as_mut(),
            Backend::Joint(d) => d.as_mut(),
        }
    }

    pub fn target_ref(&self) -> &dyn PhotoTarget {
        match self {
            Backend::Split { target, .. } => target.as_ref(),
            Backend::Joint(d) => d.as_ref(),
        }
    }
}

/// Where the users come from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum UsersSpec {
    /// A CSV export of users, in `encoding` when named (see `text::encoding_named`).
    Csv {
        path: PathBuf,
        #[serde(default)]
        encoding: Option<String>,
    },
    /// An LDAP directory (Active Directory, Samba, OpenLDAP).
    Ldap(LdapOptions),
    /// A Microsoft 365 tenant, through Microsoft Graph.
    Graph(GraphOptions),
    /// A Google Workspace domain, through the Admin SDK Directory API.
    Google(GoogleOptions),
}

/// Where the photos go.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TargetSpec {
    /// The directory the users come from.
    Directory,
    /// An LDIF file for `ldifde -i` or `ldapmodify`.
    Ldif { path: PathBuf },
}

impl std::str::FromStr for TargetSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            Some(("ldif", path)) if !path.is_empty() => Ok(TargetSpec::Ldif { path: path.into() }),
            _ if s == "directory" => Ok(TargetSpec::Directory),
            _ => Err(format!("unknown target '{s}' (expected ldif:FILE)")),
        }
    }
}

/// Opens only the users' source (for matching and reports).
pub fn open_source(users: UsersSpec, attribute: &str) -> Result<Box<dyn UserSource>, BulkError> {
    match users {
        UsersSpec::Csv { path, encoding } => Ok(Box::new(CsvUsers::new(path).with_encoding(encoding))),
        UsersSpec::Ldap(mut options) => {
            options.attribute = attribute.to_string();
            Ok(Box::new(connect(options)?))
        }
        UsersSpec::Graph(options) => Ok(Box::new(connect_graph(options)?)),
        UsersSpec::Google(options) => Ok(Box::new(connect_google(options)?)),
    }
}

fn connect_google(options: GoogleOptions) -> Result<GoogleDirectory, BulkError> {
    GoogleDirectory::connect(options)
        .map_err(|e| BulkError::new(if e.kind == "usage" { "options" } else { "connect" }, e.message))
}

fn connect_graph(options: GraphOptions) -> Result<GraphDirectory, BulkError> {
    GraphDirectory::connect(options)
        .map_err(|e| BulkError::new(if e.kind == "options" { "options" } else { "connect" }, e.message))
}

fn connect(options: LdapOptions) -> Result<LdapDirectory, BulkError> {
    LdapDirectory::connect(options)
        .map_err(|e| BulkError::new(if e.kind == "usage" { "options" } else { "connect" }, e.message))
}

/// Opens the users' source and the target; `attribute` is the photo attribute (for
/// an LDAP source it is set in its options).
pub fn open_backend(users: UsersSpec, target: TargetSpec, attribute: &str) -> Result<Backend, BulkError> {
    let ldap = |mut options: LdapOptions| {
        options.attribute = attribute.to_string();
        connect(options)
    };
    match (users, target) {
        (UsersSpec::Ldap(options), TargetSpec::Directory) => Ok(Backend::Joint(Box::new(ldap(options)?))),
        // The photo attribute is fixed for Graph (the user's profile photo).
        (UsersSpec::Graph(options), TargetSpec::Directory) => Ok(Backend::Joint(Box::new(connect_graph(options)?))),
        (UsersSpec::Graph(options), TargetSpec::Ldif { path }) => Ok(Backend::Split {
            source: Box::new(connect_graph(options)?),
            target: Box::new(LdifTarget::new(path, attribute)),
        }),
        // The photo is fixed for Google too (the user's profile photo, users.photos).
        (UsersSpec::Google(options), TargetSpec::Directory) => Ok(Backend::Joint(Box::new(connect_google(options)?))),
        (UsersSpec::Google(options), TargetSpec::Ldif { path }) => Ok(Backend::Split {
            source: Box::new(connect_google(options)?),
            target: Box::new(LdifTarget::new(path, attribute)),
        }),
        (UsersSpec::Ldap(options), TargetSpec::Ldif { path }) => Ok(Backend::Split {
            source: Box::new(ldap(options)?),
            target: Box::new(LdifTarget::new(path, attribute)),
        }),
        (UsersSpec::Csv { path, encoding }, TargetSpec::Ldif { path: out }) => Ok(Backend::Split {
            source: Box::new(CsvUsers::new(path).with_encoding(encoding)),
            target: Box::new(LdifTarget::new(out, attribute)),
        }),
        (UsersSpec::Csv { .. }, TargetSpec::Directory) => Err(BulkError::new(
            "options",
            "a users CSV cannot be written back to: give --target ldif:FILE, or read users from a --server",
        )),
    }
}
