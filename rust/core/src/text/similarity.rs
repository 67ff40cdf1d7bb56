//! Measures of how alike two keys are, for "did you mean" suggestions.

/// Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    EditDistance::default().between(a, b)
}

/// Levenshtein distance with its working memory kept between calls: suggestions
/// compute thousands of them.
#[derive(Default)]
pub struct EditDistance {
    a: Vec<char>,
    b: Vec<char>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl EditDistance {
    pub fn between(&mut self, a: &str, b: &str) -> usize {
        self.a.clear();
        self.a.extend(a.chars());
        self.b.clear();
        self.b.extend(b.chars());
        let (a, b) = (&self.a, &self.b);
        self.previous.clear();
        self.previous.extend(0..=b.len());
        self.current.clear();
        self.current.resize(b.len() + 1, 0);
        for (i, ca) in a.iter().enumerate() {
            self.current[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let substitution = self.previous[j] + usize::from(ca != cb);
                self.current[j + 1] = substitution.min(self.previous[j + 1] + 1).min(self.current[j] + 1);
            }
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        self.previous[b.len()]
    }
}

/// The distinct character trigrams of `key`, padded so short keys have some.
pub fn trigrams(key: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut grams: Vec<[char; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("jsmith", "jsmith"), 0);
        assert_eq!(edit_distance("jsmith", "jsmyth"), 1);
        assert_eq!(edit_distance("john.smith", "jon.smith"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("garcía", "garcia"), 1);
    }

    #[test]
    fn trigrams_are_distinct_and_padded() {
        assert_eq!(trigrams("ab"), vec![[' ', 'a', 'b'], ['a', 'b', ' ']]);
        assert_eq!(trigrams("aaaa").len(), 3);
    }
}
