//! `jpegPhoto` or `thumbnailPhoto` from Active Directory or any LDAP directory, found
//! by the account name. The connection is made on first use, and a failed connection
//! is remembered, so a run over many users does not retry a dead server for each.

use super::source::{Fetched, Lookup, PhotoSource, SourceKind, UserRef};
use crate::ldap::{LdapDirectory, LdapOptions};

pub struct DirectorySource {
    kind: SourceKind,
    options: LdapOptions,
    connection: Option<Result<LdapDirectory, String>>,
}

impl DirectorySource {
    /// A source for `kind` (`JpegPhoto` or `ThumbnailPhoto`) on the directory `options`
    /// names; the options' attribute is replaced by the kind's.
    pub fn new(kind: SourceKind, mut options: LdapOptions) -> DirectorySource {
        options.attribute = kind.name().to_string();
        DirectorySource {
            kind,
            options,
            connection: None,
        }
    }

    fn directory(&mut self) -> Result<&mut LdapDirectory, String> {
        if self.connection.is_none() {
            let connected = LdapDirectory::connect(self.options.clone()).map_err(|e| e.to_string());
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
        let attribute = self.kind.name();
        let Some(name) = user.account_name().map(str::to_string) else {
            return Ok(Lookup::Absent("no account name to look up in the directory".into()));
        };
        let dir = self.directory().map_err(|e| format!("{attribute}: {e}"))?;
        let mut found = dir.find(&name).map_err(|e| format!("{attribute}: {e}"))?;
        match found.len() {
            0 => Ok(Lookup::Absent(format!("no user '{name}' in the directory"))),
            1 => {
                let found = found.remove(0);
                match found.photos.into_iter().find(|p| !p.is_empty()) {
                    Some(bytes) => Ok(Lookup::Found(Fetched {
                        kind: self.kind,
                        origin: found.address,
                        bytes,
                    })),
                    None => Ok(Lookup::Absent(format!("{} has no {attribute}", found.address))),
                }
            }
            n => Err(format!("'{name}' names {n} users in the directory; refusing to guess")),
        }
    }
}
