//! Turns the bytes of a text file into a string whatever wrote it: UTF-8 with or without
//! a BOM, UTF-16 (PowerShell's `Out-File`), or a legacy code page — Excel saves "CSV"
//! in the system's ANSI code page (Windows-1250 in Central Europe, 1251 Cyrillic, 1253
//! Greek, 1254 Turkish, 1257 Baltic, 1252 in Western Europe...).
//!
//! In order: a byte-order mark decides; else text that is valid UTF-8 is UTF-8 (legacy
//! text practically never is); else the encoding the administrator named; else the
//! encoding is detected from the content (the detector Firefox uses for unlabelled
//! pages) and the guess is reported.

use encoding_rs::Encoding;

/// The decoded text, and a note when the encoding had to be guessed.
pub fn decode_text(bytes: &[u8]) -> (String, Option<String>) {
    decode_text_as(bytes, None)
}

/// As `decode_text`, with the encoding the administrator named (used unless the file
/// starts with a byte-order mark or is valid UTF-8).
pub fn decode_text_as(bytes: &[u8], named: Option<&'static Encoding>) -> (String, Option<String>) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return (decode_with(encoding, &bytes[bom..]), None);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    if let Some(encoding) = named {
        return (decode_with(encoding, bytes), None);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guessed = detector.guess(None, false);
    let note = format!(
        "the file is not UTF-8 and names no encoding; it was read as {} (guessed from its content: if names look \
         wrong, give the encoding with --encoding, or save the file as UTF-8)",
        guessed.name()
    );
    (decode_with(guessed, bytes), Some(note))
}

/// The encoding a name or label means: `windows-1250`, `cp1250`, `1250`, `latin2`,
/// `utf-16le`, `koi8-r`... (the WHATWG labels, plus bare Windows code page numbers).
pub fn encoding_named(name: &str) -> Result<&'static Encoding, String> {
    let name = name.trim();
    let label = if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        format!("windows-{name}")
    } else {
        name.to_string()
    };
    Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding '{name}' (names such as utf-8, windows-1250, windows-1251, windows-1252, iso-8859-2, \
             utf-16le are understood)"
        )
    })
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
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
        for bytes in [expected.as_bytes().to_vec(), utf8_bom, le, be] {
            assert_eq!(decode_text(&bytes), (expected.to_string(), None));
        }
        let named = decode_text_as(&cp1252, Some(encoding_named("windows-1252").unwrap()));
        assert_eq!(named, (expected.to_string(), None));
        assert_eq!(
            decode_text_as(&[0x80, 0x93], Some(encoding_named("1252").unwrap())).0,
            "€“"
        );
    }

    #[test]
    fn central_european_excel_files_are_detected() {
        let text = "Imię;Nazwisko\r\nŁukasz;Wójcik\r\nMałgorzata;Żółkiewska\r\nGrażyna;Wiśniewska\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(text);
        let (decoded, note) = decode_text(&bytes);
        assert_eq!(decoded, text);
        assert!(note.unwrap().contains("windows-1250"));
    }

    #[test]
    fn names_and_numbers_are_understood() {
        assert_eq!(encoding_named("cp1250").unwrap(), encoding_rs::WINDOWS_1250);
        assert_eq!(encoding_named(" 1251 ").unwrap(), encoding_rs::WINDOWS_1251);
        assert_eq!(encoding_named("Latin2").unwrap(), encoding_rs::ISO_8859_2);
        assert!(encoding_named("klingon").unwrap_err().contains("klingon"));
    }
}
