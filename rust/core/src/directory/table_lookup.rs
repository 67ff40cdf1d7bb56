//! Finding users by identity in a table held in memory (a users CSV, the in-memory
//! directory), the way a directory server would: the value compared literally, without
//! case, against each identity attribute.

use crate::users::{UserId, UserTable, IDENTITY_ATTRIBUTES};

/// The users whose identity attributes (account name, UPN, mail, employee id, DN,
/// GUID, id) equal `identity`, ignoring case and surrounding spaces.
pub fn find_in_table(table: &UserTable, identity: &str) -> Vec<UserId> {
    let wanted = identity.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let columns: Vec<usize> = IDENTITY_ATTRIBUTES.iter().filter_map(|a| table.column(a)).collect();
    table
        .ids()
        .filter(|&u| {
            columns
                .iter()
                .any(|&c| table.get(u, c).is_some_and(|v| v.trim().to_lowercase() == wanted))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_literal_and_case_insensitive() {
        let mut t = UserTable::new(&["sAMAccountName", "mail", "givenName"]);
        t.push(
            vec![Some("jsmith".into()), Some("J.Smith@x.org".into()), Some("John".into())],
            2,
        );
        t.push(vec![Some("adoe".into()), None, Some("jsmith".into())], 3);
        assert_eq!(find_in_table(&t, " JSMITH "), vec![0]);
        assert_eq!(find_in_table(&t, "j.smith@x.org"), vec![0]);
        // givenName is not an identity attribute.
        assert_eq!(find_in_table(&t, "John"), Vec::<UserId>::new());
        assert!(find_in_table(&t, "*").is_empty());
        assert!(find_in_table(&t, "").is_empty());
    }
}
