//! A directory's stable id (objectGUID, entryUUID, a Graph or Google id) as a file name.

use super::component::file_component;
use crate::digest::sha256_hex;

/// The file name component for `key`. Ids as directories issue them (lower-case
/// letters, digits and dashes) are used as they are; anything else is made safe and
/// followed by a hash of the exact id, so two ids never share a file, even where the
/// file system ignores case.
pub fn key_component(key: &str) -> String {
    let canonical = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if canonical {
        return key.to_string();
    }
    let mut safe = file_component(key, "key");
    let mut cut = safe.len().min(64);
    while !safe.is_char_boundary(cut) {
        cut -= 1;
    }
    safe.truncate(cut);
    format!("{safe}-{}", &sha256_hex(key.as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_form_and_others_never_collide() {
        assert_eq!(
            key_component("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
        );
        assert_eq!(key_component("118377425637451887716"), "118377425637451887716");
        let forms = ["a.b", "a_b", "a/b", "A_B", "a_B", "", "..", "CON", "ABC", "abc "];
        let names: std::collections::HashSet<String> = forms.iter().map(|k| key_component(k).to_lowercase()).collect();
        assert_eq!(names.len(), forms.len(), "{names:?}");
        for n in &names {
            assert!(super::super::is_plain_component(n), "{n}");
        }
    }
}
