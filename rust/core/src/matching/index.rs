//! A hash index from keys to the users that have them, compact enough for 100,000
//! users under several templates: every key lives in one text arena (no allocation,
//! and no free, per key), and the table holds offsets into it.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::users::UserId;

/// Marks a slot that points into `many` instead of naming one user.
const MANY: u32 = 1 << 31;

/// Most keys belong to one user; a key that belongs to several is kept as such so it
/// can be reported as ambiguous instead of silently picking one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit<'a> {
    One(UserId),
    Many(&'a [UserId]),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
    slot: u32,
}

#[derive(Default)]
pub struct KeyIndex {
    arena: String,
    table: HashTable<Entry>,
    many: Vec<Vec<UserId>>,
    hasher: FxBuildHasher,
}

impl KeyIndex {
    pub fn with_capacity(n: usize) -> KeyIndex {
        KeyIndex {
            arena: String::with_capacity(n * 12),
            table: HashTable::with_capacity(n),
            many: Vec::new(),
            hasher: FxBuildHasher,
        }
    }

    pub fn insert(&mut self, key: &str, user: UserId) {
        let hash = self.hasher.hash_one(key);
        let arena = &self.arena;
        if let Some(entry) = self.table.find_mut(hash, |e| text(arena, e) == key) {
            if entry.slot & MANY != 0 {
                let users = &mut self.many[(entry.slot & !MANY) as usize];
                if !users.contains(&user) {
                    users.push(user);
                }
            } else if entry.slot != user {
                self.many.push(vec![entry.slot, user]);
                entry.slot = MANY | (self.many.len() - 1) as u32;
            }
            return;
        }
        let entry = Entry {
            start: self.arena.len() as u32,
            len: key.len() as u32,
            slot: user,
        };
        self.arena.push_str(key);
        let (arena, hasher) = (&self.arena, &self.hasher);
        self.table
            .insert_unique(hash, entry, |e| hasher.hash_one(text(arena, e)));
    }

    pub fn get(&self, key: &str) -> Option<Hit<'_>> {
        let hash = self.hasher.hash_one(key);
        self.table
            .find(hash, |e| text(&self.arena, e) == key)
            .map(|e| self.hit(e.slot))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Hit<'_>)> {
        self.table.iter().map(|e| (text(&self.arena, e), self.hit(e.slot)))
    }

    fn hit(&self, slot: u32) -> Hit<'_> {
        if slot & MANY != 0 {
            Hit::Many(&self.many[(slot & !MANY) as usize])
        } else {
            Hit::One(slot)
        }
    }
}

fn text<'a>(arena: &'a str, e: &Entry) -> &'a str {
    &arena[e.start as usize..(e.start + e.len) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_user_or_many() {
        let mut ix = KeyIndex::with_capacity(1);
        ix.insert("jsmith", 1);
        ix.insert("john.smith", 1);
        ix.insert("john.smith", 7);
        ix.insert("john.smith", 7);
        ix.insert("john.smith", 9);
        for i in 0..1000 {
            ix.insert(&format!("user{i}"), 100 + i);
        }
        assert_eq!(ix.get("jsmith"), Some(Hit::One(1)));
        assert_eq!(ix.get("john.smith"), Some(Hit::Many(&[1, 7, 9])));
        assert_eq!(ix.get("user999"), Some(Hit::One(1099)));
        assert_eq!(ix.get("nobody"), None);
        assert_eq!(ix.iter().count(), 1002);
    }
}
