//! Trimming that keeps what a value's own format says is data: a space escaped with a
//! backslash (`CN=trailing2\ ` in a DN) is part of the value, stray spaces around it
//! are not.

/// `s` without leading whitespace and without trailing whitespace that is not escaped
/// by a backslash (an odd run of backslashes right before it).
pub fn trim_unescaped(s: &str) -> &str {
    let s = s.trim_start();
    let mut end = s.len();
    while let Some(c) = s[..end].chars().next_back() {
        if !c.is_whitespace() {
            break;
        }
        let before = &s[..end - c.len_utf8()];
        let backslashes = before.bytes().rev().take_while(|b| *b == b'\\').count();
        if backslashes % 2 == 1 {
            break;
        }
        end -= c.len_utf8();
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_spaces_stay_stray_ones_go() {
        assert_eq!(trim_unescaped("  jsmith \t"), "jsmith");
        assert_eq!(trim_unescaped("CN=trailing2\\ "), "CN=trailing2\\ ");
        assert_eq!(trim_unescaped("CN=trailing2\\   "), "CN=trailing2\\ ");
        assert_eq!(trim_unescaped("C:\\photos\\\\ "), "C:\\photos\\\\");
        assert_eq!(trim_unescaped("   "), "");
        assert_eq!(trim_unescaped("\\ "), "\\ ");
    }
}
