//! "Did you mean ...?" for names that fit nobody: the closest user keys, found through
//! a trigram index so that it stays fast with 100,000 users.

use std::collections::HashMap;

use super::outcome::Suggestion;
use crate::text::{edit_distance, trigrams};
use crate::users::UserId;

/// Trigrams shared by more keys than this are too common to narrow anything down.
const MAX_POSTINGS: usize = 4000;
const CANDIDATES_CHECKED: usize = 64;
const SUGGESTIONS: usize = 3;

pub struct Suggester {
    keys: Vec<(String, UserId)>,
    postings: HashMap<[char; 3], Vec<u32>>,
}

impl Suggester {
    pub fn new<'a>(entries: impl Iterator<Item = (&'a str, UserId)>) -> Suggester {
        let mut keys = Vec::new();
        let mut postings: HashMap<[char; 3], Vec<u32>> = HashMap::new();
        for (key, user) in entries {
            let id = keys.len() as u32;
            for g in trigrams(key) {
                postings.entry(g).or_default().push(id);
            }
            keys.push((key.to_string(), user));
        }
        Suggester { keys, postings }
    }

    /// Up to three users whose keys are within a few edits of `key`, closest first.
    pub fn suggest(&self, key: &str) -> Vec<Suggestion> {
        let grams = trigrams(key);
        let mut shared: HashMap<u32, u16> = HashMap::new();
        for g in &grams {
            if let Some(list) = self.postings.get(g).filter(|l| l.len() <= MAX_POSTINGS) {
                for id in list {
                    *shared.entry(*id).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(u32, u16)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let limit = (key.chars().count() / 3).max(2);
        let mut found: Vec<(usize, u32)> = ranked
            .into_iter()
            .take(CANDIDATES_CHECKED)
            .map(|(id, _)| (edit_distance(key, &self.keys[id as usize].0), id))
            .filter(|(d, _)| *d <= limit)
            .collect();
        found.sort_unstable();
        let mut out: Vec<Suggestion> = Vec::new();
        for (_, id) in found {
            let (k, user) = &self.keys[id as usize];
            if out.iter().all(|s| s.user != *user) {
                out.push(Suggestion {
                    user: *user,
                    key: k.clone(),
                });
            }
            if out.len() == SUGGESTIONS {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_and_nothing_far() {
        let s = Suggester::new(
            [
                ("jsmith", 0),
                ("john.smith", 0),
                ("awallace", 1),
                ("anne.wallace", 1),
                ("jsmyth", 2),
            ]
            .into_iter(),
        );
        assert_eq!(s.suggest("jsmiht")[0].user, 0);
        let got: Vec<UserId> = s.suggest("jsmth").iter().map(|s| s.user).collect();
        assert!(got.contains(&0) && got.contains(&2), "{got:?}");
        assert_eq!(s.suggest("anne.walace")[0].user, 1);
        assert!(s.suggest("zzzzzzzz").is_empty());
    }
}
