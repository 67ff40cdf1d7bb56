//! File names handed out once each, as a case-insensitive file system sees them.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use super::component::file_component;
use crate::text::match_key;

/// A file name as a case-insensitive, normalisation-insensitive folder (Windows, macOS)
/// sees it: two names with the same fold are one file there.
pub fn folded_name(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}

/// The names given out so far in one folder. Names are compared as Windows and macOS
/// folders compare them (ignoring case and Unicode normalisation), more strictly even
/// (accents and runs of spaces are ignored too): two names that might be one file are
/// never both handed out.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    pub fn new() -> UniqueNames {
        UniqueNames::default()
    }

    /// Marks a file name as used by the caller (`photos.csv`).
    pub fn reserve(&mut self, file_name: &str) {
        self.taken.insert(match_key(file_name));
    }

    /// A file name `<stem>.<extension>` made from `name`, not handed out before:
    /// `name`, else `name-2`, `name-3`... each checked in turn.
    pub fn claim(&mut self, name: &str, fallback: &str, extension: &str) -> String {
        let stem = file_component(name, fallback);
        let mut n = 1u64;
        loop {
            let candidate = if n == 1 {
                format!("{stem}.{extension}")
            } else {
                format!("{stem}-{n}.{extension}")
            };
            if self.taken.insert(match_key(&candidate)) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collision_chains_and_folded_names_get_names_of_their_own() {
        let mut names = UniqueNames::new();
        names.reserve("photos.csv");
        let given: Vec<String> = [
            "a",
            "a-2",
            "a",
            "A",
            "a-2",
            "a-2-2",
            "a/b",
            "a_b",
            "a:b",
            "José",
            "Jose\u{301}",
            "photos",
        ]
        .iter()
        .map(|n| names.claim(n, "user", "jpg"))
        .collect();
        let folded: HashSet<String> = given.iter().map(|g| match_key(g)).collect();
        assert_eq!(folded.len(), given.len(), "{given:?}");
        assert_eq!(given[0], "a.jpg");
        assert_eq!(given[1], "a-2.jpg");
        assert_eq!(given[2], "a-3.jpg");
        assert!(!folded.contains("photos.csv"));
        assert_eq!(folded_name("JOSE\u{301}.JPG"), folded_name("josé.jpg"));
        assert_ne!(folded_name("jose.jpg"), folded_name("josé.jpg"));
    }
}
