//! Names from data that become paths or spreadsheet cells: input file names, user
//! names and identities. None may lead outside the folder the administrator gave,
//! name a Windows device, overflow a file name once a temporary suffix is added, give
//! two users one file, or run as a formula when the CSV is opened in Excel.

use adphoto_testkit as common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use adphoto_app::tasks::{export_photos, write_report_csv, ExportItem, ReportRow};
use adphoto_app::Event;
use adphoto_core::directory::{MemoryDirectory, MemoryUser};
use adphoto_core::photo::Preset;
use common::*;

/// What Windows (and therefore any share a Windows client reads) cannot hold.
fn assert_portable_name(name: &str, context: &str) {
    assert!(!name.is_empty() && name.len() <= 255, "{context}: length of {name:?}");
    assert!(
        !name.ends_with(['.', ' ']),
        "{context}: trailing dot or space in {name:?}"
    );
    assert!(
        !name.chars().any(|c| c.is_control() || "<>:\"/\\|?*".contains(c)),
        "{context}: forbidden character in {name:?}"
    );
    let base = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    let device = ["CON", "PRN", "AUX", "NUL"].contains(&base.as_str())
        || (base.len() == 4
            && (base.starts_with("COM") || base.starts_with("LPT"))
            && base.as_bytes()[3].is_ascii_digit());
    assert!(!device, "{context}: {name:?} is a Windows device name");
    assert!(name != "." && name != "..", "{context}: {name:?}");
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out
}

#[test]
fn input_names_never_write_outside_the_output_folder() {
    let dir = scratch("names-convert");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let long = "x".repeat(244);
    let mut names = vec![
        "...jpg".to_string(),
        "CON.jpg".into(),
        "nul.png".into(),
        "COM1.jpeg".into(),
        "LPT1.backup.jpg".into(),
        "dots...jpg".into(),
        "space .jpg".into(),
        format!("{long}.jpg"),
        "tab\there.jpg".into(),
    ];
    if cfg!(unix) {
        names.push("back\\slash.jpg".into());
        names.push("line\nbreak.jpg".into());
    }
    let jpeg = encode_jpeg(&quad_image(200, 200, [RED, GREEN, BLUE, WHITE]), 90);
    for n in &names {
        std::fs::write(photos.join(n), &jpeg).unwrap();
    }
    let out = dir.join("out");
    let inner = out.join("inner");
    for preset in ["ad", "account-pictures"] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        cmd.args(["convert", "--json", "--preset", preset, "--out-dir"])
            .arg(&inner);
        for n in &names {
            cmd.arg(photos.join(n));
        }
        let run = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        let items: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(items.len(), names.len(), "{stdout}");
        for item in &items {
            assert!(item.get("error").is_none(), "{preset}: {item}");
        }
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            1,
            "{preset}: nothing written beside the output folder: {:?}",
            files_under(&out)
        );
        let written = files_under(&inner);
        assert_eq!(
            written.len(),
            names.len() * if preset == "ad" { 1 } else { 12 },
            "{preset}: {written:?}"
        );
        for path in &written {
            for part in path.components() {
                assert_portable_name(&part.as_os_str().to_string_lossy(), preset);
            }
        }
        std::fs::remove_dir_all(&inner).unwrap();
    }
}

/// A directory whose users all have a photo: user i (in the order given) has the photo
/// `photo-i`, and an address and key of their own whatever their name.
fn photos_for(names: &[String]) -> MemoryDirectory {
    let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    for (i, name) in names.iter().enumerate() {
        dir.add(
            MemoryUser::new(name)
                .with("distinguishedname", &format!("uid=u{i},ou=people"))
                .with("objectguid", &format!("key-{i}"))
                .with_photo(format!("photo-{i}").as_bytes()),
        );
    }
    dir
}

/// Exports `names`' photos into `out`; the items in the order the users were listed.
fn export(names: &[String], out: &Path) -> Vec<ExportItem> {
    let mut items = Vec::new();
    export_photos(&mut photos_for(names), out, &mut |e: Event<'_>| {
        if let Event::Exported(item) = e {
            items.push(item.clone());
        }
    })
    .unwrap();
    items
}

const ADVERSARIAL_USERS: [&str; 24] = [
    "a",
    "a-2",
    "a",
    "A",
    "a-1",
    "a-1",
    "a-1-2",
    "../../evil",
    "..",
    ".",
    "CON",
    "con.txt",
    "a/b",
    "a\\b",
    "a_b",
    "a:b",
    "tab\tname",
    "trailing. ",
    "=HYPERLINK(\"http://evil.example/\",\"x\")",
    "-jsmith",
    "+1 555",
    "@SUM(A1)",
    "José",
    "Jose\u{301}",
];

#[test]
fn export_gives_every_user_a_file_of_their_own() {
    let dir = scratch("names-export");
    let out = dir.join("out");
    let long = "é".repeat(200);
    let mut names: Vec<String> = ADVERSARIAL_USERS.iter().map(|s| s.to_string()).collect();
    names.push(long.clone());
    names.push(format!("{long}x"));
    let items = export(&names, &out);
    assert_eq!(items.len(), names.len());

    let mut seen = HashSet::new();
    for (user, item) in items.iter().enumerate() {
        assert!(item.error.is_none(), "{item:?}");
        let path = PathBuf::from(item.path.as_deref().unwrap());
        assert_eq!(path.parent(), Some(out.as_path()), "{item:?}: directly in the folder");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert_portable_name(&name, &item.user);
        // Folders on Windows and macOS ignore case and Unicode normalisation.
        assert!(
            seen.insert(adphoto_core::text::match_key(&name)),
            "two users share {name}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            format!("photo-{user}").into_bytes(),
            "{name} holds another user's photo"
        );
    }

    // photos.csv maps each user to their own photo, read back as --map reads it.
    let mapping = adphoto_core::matching::read_mapping(&out.join("photos.csv")).unwrap();
    assert_eq!(mapping.rows.len(), names.len());
    let by_file: HashMap<PathBuf, usize> = items
        .iter()
        .enumerate()
        .map(|(u, i)| (PathBuf::from(i.path.as_deref().unwrap()), u))
        .collect();
    for (row, name) in mapping.rows.iter().zip(&names) {
        // Exactly, but for the spaces around it that CSV readers drop.
        assert_eq!(row.identity, name.trim(), "the identity survives the round trip");
        let user = by_file[&row.path];
        assert_eq!(&names[user], name, "{} maps to {}'s photo", name, names[user]);
    }
}

/// The cells of a CSV as Excel would see them (first character of each).
fn assert_no_formulas(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{}: a cell Excel would run as a formula: {cell:?}",
                path.display()
            );
        }
    }
}

#[test]
fn csv_cells_are_never_formulas() {
    let dir = scratch("names-formulas");
    let out = dir.join("out");
    let names: Vec<String> = ADVERSARIAL_USERS.iter().map(|s| s.to_string()).collect();
    export(&names, &out);
    assert_no_formulas(&out.join("photos.csv"));

    let rows: Vec<ReportRow> = ["=cmd|' /C calc'!A0", "-2+3", "+x", "@x", "\tx", "\rx", "plain"]
        .iter()
        .map(|u| ReportRow {
            user: u.to_string(),
            dn: Some(format!("CN={u},DC=x")),
            has_photo: true,
            bytes: 1,
            width: Some(96),
            height: Some(96),
            error: None,
            changed_elsewhere: false,
        })
        .collect();
    let report = dir.join("report.csv");
    write_report_csv(&report, &rows).unwrap();
    assert_no_formulas(&report);
    // A bare CR inside a cell is quoted: the file still has one record per row.
    let text = std::fs::read_to_string(&report).unwrap();
    let records = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .count();
    assert_eq!(records, rows.len(), "{text:?}");
}

#[test]
fn identities_that_look_like_formulas_survive_the_map_round_trip() {
    let dir = scratch("names-roundtrip");
    let out = dir.join("out");
    let users = ["-jsmith", "=x", "+1", "@home", "plain"];
    let mut users_csv = String::from("SamAccountName\n");
    for u in users {
        users_csv.push_str(&format!("{u}\n"));
    }
    std::fs::write(dir.join("users.csv"), users_csv).unwrap();
    export(&users.map(String::from), &out);
    // Exported photos are not real JPEGs here, so only the pairing is checked.
    let run = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["match", "--json", "--users"])
        .arg(dir.join("users.csv"))
        .arg("--map")
        .arg(out.join("photos.csv"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let rows: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let matched: Vec<&str> = rows
        .iter()
        .filter(|r| r["match"] == "matched")
        .map(|r| r["user"].as_str().unwrap())
        .collect();
    assert_eq!(matched.len(), users.len(), "{stdout}");
    for u in users {
        assert!(matched.contains(&u), "{u} is paired with its own photo: {stdout}");
    }
}
