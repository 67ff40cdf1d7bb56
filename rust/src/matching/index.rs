//! A hash index from keys to the users that have them.

use std::collections::HashMap;

use crate::users::UserId;

/// Most keys belong to one user; a key that belongs to several is kept as such so it
/// can be reported as ambiguous instead of silently picking one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    One(UserId),
    Many(Vec<UserId>),
}

#[derive(Debug, Default)]
pub struct KeyIndex {
    map: HashMap<String, Hit>,
}

impl KeyIndex {
    pub fn with_capacity(n: usize) -> KeyIndex {
        KeyIndex {
            map: HashMap::with_capacity(n),
        }
    }

    pub fn insert(&mut self, key: String, user: UserId) {
        match self.map.entry(key) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(Hit::One(user));
            }
            std::collections::hash_map::Entry::Occupied(mut o) => match o.get_mut() {
                Hit::One(existing) if *existing == user => {}
                Hit::One(existing) => {
                    let first = *existing;
                    o.insert(Hit::Many(vec![first, user]));
                }
                Hit::Many(users) => {
                    if !users.contains(&user) {
                        users.push(user);
                    }
                }
            },
        }
    }

    pub fn get(&self, key: &str) -> Option<&Hit> {
        self.map.get(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Hit)> {
        self.map.iter()
    }
}
