//! Account pictures from a real directory (OpenLDAP of tests/services/openldap.sh):
//! `jpegPhoto` ahead of `thumbnailPhoto`, a local file ahead of both, a user with no
//! photo reported, and an unreachable directory leaving the current picture alone.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::Output;

use base64::Engine;
use common::openldap::OpenLdap;
use common::*;
use serde_json::Value;

struct Run {
    ldap: &'static OpenLdap,
    dir: PathBuf,
    root: PathBuf,
    ou: String,
}

const SIDS: [&str; 3] = [
    "S-1-5-21-3623811015-3361044348-30300820-1101",
    "S-1-5-21-3623811015-3361044348-30300820-1102",
    "S-1-5-21-3623811015-3361044348-30300820-1103",
];

impl Run {
    fn new(name: &str) -> Run {
        let ldap = OpenLdap::shared();
        let dir = scratch(&format!("account-picture-ldap-{name}"));
        let ou = ldap.test_ou(&format!("ap{name}"));
        Run {
            ldap,
            root: dir.join("root"),
            dir,
            ou,
        }
    }

    fn add_user(&self, uid: &str, jpeg_photo: Option<&[u8]>, thumbnail: Option<&[u8]>) {
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let mut ldif = format!(
            "dn: uid={uid},{}\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: adphotoTestUser\nuid: {uid}\ncn: {uid}\nsn: {uid}\n",
            self.ou
        );
        if let Some(p) = jpeg_photo {
            ldif.push_str(&format!("jpegPhoto:: {}\n", b64(p)));
        }
        if let Some(p) = thumbnail {
            ldif.push_str(&format!("thumbnailPhoto:: {}\n", b64(p)));
        }
        self.ldap.modify(&ldif);
    }

    fn sync(&self, sid: &str, user: &str, server: &str, extra: &[&str]) -> (Output, Vec<Value>) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_adphoto"))
            .args(["account-picture", "--json", "--sid", sid, "--user", user])
            .args(["--server", server, "--ca-cert"])
            .arg(&self.ldap.ca_cert)
            .args([
                "--bind",
                &self.ldap.admin_dn,
                "--search-base",
                &self.ou,
                "--timeout",
                "5",
            ])
            .arg("--root")
            .arg(&self.root)
            .args(extra)
            .env("ADPHOTO_PASSWORD", self.ldap.password())
            .output()
            .unwrap();
        let items = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (out, items)
    }

    fn folder(&self, sid: &str) -> PathBuf {
        self.root.join("ProgramData/AccountPictures").join(sid)
    }
}

fn image_sizes(folder: &Path) -> Vec<(u32, u32)> {
    adphoto_core::photo::ACCOUNT_PICTURE_SIZES
        .iter()
        .map(|s| {
            let img = decode(&std::fs::read(folder.join(format!("Image{s}.jpg"))).unwrap());
            (img.width(), img.height())
        })
        .collect()
}

fn all_sizes() -> Vec<(u32, u32)> {
    adphoto_core::photo::ACCOUNT_PICTURE_SIZES
        .iter()
        .map(|&s| (s, s))
        .collect()
}

#[test]
fn each_directory_source_kind_gives_every_size_best_first() {
    let run = Run::new("kinds");
    let hd = encode_jpeg(&quad_image(648, 648, [RED, GREEN, BLUE, WHITE]), 90);
    let thumb = encode_jpeg(&quad_image(96, 96, [WHITE, BLUE, GREEN, RED]), 90);
    run.add_user("apboth", Some(&hd), Some(&thumb));
    run.add_user("apthumb", None, Some(&thumb));
    run.add_user("apnone", None, None);
    let server = run.ldap.ldaps_url.clone();

    // jpegPhoto wins over thumbnailPhoto.
    let (out, items) = run.sync(SIDS[0], r"EXAMPLE\apboth", &server, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(items[0]["status"], "written");
    assert_eq!(items[0]["source"]["kind"], "jpegPhoto");
    assert!(items[0]["source"]["origin"]
        .as_str()
        .unwrap()
        .starts_with("uid=apboth,"));
    assert_eq!(items[0]["tried"][0]["source"], "file");
    assert_eq!(image_sizes(&run.folder(SIDS[0])), all_sizes());
    let big = decode(&std::fs::read(run.folder(SIDS[0]).join("Image448.jpg")).unwrap());
    assert_quadrants(&big, [RED, GREEN, BLUE, WHITE], 30, "Image448 from jpegPhoto");

    // Only thumbnailPhoto: every size still, the upscaled ones named in a warning.
    let (out, items) = run.sync(SIDS[1], "apthumb", &server, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(items[0]["source"]["kind"], "thumbnailPhoto");
    let tried: Vec<&str> = items[0]["tried"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["source"].as_str().unwrap())
        .collect();
    assert_eq!(tried, ["file", "jpegPhoto", "graph"]);
    assert!(items[0]["warnings"][0].as_str().unwrap().contains("1080"));
    assert_eq!(image_sizes(&run.folder(SIDS[1])), all_sizes());
    let big = decode(&std::fs::read(run.folder(SIDS[1]).join("Image448.jpg")).unwrap());
    assert_quadrants(&big, [WHITE, BLUE, GREEN, RED], 30, "Image448 from thumbnailPhoto");

    // Unchanged on the next logon: nothing written.
    let (_, items) = run.sync(SIDS[1], "apthumb", &server, &[]);
    assert_eq!(items[0]["status"], "unchanged");

    // No photo anywhere: reported, exit 1, nothing written.
    let (out, items) = run.sync(SIDS[2], "apnone", &server, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(items[0]["status"], "no-photo");
    let reason = items[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("has no jpegPhoto") && reason.contains("has no thumbnailPhoto"),
        "{reason}"
    );
    assert!(!run.folder(SIDS[2]).exists());

    // A local HD file beats the directory.
    let photos = run.dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    std::fs::write(
        photos.join("apboth.jpg"),
        encode_jpeg(&quad_image(800, 800, [BLUE, BLUE, RED, RED]), 90),
    )
    .unwrap();
    let (_, items) = run.sync(SIDS[0], "apboth", &server, &["--photo-dir", photos.to_str().unwrap()]);
    assert_eq!(items[0]["status"], "written");
    assert_eq!(items[0]["source"]["kind"], "file");
    assert_eq!(items[0]["reason"], "the photo from file changed");

    // --source restricts and orders the sources.
    let (_, items) = run.sync(SIDS[0], "apboth", &server, &["--source", "thumbnailPhoto"]);
    assert_eq!(items[0]["source"]["kind"], "thumbnailPhoto");
}

#[test]
fn an_unreachable_directory_leaves_the_current_picture_alone() {
    let run = Run::new("down");
    let hd = encode_jpeg(&quad_image(648, 648, [RED, GREEN, BLUE, WHITE]), 90);
    run.add_user("apdown", Some(&hd), None);
    let (_, items) = run.sync(SIDS[0], "apdown", &run.ldap.ldaps_url.clone(), &[]);
    assert_eq!(items[0]["status"], "written");
    let before = std::fs::read(run.folder(SIDS[0]).join("Image448.jpg")).unwrap();

    // Nothing listens on this port: the jpegPhoto source fails, and the sync must not
    // fall back to a worse source or touch the pictures.
    let (out, items) = run.sync(SIDS[0], "apdown", "ldaps://127.0.0.1:9", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(items[0]["status"], "failed");
    assert_eq!(items[0]["error"]["kind"], "source-failed");
    assert!(items[0]["reason"].as_str().unwrap().contains("left alone"));
    assert_eq!(std::fs::read(run.folder(SIDS[0]).join("Image448.jpg")).unwrap(), before);
}
