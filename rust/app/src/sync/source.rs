//! The source of a copy: its users, and the photos of those paired with a target.

use std::collections::HashMap;

use adphoto_core::directory::{Current, Directory, Service, Users, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::matching::Template;
use adphoto_core::users::UserId;

use super::pairing::PAIRING_ATTRIBUTES;

/// A source directory's users and (once read) the photos a copy needs.
pub struct Source {
    pub describe: String,
    pub users: Users,
    photos: HashMap<UserId, Current>,
}

/// The attributes a listing reads for pairing: identities, and the templates' own.
pub fn pairing_wanted(templates: &[Template]) -> Wanted {
    let mut wanted = Wanted::identities();
    for a in PAIRING_ATTRIBUTES
        .iter()
        .map(|s| s.to_string())
        .chain(templates.iter().flat_map(|t| t.attributes().map(str::to_string)))
    {
        if !wanted.optional.contains(&a) {
            wanted.optional.push(a);
        }
    }
    wanted
}

/// Lists users; a directory that cannot be read stops the run before it starts.
pub fn list(dir: &mut dyn Directory, wanted: &Wanted) -> Result<Users> {
    dir.list_users(wanted).map_err(|e| {
        if e.kind().is_usage() || e.is_cancelled() {
            e
        } else {
            e.with_kind(ErrorKind::Users)
        }
    })
}

impl Source {
    /// Lists the source's users. A users CSV or an LDIF file holds no photos to copy.
    pub fn open(dir: &mut dyn Directory, wanted: &Wanted) -> Result<Source> {
        if matches!(dir.service(), Service::Csv | Service::Ldif) {
            return Err(Error::options(format!(
                "{} holds no photos to copy from: give --from ldaps://..., graph:TENANT or google:DOMAIN",
                dir.describe()
            )));
        }
        Ok(Source {
            describe: dir.describe(),
            users: list(dir, wanted)?,
            photos: HashMap::new(),
        })
    }

    /// Reads the photos of `users` (in bulk where the service can).
    pub fn read_photos(&mut self, dir: &mut dyn Directory, users: &[UserId]) {
        let entries: Vec<_> = users.iter().filter_map(|u| self.users.entry(*u).cloned()).collect();
        dir.read_photos(&entries);
        for (user, entry) in users.iter().zip(&entries) {
            self.photos.insert(*user, dir.current(entry));
        }
    }

    /// The photo read for `user` (`Unknown` when it was not read).
    pub fn photo(&self, user: UserId) -> &Current {
        self.photos.get(&user).unwrap_or(&Current::Unknown)
    }

    pub fn name(&self, user: UserId) -> String {
        self.users.table.describe(user)
    }
}
