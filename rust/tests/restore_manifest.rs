//! `restore` reads a manifest from a folder anyone with write access to it could have
//! edited. It puts back only files inside that backup folder (no absolute paths, no
//! `..`, no links leading out), only when their checksum is recorded and matches, and
//! only images.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use adphoto::cancel::Cancel;
use adphoto::digest::sha256_hex;
use adphoto::targets::TargetError;
use adphoto::tasks::{restore_photos, FoundUser, PhotoLookup, TaskItem};
use common::*;

/// One directory user per manifest key, photo-less, recording what restore sets.
struct Directory {
    set: Vec<(String, Vec<Vec<u8>>)>,
}

impl PhotoLookup for Directory {
    fn describe_directory(&self) -> String {
        "test directory".into()
    }
    fn photo_attribute(&self) -> String {
        "thumbnailPhoto".into()
    }
    fn find(&mut self, _identity: &str) -> Result<Vec<FoundUser>, TargetError> {
        Ok(Vec::new())
    }
    fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, TargetError> {
        Ok(vec![FoundUser {
            address: format!("CN={key},DC=x"),
            key: Some(key.to_string()),
            name: key.to_string(),
            photos: vec![b"current".to_vec()],
        }])
    }
    fn set_values(&mut self, user: &FoundUser, values: Vec<Vec<u8>>) -> Result<(), TargetError> {
        self.set.push((user.name.clone(), values));
        Ok(())
    }
}

fn line(key: &str, files: &[&str], sha256: &[String]) -> String {
    serde_json::json!({
        "key": key, "user": key, "target": "t", "attribute": "thumbnailPhoto",
        "files": files, "sha256": sha256, "time": "2026-01-01T00:00:00Z", "before": "set"
    })
    .to_string()
}

fn restore(folder: &Path) -> (Vec<TaskItem>, Directory) {
    let mut dir = Directory { set: Vec::new() };
    let items = restore_photos(
        &mut dir,
        folder,
        &[],
        false,
        &folder.join("../new-run"),
        &Cancel::default(),
        |_| {},
    )
    .unwrap();
    (items, dir)
}

#[test]
fn a_forged_manifest_restores_nothing_from_outside_or_unchecked() {
    let root = scratch("restore-forged");
    let folder = root.join("backup");
    std::fs::create_dir_all(folder.join("photos/k")).unwrap();
    let photo = encode_jpeg(&quad_image(96, 96, [RED; 4]), 90);
    let outside = root.join("secret.jpg");
    std::fs::write(&outside, &photo).unwrap();
    std::fs::write(folder.join("photos/k/good.jpg"), &photo).unwrap();
    std::fs::write(folder.join("photos/k/text.jpg"), b"a password list, not a photo").unwrap();
    symlink(&outside, folder.join("photos/k/link.jpg")).unwrap();
    symlink(&root, folder.join("photos/up")).unwrap();
    let sha = sha256_hex(&photo);
    let lines = [
        line("absolute", &[outside.to_str().unwrap()], std::slice::from_ref(&sha)),
        line("dotdot", &["photos/../../secret.jpg"], std::slice::from_ref(&sha)),
        line("link", &["photos/k/link.jpg"], std::slice::from_ref(&sha)),
        line("linked-folder", &["photos/up/secret.jpg"], std::slice::from_ref(&sha)),
        line("no-checksum", &["photos/k/good.jpg"], &[String::new()]),
        line("missing-checksum", &["photos/k/good.jpg"], &[]),
        line(
            "not-an-image",
            &["photos/k/text.jpg"],
            &[sha256_hex(b"a password list, not a photo")],
        ),
        line("device", &["/dev/zero"], std::slice::from_ref(&sha)),
        line("good", &["photos/k/good.jpg"], std::slice::from_ref(&sha)),
    ];
    std::fs::write(folder.join("manifest.jsonl"), lines.join("\n")).unwrap();

    let (items, dir) = restore(&folder);
    let status: Vec<(String, String)> = items.iter().map(|i| (i.user.clone(), i.status.clone())).collect();
    assert_eq!(items.len(), lines.len(), "{status:?}");
    for item in &items {
        let expected = if item.user == "good" { "done" } else { "failed" };
        assert_eq!(item.status, expected, "{}: {}", item.user, item.reason);
    }
    assert_eq!(
        dir.set,
        vec![("good".to_string(), vec![photo])],
        "only the good backup was restored"
    );
}

#[test]
fn a_removal_recorded_without_files_still_restores_as_a_removal() {
    let root = scratch("restore-removal");
    let folder = root.join("backup");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("manifest.jsonl"), line("added", &[], &[])).unwrap();
    let (items, dir) = restore(&folder);
    assert_eq!(items[0].status, "done", "{:?}", items[0]);
    assert_eq!(dir.set, vec![("added".to_string(), Vec::<Vec<u8>>::new())]);
}
