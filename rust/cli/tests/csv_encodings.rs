//! CSVs as Excel saves them around the world: in the system's ANSI code page
//! (Windows-1250 in Central Europe, 1251 Cyrillic, 1253 Greek, 1254 Turkish, 1257
//! Baltic), or as UTF-16 or UTF-8 with a byte-order mark. Names must be read as written,
//! detected when no encoding is named, and the guess reported.

use adphoto_testkit as common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// Legacy code page bytes for text, from a table of the non-ASCII characters used (so
/// the test does not depend on the decoder it checks).
fn encode(text: &str, table: &[(char, u8)]) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else {
                table
                    .iter()
                    .find(|(t, _)| *t == c)
                    .unwrap_or_else(|| panic!("{c} missing from the table"))
                    .1
            }
        })
        .collect()
}

fn cyrillic_1251(c: char) -> Option<u8> {
    match c as u32 {
        0x410..=0x44F => Some((c as u32 - 0x410 + 0xC0) as u8),
        _ => None,
    }
}

fn greek_1253(c: char) -> Option<u8> {
    match c as u32 {
        0x391..=0x3A9 => Some((c as u32 - 0x391 + 0xC1) as u8),
        0x3B1..=0x3C9 => Some((c as u32 - 0x3B1 + 0xE1) as u8),
        0x3AC => Some(0xDC),
        0x3AD => Some(0xDD),
        0x3AE => Some(0xDE),
        0x3AF => Some(0xDF),
        0x3CC => Some(0xFC),
        0x3CD => Some(0xFD),
        0x3CE => Some(0xFE),
        _ => None,
    }
}

fn table_of(f: fn(char) -> Option<u8>, text: &str) -> Vec<(char, u8)> {
    text.chars()
        .filter(|c| !c.is_ascii())
        .map(|c| (c, f(c).unwrap()))
        .collect()
}

const CP1250: &[(char, u8)] = &[
    ('Ł', 0xA3),
    ('ł', 0xB3),
    ('ó', 0xF3),
    ('Ó', 0xD3),
    ('ś', 0x9C),
    ('Ś', 0x8C),
    ('ż', 0xBF),
    ('Ż', 0xAF),
    ('ź', 0x9F),
    ('ć', 0xE6),
    ('ń', 0xF1),
    ('ą', 0xB9),
    ('ę', 0xEA),
];
const CP1254: &[(char, u8)] = &[
    ('Ş', 0xDE),
    ('ş', 0xFE),
    ('Ğ', 0xD0),
    ('ğ', 0xF0),
    ('İ', 0xDD),
    ('ı', 0xFD),
    ('Ö', 0xD6),
    ('ö', 0xF6),
    ('Ü', 0xDC),
    ('ü', 0xFC),
    ('Ç', 0xC7),
    ('ç', 0xE7),
];
const CP1257: &[(char, u8)] = &[
    ('ā', 0xE2),
    ('Ā', 0xC2),
    ('ē', 0xE7),
    ('ī', 0xEE),
    ('ņ', 0xF2),
    ('š', 0xF0),
    ('Š', 0xD0),
    ('ž', 0xFE),
    ('Ž', 0xDE),
    ('ū', 0xFB),
    ('ķ', 0xED),
    ('ļ', 0xEF),
    ('č', 0xE8),
    ('Č', 0xC8),
    ('ģ', 0xEC),
    ('ė', 0xEB),
    ('į', 0xE1),
    ('ų', 0xF8),
    ('Ė', 0xCB),
];

struct Case {
    encoding: &'static str,
    names: &'static [(&'static str, &'static str)],
}

const POLISH: &[(&str, &str)] = &[
    ("Łukasz", "Wójcik"),
    ("Małgorzata", "Żółkiewska"),
    ("Paweł", "Kaczmarczyk"),
    ("Grażyna", "Wiśniewska"),
    ("Jędrzej", "Dąbrowski"),
    ("Zofia", "Kuźniar"),
];
const RUSSIAN: &[(&str, &str)] = &[
    ("Иван", "Петров"),
    ("Мария", "Смирнова"),
    ("Алексей", "Кузнецов"),
    ("Ольга", "Попова"),
];
const GREEK: &[(&str, &str)] = &[
    ("Γιώργος", "Παπαδόπουλος"),
    ("Μαρία", "Νικολάου"),
    ("Δημήτρης", "Οικονόμου"),
    ("Ελένη", "Γεωργίου"),
];
const TURKISH: &[(&str, &str)] = &[
    ("Şükrü", "Öztürk"),
    ("Ayşe", "Yılmaz"),
    ("İbrahim", "Çelik"),
    ("Gülşen", "Doğan"),
    ("Ömer", "Şahin"),
];
const BALTIC: &[(&str, &str)] = &[
    ("Jānis", "Bērziņš"),
    ("Līga", "Kalniņa"),
    ("Žydrūnas", "Šimkus"),
    ("Ėgle", "Čepulienė"),
    ("Andris", "Ozoliņš"),
];

fn users_text(names: &[(&str, &str)]) -> String {
    let mut text = String::from("SamAccountName;GivenName;Surname\r\n");
    for (i, (g, s)) in names.iter().enumerate() {
        text.push_str(&format!("user{i};{g};{s}\r\n"));
    }
    text
}

fn adphoto(args: &[&str], users: &Path, photos: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["match", "--json", "--pattern", "{givenName}.{sn}", "--users"])
        .arg(users)
        .arg("--photos")
        .arg(photos)
        .args(args)
        .output()
        .unwrap()
}

fn matched(out: &Output) -> usize {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("\"match\":\"matched\""))
        .count()
}

fn photos_for(dir: &Path, names: &[(&str, &str)]) -> std::path::PathBuf {
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let jpeg = encode_jpeg(&quad_image(64, 64, [RED; 4]), 80);
    for (g, s) in names {
        std::fs::write(photos.join(format!("{g}.{s}.jpg")), &jpeg).unwrap();
    }
    photos
}

#[test]
fn ansi_code_pages_are_detected_and_the_guess_is_reported() {
    let cases = [
        Case {
            encoding: "windows-1250",
            names: POLISH,
        },
        Case {
            encoding: "windows-1251",
            names: RUSSIAN,
        },
        Case {
            encoding: "windows-1253",
            names: GREEK,
        },
        Case {
            encoding: "windows-1254",
            names: TURKISH,
        },
        Case {
            encoding: "windows-1257",
            names: BALTIC,
        },
    ];
    for case in cases {
        let dir = scratch(&format!("enc-{}", case.encoding));
        let text = users_text(case.names);
        let bytes = match case.encoding {
            "windows-1250" => encode(&text, CP1250),
            "windows-1251" => encode(&text, &table_of(cyrillic_1251, &text)),
            "windows-1253" => encode(&text, &table_of(greek_1253, &text)),
            "windows-1254" => encode(&text, CP1254),
            _ => encode(&text, CP1257),
        };
        let users = dir.join("users.csv");
        std::fs::write(&users, bytes).unwrap();
        let photos = photos_for(&dir, case.names);

        let guessed = adphoto(&[], &users, &photos);
        let stderr = String::from_utf8_lossy(&guessed.stderr).to_lowercase();
        assert_eq!(
            matched(&guessed),
            case.names.len(),
            "{}: every name read as written\n{}{stderr}",
            case.encoding,
            String::from_utf8_lossy(&guessed.stdout)
        );
        assert!(
            stderr.contains(case.encoding),
            "{}: the guess is reported: {stderr}",
            case.encoding
        );

        let named = adphoto(&["--encoding", case.encoding], &users, &photos);
        assert_eq!(matched(&named), case.names.len(), "{}: --encoding", case.encoding);
        let stderr = String::from_utf8_lossy(&named.stderr);
        assert!(
            !stderr.contains("guess"),
            "{}: nothing guessed when named: {stderr}",
            case.encoding
        );
    }
}

#[test]
fn byte_order_marks_win_and_unknown_encodings_are_refused() {
    let dir = scratch("enc-bom");
    let text = users_text(POLISH);
    let photos = photos_for(&dir, POLISH);
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend_from_slice(text.as_bytes());
    let (mut le, mut be) = (vec![0xFF, 0xFE], vec![0xFE, 0xFF]);
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for (what, bytes) in [
        ("utf-8 bom", utf8),
        ("utf-16le", le),
        ("utf-16be", be),
        ("utf-8", text.clone().into_bytes()),
    ] {
        let users = dir.join("users.csv");
        std::fs::write(&users, &bytes).unwrap();
        let out = adphoto(&[], &users, &photos);
        assert_eq!(matched(&out), POLISH.len(), "{what}");
        assert!(
            String::from_utf8_lossy(&out.stderr).is_empty(),
            "{what}: nothing to warn about"
        );
        // A named encoding does not override a byte-order mark.
        let out = adphoto(&["--encoding", "windows-1252"], &users, &photos);
        assert_eq!(matched(&out), POLISH.len(), "{what} with --encoding");
    }
    let out = adphoto(&["--encoding", "klingon"], &dir.join("users.csv"), &photos);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("klingon"));
}

#[test]
fn a_mapping_csv_in_a_code_page_is_read_too() {
    let dir = scratch("enc-map");
    photos_for(&dir, POLISH);
    std::fs::write(dir.join("users.csv"), encode(&users_text(POLISH), CP1250)).unwrap();
    let mut map = String::from("Identity;Path\r\n");
    for (i, (g, s)) in POLISH.iter().enumerate() {
        map.push_str(&format!("user{i};photos/{g}.{s}.jpg\r\n"));
    }
    std::fs::write(dir.join("map.csv"), encode(&map, CP1250)).unwrap();
    for named in [true, false] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        cmd.args(["match", "--json", "--users"])
            .arg(dir.join("users.csv"))
            .arg("--map")
            .arg(dir.join("map.csv"));
        if named {
            cmd.args(["--encoding", "windows-1250"]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            matched(&out),
            POLISH.len(),
            "named: {named}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
