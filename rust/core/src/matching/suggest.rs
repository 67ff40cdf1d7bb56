//! "Did you mean ...?" for names that fit nobody: the closest user keys, found through
//! a trigram index. With 100,000 users under several templates there are half a million
//! keys, so a query only follows its rarest trigrams, and counts in a dense array.

use rustc_hash::FxHashMap;

use super::outcome::Suggestion;
use crate::text::EditDistance;
use crate::users::UserId;

/// Trigrams followed per query: the rarest ones narrow the search the most, and a
/// typo destroys at most three of them.
const GRAMS_FOLLOWED: usize = 12;
/// A trigram shared by more keys than this says nothing about which one was meant.
const MAX_POSTINGS: usize = 2_000;
/// Candidates whose edit distance is computed.
const CANDIDATES_CHECKED: usize = 48;
const SUGGESTIONS: usize = 3;

pub struct Suggester<'a> {
    keys: Vec<(&'a str, UserId)>,
    /// Trigram → key ids, split in shards built side by side (each shard holds the
    /// postings of a contiguous range of keys).
    shards: Vec<FxHashMap<u32, Vec<u32>>>,
}

/// A scratch counter per key, reused across queries (cleared through `touched`).
pub struct Scratch {
    counts: Vec<u16>,
    touched: Vec<u32>,
    grams: Vec<u32>,
    distance: EditDistance,
}

impl<'a> Suggester<'a> {
    pub fn new(entries: impl Iterator<Item = (&'a str, UserId)>) -> Suggester<'a> {
        let keys: Vec<(&'a str, UserId)> = entries.collect();
        // One shard: the suggester is built on one core while the other looks files up.
        let shards = vec![postings(&keys, 0)];
        Suggester { keys, shards }
    }

    pub fn scratch(&self) -> Scratch {
        Scratch {
            counts: vec![0; self.keys.len()],
            touched: Vec::new(),
            grams: Vec::new(),
            distance: EditDistance::default(),
        }
    }

    /// Up to three users whose keys are within a few edits of `key`, closest first.
    pub fn suggest(&self, key: &str, scratch: &mut Scratch) -> Vec<Suggestion> {
        gram_ids(key, &mut scratch.grams);
        let mut lists: Vec<&Vec<u32>> = scratch
            .grams
            .iter()
            .flat_map(|g| self.shards.iter().filter_map(move |shard| shard.get(g)))
            .filter(|l| l.len() <= MAX_POSTINGS / self.shards.len().max(1))
            .collect();
        lists.sort_unstable_by_key(|l| l.len());
        for list in lists.into_iter().take(GRAMS_FOLLOWED) {
            for &id in list {
                let c = &mut scratch.counts[id as usize];
                if *c == 0 {
                    scratch.touched.push(id);
                }
                *c = c.saturating_add(1);
            }
        }
        let mut ranked: Vec<(u16, u32)> = scratch
            .touched
            .iter()
            .map(|&id| (scratch.counts[id as usize], id))
            .collect();
        for &id in &scratch.touched {
            scratch.counts[id as usize] = 0;
        }
        scratch.touched.clear();
        let top = ranked.len().min(CANDIDATES_CHECKED);
        if top < ranked.len() {
            ranked.select_nth_unstable_by(top, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            ranked.truncate(top);
        }
        let length = key.chars().count();
        let limit = (length / 3).max(2);
        let mut found: Vec<(usize, u32)> = Vec::new();
        for (_, id) in ranked {
            let candidate = self.keys[id as usize].0;
            // Lengths further apart than the limit cannot be within it.
            if candidate.len().abs_diff(key.len()) > limit * 4 || candidate.chars().count().abs_diff(length) > limit {
                continue;
            }
            let d = scratch.distance.between(key, candidate);
            if d <= limit {
                found.push((d, id));
            }
        }
        found.sort_unstable();
        let mut out: Vec<Suggestion> = Vec::new();
        for (_, id) in found {
            let (k, user) = self.keys[id as usize];
            if out.iter().all(|s| s.user != user) {
                out.push(Suggestion {
                    user,
                    key: k.to_string(),
                });
            }
            if out.len() == SUGGESTIONS {
                break;
            }
        }
        out
    }
}

fn postings(keys: &[(&str, UserId)], first_id: u32) -> FxHashMap<u32, Vec<u32>> {
    let mut map: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    let mut grams = Vec::new();
    for (offset, (key, _)) in keys.iter().enumerate() {
        gram_ids(key, &mut grams);
        for g in &grams {
            map.entry(*g).or_default().push(first_id + offset as u32);
        }
    }
    map
}

/// The trigram ids of `key` (space-padded), into a reused buffer. A trigram that
/// repeats within a key is listed twice: it only weighs that key a little more.
fn gram_ids(key: &str, out: &mut Vec<u32>) {
    out.clear();
    let mut window = [' ', ' ', ' '];
    for c in key.chars().chain(std::iter::once(' ')) {
        window = [window[1], window[2], c];
        if window[1] != ' ' || window[2] != ' ' {
            out.push(gram_id(window));
        }
    }
}

fn gram_id(g: [char; 3]) -> u32 {
    // Collisions only blur a heuristic; the edit distance decides.
    let h = (u64::from(g[0]) * 0x9E37_79B9) ^ (u64::from(g[1]) * 0x85EB_CA6B) ^ (u64::from(g[2]) * 0xC2B2_AE35);
    (h ^ (h >> 29)) as u32
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
        let mut scratch = s.scratch();
        assert_eq!(s.suggest("jsmiht", &mut scratch)[0].user, 0);
        let got: Vec<UserId> = s.suggest("jsmth", &mut scratch).iter().map(|s| s.user).collect();
        assert!(got.contains(&0) && got.contains(&2), "{got:?}");
        assert_eq!(s.suggest("anne.walace", &mut scratch)[0].user, 1);
        assert!(s.suggest("zzzzzzzz", &mut scratch).is_empty());
    }
}
