//! Finding users by any identity a row names (account name, UPN, mail, employee id, DN,
//! GUID, object id), built once for a whole table so that a CSV of 10,000 rows against
//! 10,000 users costs 10,000 look-ups, not 10^8 comparisons. Names and addresses are
//! compared without case and nothing else (`josé@` and `jose@` are two mailboxes, and
//! may be two people); GUIDs and DNs in their canonical forms, as `--map` compares them.

use super::explicit::{identity_key, is_opaque};
use super::index::{Hit, KeyIndex};
use crate::users::{UserId, UserTable, IDENTITY_ATTRIBUTES};

/// Every identity attribute of a table, indexed.
pub struct IdentityIndex {
    indexes: Vec<(&'static str, KeyIndex)>,
}

impl IdentityIndex {
    pub fn new(table: &UserTable) -> IdentityIndex {
        let indexes = IDENTITY_ATTRIBUTES
            .iter()
            .filter_map(|attribute| {
                let column = table.column(attribute)?;
                let mut index = KeyIndex::with_capacity(table.len());
                for user in table.ids() {
                    if let Some(key) = table.get(user, column).map(|v| exact_key(attribute, v)) {
                        if !key.is_empty() {
                            index.insert(&key, user);
                        }
                    }
                }
                Some((*attribute, index))
            })
            .collect();
        IdentityIndex { indexes }
    }

    /// The users that `identity` names, in table order (several: it is ambiguous).
    pub fn find(&self, identity: &str) -> Vec<UserId> {
        let mut users = Vec::new();
        for (attribute, index) in &self.indexes {
            let key = exact_key(attribute, identity);
            if key.is_empty() {
                continue;
            }
            match index.get(&key) {
                Some(Hit::One(u)) => users.push(u),
                Some(Hit::Many(us)) => users.extend_from_slice(us),
                None => {}
            }
        }
        users.sort_unstable();
        users.dedup();
        users
    }
}

fn exact_key(attribute: &str, value: &str) -> String {
    if is_opaque(attribute) {
        identity_key(attribute, value)
    } else {
        value.trim().to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> UserTable {
        let mut t = UserTable::new(&["sAMAccountName", "mail", "distinguishedName", "objectGUID", "givenName"]);
        let row = |v: [&str; 5]| v.iter().map(|s| (!s.is_empty()).then(|| s.to_string())).collect();
        t.push(
            row([
                "jsmith",
                "J.Smith@x.org",
                "CN=Smith\\, John,OU=Staff,DC=x",
                "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}",
                "John",
            ]),
            0,
        );
        t.push(row(["josé", "shared@x.org", "", "", "jsmith"]), 1);
        t.push(row(["jose", "SHARED@x.org", "", "", ""]), 2);
        t
    }

    #[test]
    fn every_identity_finds_its_user_and_nothing_else_is_folded() {
        let ix = IdentityIndex::new(&table());
        assert_eq!(ix.find(" JSMITH "), vec![0]);
        assert_eq!(ix.find("j.smith@x.org"), vec![0]);
        assert_eq!(ix.find("cn=smith\\, john, ou=staff,dc=x"), vec![0]);
        assert_eq!(ix.find("3f2504e04f8911d39a0c0305e82c3301"), vec![0]);
        assert_eq!(ix.find("John"), Vec::<UserId>::new(), "givenName is no identity");
        assert_eq!(ix.find("josé"), vec![1]);
        assert_eq!(ix.find("jose"), vec![2], "an accent makes another name");
        assert_eq!(ix.find("shared@x.org"), vec![1, 2], "ambiguous: both");
        assert!(ix.find("").is_empty());
        assert!(ix.find("*").is_empty());
    }
}
