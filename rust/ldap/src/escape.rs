//! RFC 4515 escaping, so a name such as `*)(uid=*` is searched for literally instead of
//! changing the filter.

/// Escapes a value for use inside an LDAP filter.
pub fn escape_filter_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '*' | '(' | ')' | '\\' | '\0' => out.push_str(&format!("\\{:02x}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes raw bytes (an objectGUID) as `\xx` pairs for an equality filter.
pub fn escape_filter_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_escaped_and_the_rest_kept() {
        assert_eq!(escape_filter_value("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
        assert_eq!(escape_filter_value("a\\b\0"), "a\\5cb\\00");
        assert_eq!(escape_filter_value("José O'Brien"), "José O'Brien");
        assert_eq!(escape_filter_bytes(&[0x00, 0xff, 0x2a]), "\\00\\ff\\2a");
    }
}
