//! `restore` reads a manifest from a folder anyone with write access to it could have
//! edited. It puts back only files inside that backup folder (no absolute paths, no
//! `..`, no links leading out), only when their checksum is recorded and matches, and
//! only images.
#![cfg(unix)]

use adphoto_testkit as common;

use std::os::unix::fs::symlink;
use std::path::Path;

use adphoto_app::tasks::{restore_photos, TaskItem, TaskStatus};
use adphoto_app::Discard;
use adphoto_core::cancel::Cancel;
use adphoto_core::digest::sha256_hex;
use adphoto_core::directory::{MemoryDirectory, MemoryUser};
use adphoto_core::photo::Preset;
use common::*;

/// One user per manifest key (named after it), each with the photo `current`.
fn directory(keys: &[&str]) -> MemoryDirectory {
    let dir = MemoryDirectory::new("thumbnailPhoto", Preset::Ad);
    for key in keys {
        dir.add(MemoryUser::new(key).with("objectguid", key).with_photo(b"current"));
    }
    dir
}

/// What the restore put back, per user: (account, photo; none for a removal).
fn restored(dir: &MemoryDirectory) -> Vec<(String, Option<Vec<u8>>)> {
    dir.applied()
        .into_iter()
        .map(|(address, photo)| {
            let account = address.trim_start_matches("uid=").split(',').next().unwrap_or_default();
            (account.to_string(), photo)
        })
        .collect()
}

fn line(key: &str, files: &[&str], sha256: &[String]) -> String {
    serde_json::json!({
        "key": key, "user": key, "target": "t", "attribute": "thumbnailPhoto",
        "files": files, "sha256": sha256, "time": "2026-01-01T00:00:00Z", "before": "set"
    })
    .to_string()
}

fn restore(folder: &Path, keys: &[&str]) -> (Vec<TaskItem>, MemoryDirectory) {
    let dir = directory(keys);
    let items = restore_photos(
        &mut dir.clone(),
        folder,
        &[],
        false,
        &folder.join("../new-run"),
        &Cancel::default(),
        &mut Discard,
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

    let keys = [
        "absolute",
        "dotdot",
        "link",
        "linked-folder",
        "no-checksum",
        "missing-checksum",
        "not-an-image",
        "device",
        "good",
    ];
    let (items, dir) = restore(&folder, &keys);
    let status: Vec<(String, TaskStatus)> = items.iter().map(|i| (i.user.clone(), i.status)).collect();
    assert_eq!(items.len(), lines.len(), "{status:?}");
    for item in &items {
        let expected = if item.user == "good" {
            TaskStatus::Done
        } else {
            TaskStatus::Failed
        };
        assert_eq!(item.status, expected, "{}: {}", item.user, item.reason);
    }
    assert_eq!(
        restored(&dir),
        vec![("good".to_string(), Some(photo))],
        "only the good backup was restored"
    );
}

#[test]
fn a_removal_recorded_without_files_still_restores_as_a_removal() {
    let root = scratch("restore-removal");
    let folder = root.join("backup");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("manifest.jsonl"), line("added", &[], &[])).unwrap();
    let (items, dir) = restore(&folder, &["added"]);
    assert_eq!(items[0].status, TaskStatus::Done, "{:?}", items[0]);
    assert_eq!(restored(&dir), vec![("added".to_string(), None)]);
}
