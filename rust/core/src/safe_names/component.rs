//! One name from data → one safe path component.

use crate::digest::sha256_hex;

/// The longest component made here, in bytes. File systems allow 255 (bytes on Linux
/// and macOS, UTF-16 units on Windows, never fewer than UTF-8 bytes); the rest is left
/// for an extension, a `-N` suffix and a temporary file's suffix.
pub const MAX_COMPONENT_BYTES: usize = 200;

/// Characters no Windows file name may hold (`/` and `\` separate paths everywhere).
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// `name` as a single, portable file name component; `fallback` when nothing usable is
/// left (a name of dots or spaces only). Distinct long names stay distinct: a name cut
/// to length ends with a hash of the whole.
pub fn file_component(name: &str, fallback: &str) -> String {
    let mut cleaned: String = name.chars().map(|c| if is_unsafe_char(c) { '_' } else { c }).collect();
    cleaned = trim_for_windows(&cleaned);
    // A leading dot hides the file on Linux and macOS (and from ADPhoto's own folder
    // walk, which skips hidden files).
    if cleaned.starts_with('.') {
        cleaned = format!("_{}", &cleaned[1..]);
    }
    if cleaned.is_empty() {
        return if fallback.is_empty() {
            String::new()
        } else {
            file_component(fallback, "")
        };
    }
    if is_device_name(&cleaned) {
        cleaned.insert(0, '_');
    }
    if cleaned.len() > MAX_COMPONENT_BYTES {
        let hash = &sha256_hex(name.as_bytes())[..8];
        let mut cut = MAX_COMPONENT_BYTES - hash.len() - 1;
        while !cleaned.is_char_boundary(cut) {
            cut -= 1;
        }
        cleaned = format!("{}~{hash}", trim_for_windows(&cleaned[..cut]));
    }
    cleaned
}

/// `name` can be used as a file name exactly as it is: `file_component` would not
/// change it. Used where a name must find an existing file rather than make one.
pub fn is_plain_component(name: &str) -> bool {
    !name.is_empty() && file_component(name, "") == name
}

/// Control characters (C0, DEL, C1), separators and the bidirectional overrides that
/// make a name display as something else.
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || FORBIDDEN.contains(&c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Windows drops trailing dots and spaces from file names, so `a.` would be `a`; spaces
/// around a name are never meant.
fn trim_for_windows(name: &str) -> String {
    name.trim().trim_end_matches(['.', ' ']).trim_end().to_string()
}

/// `CON`, `NUL`, `COM1`, `LPT1.txt`...: names Windows opens as devices whatever their
/// extension (and trailing spaces before it).
fn is_device_name(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or_default().trim_end().to_uppercase();
    match base.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let mut chars = base.chars();
            let prefix: String = chars.by_ref().take(3).collect();
            let digit = chars.next();
            (prefix == "COM" || prefix == "LPT")
                && chars.next().is_none()
                && digit.is_some_and(|d| d.is_ascii_digit() || "¹²³".contains(d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_dots_never_survive() {
        for (name, expected) in [
            ("..", "photo"),
            (".", "photo"),
            ("...", "photo"),
            ("../../etc/passwd", "_._.._etc_passwd"),
            ("a/b", "a_b"),
            ("a\\b", "a_b"),
            ("C:evil", "C_evil"),
            ("\\\\server\\share", "__server_share"),
            (".hidden", "_hidden"),
            ("  spaced  ", "spaced"),
            ("dots...", "dots"),
            ("dot. . .", "dot"),
            ("tab\there", "tab_here"),
            ("nul\0byte", "nul_byte"),
            ("esc\x1b[31m", "esc_[31m"),
            ("c1\u{9b}x", "c1_x"),
            ("bidi\u{202e}gpj.exe", "bidi_gpj.exe"),
            ("José García", "José García"),
            ("", "photo"),
        ] {
            assert_eq!(file_component(name, "photo"), expected, "{name:?}");
        }
    }

    #[test]
    fn windows_devices_are_renamed_whatever_their_extension_or_case() {
        for name in [
            "CON",
            "con",
            "Nul",
            "PRN",
            "AUX",
            "COM1",
            "com9",
            "LPT1",
            "lpt0",
            "COM¹",
            "CONIN$",
            "NUL.txt",
            "LPT1.backup",
            "con .jpg",
        ] {
            let safe = file_component(name, "x");
            assert!(safe.starts_with('_'), "{name} -> {safe}");
            assert!(!is_device_name(&safe), "{name} -> {safe}");
        }
        for name in ["CONSOLE", "COM10", "COM", "LPTX", "nullable", "auxiliary.jpg", "icon"] {
            assert_eq!(file_component(name, "x"), name, "{name} is an ordinary name");
        }
    }

    #[test]
    fn long_names_fit_with_room_for_suffixes_and_stay_distinct() {
        let a = "é".repeat(200);
        let b = format!("{a}x");
        let (sa, sb) = (file_component(&a, "x"), file_component(&b, "x"));
        assert!(sa.len() <= MAX_COMPONENT_BYTES && sb.len() <= MAX_COMPONENT_BYTES);
        assert_ne!(sa, sb);
        assert_eq!(sa, file_component(&a, "x"), "the same name gives the same component");
        let dotted = format!("{}.{}", "a".repeat(190), ".".repeat(40));
        assert!(!file_component(&dotted, "x").ends_with('.'));
    }

    #[test]
    fn plain_components_are_those_that_need_no_change() {
        assert!(is_plain_component("jsmith"));
        assert!(is_plain_component("S-1-5-21-1-2-3-1001"));
        for name in ["", "..", "a/b", "a\\b", "C:x", "CON", ".x", "x.", "x "] {
            assert!(!is_plain_component(name), "{name:?}");
        }
    }
}
