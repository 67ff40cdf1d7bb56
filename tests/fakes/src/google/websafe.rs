//! photoData's "web-safe base64" as the UserPhoto reference words it: `-` for `+`,
//! `_` for `/`, and `*` (one bullet) or `.` (another bullet) where `=` padding would
//! be. We accept `=`, `*` or `.` padding, or none, and by default refuse `+` and `/`,
//! which the documented alphabet does not contain.

use base64::Engine;

const NO_PAD: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub fn decode(text: &str, accept_standard: bool) -> Result<Vec<u8>, String> {
    // JSON encoders sometimes wrap long strings; whitespace carries no data.
    let mut s: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if s.contains(['+', '/']) {
        if !accept_standard {
            return Err("photoData uses '+' or '/', which are not in the web-safe base64 alphabet".into());
        }
        s = s.replace('+', "-").replace('/', "_");
    }
    let body = s.trim_end_matches(['=', '*', '.']);
    let padding = s.len() - body.len();
    if padding > 2 {
        return Err("photoData has more than two padding characters".into());
    }
    if padding > 0 && s.len() % 4 != 0 {
        return Err("photoData padding does not complete a 4-character group".into());
    }
    if body.contains(['=', '*', '.']) {
        return Err("photoData has padding characters before its end".into());
    }
    NO_PAD
        .decode(body)
        .map_err(|e| format!("photoData is not valid web-safe base64: {e}"))
}

/// Encode the way the reference describes: web-safe alphabet, `*` as padding.
pub fn encode(data: &[u8]) -> String {
    let mut s = NO_PAD.encode(data);
    while s.len() % 4 != 0 {
        s.push('*');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_documented_forms() {
        let data = [0xfbu8, 0xff, 0xbf, 0x01];
        let enc = encode(&data);
        assert_eq!(enc, "-_-_AQ**");
        for form in ["-_-_AQ**", "-_-_AQ==", "-_-_AQ..", "-_-_AQ"] {
            assert_eq!(decode(form, false).unwrap(), data, "{form}");
        }
        assert!(decode("+/+/AQ==", false).is_err());
        assert_eq!(decode("+/+/AQ==", true).unwrap(), data);
        assert!(decode("-_-_AQ***", false).is_err());
        assert!(decode("-_*_AQ", false).is_err());
    }
}
