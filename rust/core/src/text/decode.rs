//! Turns the bytes of a text file into a string whatever wrote it: UTF-8 with or without
//! a BOM, UTF-16 (PowerShell's `Out-File`), or Windows-1252 (Excel's "CSV").

/// The decoded text, and a note when a legacy encoding had to be assumed.
pub fn decode_text(bytes: &[u8]) -> (String, Option<String>) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), None);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), None);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            bytes.iter().map(|b| windows_1252(*b)).collect(),
            Some("the file is not UTF-8; it was read as Windows-1252 (save it as UTF-8 to be sure)".into()),
        ),
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| read([p[0], p[1]])).collect();
    String::from_utf16_lossy(&units)
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_admins_produce_reads_the_same() {
        let expected = "José;Ærø";
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(expected.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in expected.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let cp1252 = vec![b'J', b'o', b's', 0xE9, b';', 0xC6, b'r', 0xF8];
        for bytes in [expected.as_bytes().to_vec(), utf8_bom, le, be, cp1252.clone()] {
            assert_eq!(decode_text(&bytes).0, expected);
        }
        assert!(decode_text(&cp1252).1.is_some());
        assert!(decode_text(expected.as_bytes()).1.is_none());
        assert_eq!(decode_text(&[0x80, 0x93]).0, "€“");
    }
}
