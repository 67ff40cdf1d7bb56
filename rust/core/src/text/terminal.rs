//! Text shown to a person on a terminal. File and user names are data: a name holding a
//! newline and escape sequences could otherwise print a forged line ("Wrote 100
//! photo(s)"), clear the screen or recolour what follows, and a bidirectional override
//! could make a name read backwards. Such characters are shown escaped instead.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1) and every bidirectional
/// embedding, override, isolate or mark shown as an escape (`\n`, `\t`, `\u{1b}`).
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_not_obeyed() {
        assert_eq!(for_terminal("José García.jpg"), "José García.jpg");
        assert_eq!(
            for_terminal("a\nWrote 9\x1b[2J\x07\x7f\u{9b}\u{202e}x\t"),
            "a\\nWrote 9\\u{1b}[2J\\u{7}\\u{7f}\\u{9b}\\u{202e}x\\t"
        );
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }
}
