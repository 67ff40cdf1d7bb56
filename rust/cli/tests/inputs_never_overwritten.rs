//! Outputs named like the run's own inputs: `convert` into the folder it reads, an
//! LDIF file named like the users CSV, the mapping CSV or a photo. The originals stay
//! byte for byte; the run says why, and nothing else is lost.

use adphoto_testkit as common;
use common::stderr;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn adphoto(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .current_dir(dir)
        .args(args)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("run adphoto")
}

/// A copy of the example: users.csv and photos/.
fn example(name: &str) -> PathBuf {
    let dir = common::scratch(name);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    std::fs::copy(examples.join("users.csv"), dir.join("users.csv")).unwrap();
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    for entry in std::fs::read_dir(examples.join("photos")).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.join("photos").join(entry.file_name())).unwrap();
    }
    dir
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn convert_into_the_folder_it_reads_replaces_no_original() {
    let dir = example("guard-convert");
    let photos = dir.join("photos");
    let before = snapshot(&photos);
    let out = adphoto(&dir, &["convert", "--json", "--out-dir", "photos", "photos"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let after = snapshot(&photos);
    for (path, bytes) in &before {
        let now = after.iter().find(|(p, _)| p == path).map(|(_, b)| b);
        assert_eq!(now, Some(bytes), "{} was replaced", path.display());
    }
    let items: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let refused: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| i["error"]["kind"] == "output-collision")
        .collect();
    assert!(
        refused.iter().any(|i| i["error"]["message"]
            .as_str()
            .unwrap()
            .contains("would replace the original")),
        "{items:?}"
    );
}

#[test]
fn an_ldif_file_named_like_an_input_is_refused_before_anything_is_read() {
    let dir = example("guard-ldif");
    std::fs::write(dir.join("map.csv"), "identity,path\nawallace,photos/Anne.Wallace.jpg\n").unwrap();
    let set_to = |target: &str, source: [&str; 2]| {
        adphoto(
            &dir,
            &["set", "--users", "users.csv", source[0], source[1], "--target", target],
        )
    };
    for (target, source) in [
        ("ldif:users.csv", ["--photos", "photos"]),
        ("ldif:map.csv", ["--map", "map.csv"]),
        ("ldif:photos/Anne.Wallace.jpg", ["--photos", "photos"]),
        ("ldif:./photos/../users.csv", ["--photos", "photos"]),
    ] {
        let before = (snapshot(&dir), snapshot(&dir.join("photos")));
        let out = set_to(target, source);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("would replace the input"),
            "{target}: {}",
            stderr(&out)
        );
        assert_eq!(before, (snapshot(&dir), snapshot(&dir.join("photos"))), "{target}");
    }
    // A new file beside them is written as before.
    let out = set_to("ldif:photos.ldif", ["--photos", "photos"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.join("photos.ldif"))
        .unwrap()
        .contains("changetype: modify"));
}
