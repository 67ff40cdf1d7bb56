//! Users as a compact column table: 100,000 users with a dozen attributes stay within
//! a few tens of megabytes and every lookup is an index.

use std::collections::HashMap;

use super::attributes::{canonical_attribute, IDENTITY_ATTRIBUTES};
use crate::text::trim_unescaped;

/// A user's position in its table.
pub type UserId = u32;

#[derive(Debug, Clone, Default)]
pub struct UserTable {
    columns: Vec<String>,
    by_name: HashMap<String, usize>,
    rows: Vec<Box<[Option<Box<str>>]>>,
    /// Where each user came from (CSV line number, or 0), for messages.
    origins: Vec<u64>,
}

impl UserTable {
    /// A table with these attributes (any spelling; duplicates after folding are
    /// merged: the first column wins).
    pub fn new<S: AsRef<str>>(attributes: &[S]) -> UserTable {
        let mut table = UserTable::default();
        for a in attributes {
            let name = canonical_attribute(a.as_ref());
            if !table.by_name.contains_key(&name) {
                table.by_name.insert(name.clone(), table.columns.len());
                table.columns.push(name);
            }
        }
        table
    }

    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The column of an attribute, by any of its spellings.
    pub fn column(&self, attribute: &str) -> Option<usize> {
        self.by_name.get(&canonical_attribute(attribute)).copied()
    }

    /// Adds a user from values given in column order (empty values count as absent).
    /// Stray spaces around a value go; a space its format escapes (the end of
    /// `CN=trailing2\ `) is part of it.
    pub fn push(&mut self, values: Vec<Option<String>>, origin: u64) -> UserId {
        let mut row: Vec<Option<Box<str>>> = values
            .into_iter()
            .map(|v| {
                v.map(|s| trim_unescaped(&s).to_string())
                    .filter(|s| !s.is_empty())
                    .map(Into::into)
            })
            .collect();
        row.resize(self.columns.len(), None);
        self.rows.push(row.into_boxed_slice());
        self.origins.push(origin);
        (self.rows.len() - 1) as UserId
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = UserId> {
        0..self.rows.len() as UserId
    }

    pub fn get(&self, user: UserId, column: usize) -> Option<&str> {
        self.rows.get(user as usize)?.get(column)?.as_deref()
    }

    pub fn value(&self, user: UserId, attribute: &str) -> Option<&str> {
        self.get(user, self.column(attribute)?)
    }

    pub fn origin(&self, user: UserId) -> u64 {
        self.origins.get(user as usize).copied().unwrap_or(0)
    }

    pub fn dn(&self, user: UserId) -> Option<&str> {
        self.value(user, "distinguishedname")
    }

    /// How to name the user to a person: the first identity attribute present.
    pub fn describe(&self, user: UserId) -> String {
        IDENTITY_ATTRIBUTES
            .iter()
            .find_map(|a| self.value(user, a))
            .map(str::to_string)
            .unwrap_or_else(|| format!("user on line {}", self.origin(user)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_trimmed_and_empty_means_absent() {
        let mut t = UserTable::new(&["SamAccountName", "Surname", "sn", "mail"]);
        assert_eq!(t.columns(), ["samaccountname", "sn", "mail"]);
        let u = t.push(
            vec![Some(" jsmith ".into()), Some("Smith".into()), Some("  ".into())],
            2,
        );
        assert_eq!(t.value(u, "SAMAccountName"), Some("jsmith"));
        assert_eq!(t.value(u, "surname"), Some("Smith"));
        assert_eq!(t.value(u, "mail"), None);
        assert_eq!(t.value(u, "nope"), None);
        assert_eq!(t.describe(u), "jsmith");
        let dn = t.push(vec![None, None, Some(" CN=trailing2\\ ".into())], 3);
        assert_eq!(t.value(dn, "mail"), Some("CN=trailing2\\ "));
        let nobody = t.push(vec![], 9);
        assert_eq!(t.describe(nobody), "user on line 9");
    }
}
