//! Users as a directory lists and finds them, and the writes it is given.

use crate::users::{UserId, UserTable};

/// One user of a directory: where to write, what to file backups under, and how
/// people know them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserEntry {
    /// Where the photo goes: the DN (LDAP, LDIF) or the object id (Graph, Google).
    pub address: String,
    /// The stable id backups and the journal use (objectGUID, entryUUID, object id);
    /// `None` where the directory has none (nothing is backed up then).
    pub key: Option<String>,
    /// How people know the user (account name, UPN, address...).
    pub name: String,
    /// The distinguished name, where the directory has one.
    pub dn: Option<String>,
}

/// The users of a listing: their attributes (for matching) and, row for row, their
/// entries.
#[derive(Debug, Clone, Default)]
pub struct Users {
    pub table: UserTable,
    pub entries: Vec<UserEntry>,
}

impl Users {
    pub fn entry(&self, user: UserId) -> Option<&UserEntry> {
        self.entries.get(user as usize)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The attributes a listing must read (canonical names): `required` ones must exist
/// in the directory; `optional` ones are read where they do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    pub required: Vec<String>,
    pub optional: Vec<String>,
}

impl Wanted {
    /// Every identity attribute, none required: for reports and exports.
    pub fn identities() -> Wanted {
        Wanted {
            required: Vec::new(),
            optional: crate::users::IDENTITY_ATTRIBUTES
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

/// One change: replace the photo at `address` with `values` (none removes it; a
/// service that holds one photo takes the first). `index` is the caller's, handed back
/// with the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoWrite {
    pub index: usize,
    pub address: String,
    pub values: Vec<Vec<u8>>,
}

impl PhotoWrite {
    /// Sets one photo (`None`: removes it).
    pub fn new(index: usize, address: impl Into<String>, photo: Option<Vec<u8>>) -> PhotoWrite {
        PhotoWrite {
            index,
            address: address.into(),
            values: photo.into_iter().collect(),
        }
    }

    /// The photo a single-photo service is given (`None`: remove it).
    pub fn photo(&self) -> Option<&[u8]> {
        self.values.first().map(Vec::as_slice)
    }
}
