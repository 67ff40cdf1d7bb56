//! `photoData`, in what the Directory API calls web-safe base64.
//!
//! The UserPhoto reference names `-` for `+` and `_` for `/`, then gives two different
//! padding characters (`*` in one bullet, `.` in the next), while Google's JSON
//! mapping of bytes also takes RFC 4648 base64url with `=`. We send the form every
//! reading accepts (`-`, `_`, `=` padding) and read every form Google might answer
//! with, so a change of mind on Google's side costs nothing.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;

/// The photo as `photoData`: the URL-safe alphabet, `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE.encode(bytes)
}

/// `photoData` as Google sends it back: URL-safe or (from older front ends) standard
/// alphabet, padded with `=`, `*` or `.`, or not at all; line breaks ignored.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let mut body: String = text
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    let unpadded = body.trim_end_matches(['=', '*', '.']).len();
    let padding = body.len() - unpadded;
    if padding > 2 {
        return Err("photoData has more than two padding characters".into());
    }
    body.truncate(unpadded);
    if body.contains(['=', '*', '.']) {
        return Err("photoData has padding before its end".into());
    }
    URL_SAFE_NO_PAD
        .decode(body.as_bytes())
        .map_err(|e| format!("photoData is not base64: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_the_url_safe_alphabet_with_padding() {
        // 0xfb 0xff 0xbf encodes to "+/+/" in the standard alphabet.
        let data = [0xfbu8, 0xff, 0xbf, 0x01];
        let text = encode(&data);
        assert_eq!(text, "-_-_AQ==");
        assert!(!text.contains(['+', '/']));
        for n in 0..64 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 251) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(text.len() % 4, 0);
            assert_eq!(decode(&text).unwrap(), bytes);
        }
    }

    #[test]
    fn reads_every_documented_padding_and_both_alphabets() {
        let data = [0xfbu8, 0xff, 0xbf, 0x01];
        for form in ["-_-_AQ**", "-_-_AQ..", "-_-_AQ==", "-_-_AQ", "+/+/AQ==", "-_-_\nAQ**"] {
            assert_eq!(decode(form).unwrap(), data, "{form}");
        }
        assert!(decode("-_-_AQ***").is_err());
        assert!(decode("-_*_AQ").is_err());
        assert!(decode("-_-_A").is_err());
    }
}
