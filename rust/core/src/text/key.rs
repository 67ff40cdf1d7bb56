//! The key two names are compared by: `José García`, `JOSE GARCIA`, ` jose  garcia ` and
//! the NFD spelling macOS gives file names all have the same key.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Case-, accent-, width- and surrounding-space-insensitive form of `s`; runs of
/// whitespace inside count as one space.
pub fn match_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    match_key_into(s, &mut key);
    key
}

/// `match_key` into a reused buffer (cleared first): indexing 100,000 users under
/// several templates should not allocate twice per key.
pub fn match_key_into(s: &str, key: &mut String) {
    key.clear();
    let s = s.trim();
    let mut pending_space = false;
    if s.is_ascii() {
        for b in s.bytes() {
            if b.is_ascii_whitespace() {
                pending_space = !key.is_empty();
                continue;
            }
            if pending_space {
                key.push(' ');
                pending_space = false;
            }
            key.push(char::from(b.to_ascii_lowercase()));
        }
        return;
    }
    let mut push = |c: char, key: &mut String| {
        if c.is_whitespace() {
            pending_space = !key.is_empty();
            return;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        key.extend(c.to_lowercase());
    };
    // Compatibility decomposition splits accents off their letters (and folds
    // full-width forms); the accents are then dropped.
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        match fold_letter(c) {
            Some(folded) => folded.chars().for_each(|c| push(c, key)),
            None => push(c, key),
        }
    }
}

/// Letters with no decomposition that people nonetheless write without their mark.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_spaces_do_not_matter() {
        assert_eq!(match_key("José García"), "jose garcia");
        assert_eq!(match_key("  JOSE   GARCIA "), "jose garcia");
        // NFD, as macOS stores file names: e + combining acute.
        assert_eq!(match_key("Jose\u{301} Garci\u{301}a"), "jose garcia");
        assert_eq!(match_key("Łukasz Øberg-Straße"), "lukasz oberg-strasse");
        assert_eq!(match_key("Ｊｏｈｎ\u{a0}Smith"), "john smith");
        assert_eq!(match_key("İlker"), "ilker");
        assert_eq!(match_key("Zoë.Ångström"), "zoe.angstrom");
    }

    #[test]
    fn punctuation_is_kept_because_templates_use_it() {
        assert_eq!(match_key("John.Smith"), "john.smith");
        assert_eq!(match_key("smith_john"), "smith_john");
        assert_ne!(match_key("john.smith"), match_key("johnsmith"));
        assert_eq!(match_key(""), "");
        assert_eq!(match_key("   "), "");
    }
}
