//! Measures of how alike two keys are, for "did you mean" suggestions.

/// Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
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
