//! Names that carry terminal control sequences: a file name with a newline and escape
//! codes must not forge lines ("Converted 100 photo(s)") or recolour the terminal in
//! what the CLI prints for people. JSON output stays exact.
#![cfg(unix)]

use adphoto_testkit as common;

use std::process::{Command, Output};

use common::*;

const FORGED: &str = "Wrote 999 photo(s) to everything.";

fn evil_names() -> Vec<String> {
    vec![
        format!("evil\n{FORGED}\n\x1b[2J\x1b[1;31mred\x1b[0m.jpg"),
        "c1\u{9b}31mcsi\u{85}nel.jpg".to_string(),
        "bidi\u{202e}gpj.exe\u{2066}x\u{2069}.jpg".to_string(),
        "bell\x07del\x7f.jpg".to_string(),
    ]
}

fn adphoto(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn assert_clean(out: &Output, what: &str) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for line in text.lines() {
            assert!(
                !line.chars().any(|c| (c.is_control() && c != '\t')
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
                "{what} {stream}: raw control character in {line:?}"
            );
            assert_ne!(line.trim(), FORGED, "{what} {stream}: a forged line");
        }
    }
}

#[test]
fn file_and_user_names_cannot_forge_lines_or_colours() {
    let dir = scratch("terminal");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let good = encode_jpeg(&quad_image(120, 120, [RED; 4]), 90);
    for name in evil_names() {
        std::fs::write(photos.join(&name), b"not a photo at all").unwrap();
        std::fs::write(photos.join(format!("ok-{name}")), &good).unwrap();
    }
    let mut users = String::from("SamAccountName\n");
    users.push_str("\"esc\x1b[31mred\"\n\"line\nWrote 999 photo(s) to everything.\"\n");
    std::fs::write(dir.join("users.csv"), users).unwrap();

    let convert = adphoto(&["convert", "--out-dir", "out", "photos"], &dir);
    assert_eq!(convert.status.code(), Some(1));
    assert_clean(&convert, "convert");
    let stderr = String::from_utf8_lossy(&convert.stderr);
    assert!(stderr.contains("\\n"), "newlines are shown escaped: {stderr}");

    let matched = adphoto(&["match", "--users", "users.csv", "--photos", "photos"], &dir);
    assert_clean(&matched, "match");

    let set = [
        "set",
        "--users",
        "users.csv",
        "--photos",
        "photos",
        "--target",
        "ldif:x.ldif",
    ];
    assert_clean(&adphoto(&[&set[..], &["--what-if"]].concat(), &dir), "set --what-if");
    assert_clean(&adphoto(&set, &dir), "set");

    // JSON keeps the names exactly (as JSON escapes).
    let json = adphoto(&["convert", "--json", "--out-dir", "out2", "photos"], &dir);
    let inputs: Vec<String> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["input"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for name in evil_names() {
        assert!(
            inputs.iter().any(|i| i.ends_with(&format!("/{name}"))),
            "{name:?} in {inputs:?}"
        );
    }
}

/// clap's parse errors quote the argument they stopped at: a name given on the command
/// line that starts with '-' (as `adphoto get "$name"` in a script would pass it) is
/// escaped there too, and the hint names it escaped.
#[test]
fn an_argument_in_a_parse_error_cannot_forge_lines() {
    let dir = scratch("terminal-args");
    for name in evil_names() {
        // `--name` is quoted whole by clap; `-name` is named whole by the hint.
        for (arg, hint) in [(format!("--{name}"), false), (format!("-{name}"), true)] {
            let out = adphoto(&["get", &arg, "--out", "x.jpg"], &dir);
            assert_eq!(out.status.code(), Some(2));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.lines().any(|l| l.starts_with("Wrote")), "a forged line: {err}");
            for c in ['\x1b', '\u{9b}', '\u{85}', '\u{202e}', '\x07', '\x7f'] {
                assert!(!err.contains(c), "{c:?} reached the terminal: {err:?}");
            }
            assert_eq!(err.contains("goes after '--'"), hint, "{err}");
        }
    }
}
