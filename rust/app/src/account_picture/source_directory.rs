//! A photo from a directory — `jpegPhoto` or `thumbnailPhoto` from Active Directory or
//! any LDAP directory, or the Microsoft 365 photo — found by the account name. The
//! connection is made on first use, and a failed connection is remembered, so a run
//! over many users does not retry a dead server for each.

use super::source::{Fetched, Lookup, PhotoSource, SourceKind, UserRef};
use crate::tasks::find_one;
use crate::{open, DirectorySpec};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Current, Directory};

pub struct DirectorySource {
    kind: SourceKind,
    spec: DirectorySpec,
    connection: Option<Result<Box<dyn Directory>, String>>,
}

impl DirectorySource {
    /// A source for `kind` on the directory `spec` names; an LDAP directory's
    /// attribute is replaced by the kind's (`jpegPhoto`, `thumbnailPhoto`).
    pub fn new(kind: SourceKind, mut spec: DirectorySpec) -> DirectorySource {
        if matches!(kind, SourceKind::JpegPhoto | SourceKind::ThumbnailPhoto) {
            spec.set_attribute(kind.name());
        }
        DirectorySource {
            kind,
            spec,
            connection: None,
        }
    }

    fn directory(&mut self) -> Result<&mut Box<dyn Directory>, String> {
        if self.connection.is_none() {
            let connected = open(self.spec.clone(), &Cancel::default()).map_err(|e| e.to_string());
            self.connection = Some(connected);
        }
        match self.connection.as_mut() {
            Some(Ok(dir)) => Ok(dir),
            Some(Err(e)) => Err(e.clone()),
            None => Err("not connected".into()),
        }
    }
}

impl PhotoSource for DirectorySource {
    fn kind(&self) -> SourceKind {
        self.kind
    }

    fn fetch(&mut self, user: &UserRef) -> Result<Lookup, String> {
        let what = self.kind.name();
        let Some(name) = user.account_name().map(str::to_string) else {
            return Ok(Lookup::Absent("no account name to look up in the directory".into()));
        };
        let dir = self.directory().map_err(|e| format!("{what}: {e}"))?;
        let found = match find_one(dir.as_mut(), &name) {
            Ok(found) => found,
            Err(e) if e.kind() == adphoto_core::error::ErrorKind::NotFound => {
                return Ok(Lookup::Absent(format!("no user '{name}' in the directory")))
            }
            Err(e) if e.kind() == adphoto_core::error::ErrorKind::Ambiguous => {
                return Err(format!("{e}; refusing to guess"))
            }
            Err(e) => return Err(format!("{what}: {e}")),
        };
        let origin = found.dn.clone().unwrap_or_else(|| found.address.clone());
        match dir.current(&found) {
            Current::Photo(values) => match values.into_iter().find(|p| !p.is_empty()) {
                Some(bytes) => Ok(Lookup::Found(Fetched {
                    kind: self.kind,
                    origin,
                    bytes,
                })),
                None => Ok(Lookup::Absent(format!("{origin} has no {what}"))),
            },
            Current::Unreadable(e) => Err(format!("{what}: {e}")),
            Current::Absent | Current::Unknown => Ok(Lookup::Absent(format!("{origin} has no {what}"))),
        }
    }
}
