//! Photo folders with symbolic links: loops, links to parents, links to files,
//! dangling links and two names for one file. Every real folder is searched once,
//! every real file is counted once, a loop is reported once, and nothing hangs.
#![cfg(unix)]

use adphoto_testkit as common;

use std::collections::HashMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Duration;

use adphoto_core::inputs::{find_photo_files, FoundFile};
use common::child::run_adphoto;
use common::*;

fn photo(path: &Path, colour: [u8; 3]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, encode_jpeg(&quad_image(120, 160, [colour; 4]), 90)).unwrap();
}

/// How many times each real file was found, by its canonical path.
fn counts(found: &[FoundFile]) -> HashMap<PathBuf, usize> {
    let mut counts = HashMap::new();
    for f in found {
        if let FoundFile::Photo(p) = f {
            *counts.entry(p.canonicalize().unwrap()).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn a_link_to_its_own_folder_does_not_multiply_the_photos() {
    let dir = scratch("links-self");
    let photos = dir.join("photos");
    photo(&photos.join("anne.jpg"), RED);
    photo(&photos.join("sub/bob.jpg"), GREEN);
    symlink(".", photos.join("loop")).unwrap();

    let found = find_photo_files(std::slice::from_ref(&photos), None);
    let counts = counts(&found);
    assert_eq!(counts.len(), 2, "{found:?}");
    assert!(counts.values().all(|n| *n == 1), "each file once: {counts:?}");
    // Found where they really are, not through the link.
    assert!(found.contains(&FoundFile::Photo(photos.join("anne.jpg"))), "{found:?}");
    assert!(
        found.contains(&FoundFile::Photo(photos.join("sub/bob.jpg"))),
        "{found:?}"
    );
}

#[test]
fn links_to_parents_files_and_nowhere_count_each_real_file_once() {
    let dir = scratch("links-mixed");
    let photos = dir.join("photos");
    photo(&photos.join("anne.jpg"), RED);
    photo(&photos.join("class/bob.jpg"), GREEN);
    photo(&dir.join("elsewhere/carl.jpg"), BLUE);
    symlink("..", photos.join("class/up")).unwrap();
    symlink("anne.jpg", photos.join("anne-again.jpg")).unwrap();
    symlink("anne.jpg", photos.join("class/anne-twice.jpg")).unwrap();
    symlink("missing.jpg", photos.join("dangling.jpg")).unwrap();
    symlink("../elsewhere", photos.join("more")).unwrap();

    let found = find_photo_files(&[photos.clone(), photos.join("anne.jpg")], None);
    let counts = counts(&found);
    assert_eq!(counts.len(), 3, "anne, bob and carl (through the link): {found:?}");
    assert!(counts.values().all(|n| *n == 1), "each file once: {counts:?}");
    assert!(found.contains(&FoundFile::Photo(photos.join("anne.jpg"))), "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| matches!(f, FoundFile::Unreadable { path, .. } if path.ends_with("dangling.jpg"))),
        "a dangling link is reported: {found:?}"
    );
}

#[test]
fn convert_and_match_finish_on_a_folder_of_loops_and_report_each_loop_once() {
    let dir = scratch("links-cli");
    let photos = dir.join("photos");
    photo(&photos.join("anne.jpg"), RED);
    photo(&photos.join("sub/bob.jpg"), GREEN);
    // Two links to the folder itself and one to its parent: walked naively, the
    // paths multiply at every level (2^40 before the system's link limit stops them).
    symlink(".", photos.join("loop")).unwrap();
    symlink(".", photos.join("self")).unwrap();
    symlink("..", photos.join("sub/up")).unwrap();
    std::fs::write(dir.join("users.csv"), "SamAccountName\nanne\nbob\n").unwrap();
    let out = dir.join("out");
    let deadline = Duration::from_secs(120);

    let conv = run_adphoto(
        env!("CARGO_BIN_EXE_adphoto"),
        &[
            "convert",
            "--json",
            "--out-dir",
            out.to_str().unwrap(),
            photos.to_str().unwrap(),
        ],
        &[],
        deadline,
    );
    assert!(!conv.timed_out, "convert must not walk a loop forever");
    let items = conv.json_lines();
    let converted: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| !i["outputs"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(
        converted.len(),
        2,
        "each photo converted once, no false collisions: {}",
        conv.stdout
    );
    assert!(items.iter().all(|i| i.get("error").is_none()), "{}", conv.stdout);
    let mentions = |text: &str, link: &str| text.matches(link).count();
    let all = format!("{}{}", conv.stdout, conv.stderr);
    for link in ["/loop", "/self", "/up"] {
        assert_eq!(
            mentions(&all, link),
            1,
            "the loop through {link} is reported once:\n{all}"
        );
    }
    assert_eq!(conv.code, Some(0), "{all}");

    let matched = run_adphoto(
        env!("CARGO_BIN_EXE_adphoto"),
        &[
            "match",
            "--json",
            "--users",
            dir.join("users.csv").to_str().unwrap(),
            "--photos",
            photos.to_str().unwrap(),
        ],
        &[],
        deadline,
    );
    assert!(!matched.timed_out, "match must not walk a loop forever");
    let rows = matched.json_lines();
    let kinds: Vec<&str> = rows.iter().map(|r| r["match"].as_str().unwrap()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "matched").count(),
        2,
        "{}",
        matched.stdout
    );
    assert!(!kinds.contains(&"duplicate"), "no false duplicates: {}", matched.stdout);
    assert_eq!(matched.code, Some(0), "{}{}", matched.stdout, matched.stderr);
}
