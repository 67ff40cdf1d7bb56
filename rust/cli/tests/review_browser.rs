//! The review sheet in a real browser: Debian's chromium, headless, offline. It must
//! show every card, filter and sort them, decode every embedded image, and run no
//! script but its own whatever the names hold. A screenshot is kept as an artefact in
//! target/review-sheet/.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::Command;

use adphoto_app::review::{self, Card, CurrentPhoto, Finding, Image, ReviewSheet, TargetView};
use common::*;

fn artefacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/review-sheet");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn chromium() -> &'static str {
    for c in ["chromium", "chromium-browser"] {
        if Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return c;
        }
    }
    panic!("chromium is needed for the review sheet tests (tests/setup.sh test installs it)");
}

/// Runs headless chromium on `url` with a fresh profile and nothing that phones home;
/// `extra` adds --dump-dom or --screenshot.
fn browse(url: &str, extra: &[String]) -> String {
    // A fresh profile per run: tests run in parallel, and chromium locks its profile.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let profile = scratch(&format!("chromium-{run}"));
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--window-size=1280,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dom(page: &Path, hash: &str) -> String {
    browse(&format!("file://{}{hash}", page.display()), &["--dump-dom".to_string()])
}

/// (data-status, hidden) of every card, in page order.
fn cards(dom: &str) -> Vec<(String, bool, String)> {
    dom.split("<article ")
        .skip(1)
        .map(|rest| {
            let tag = &rest[..rest.find('>').unwrap()];
            let attr = |name: &str| {
                tag.split(&format!("{name}=\""))
                    .nth(1)
                    .map(|v| v[..v.find('"').unwrap()].to_string())
                    .unwrap_or_default()
            };
            (attr("data-status"), tag.contains(" hidden"), attr("data-name"))
        })
        .collect()
}

fn portrait(seed: u64) -> Vec<u8> {
    encode_jpeg(&noise_image(96, 96, seed), 85)
}

fn sheet() -> ReviewSheet {
    let view = |new: Option<Vec<u8>>, current: CurrentPhoto| TargetView {
        target: "Active Directory thumbnailPhoto (96x96)".into(),
        new_photo: new.map(Image::jpeg),
        current,
        note: Some("4711 bytes".into()),
    };
    let finding = |kind: &str| Finding {
        kind: kind.into(),
        message: format!("{kind} <b>!</b>"),
    };
    ReviewSheet {
        title: "Review <i>test</i>".into(),
        subtitle: "users.csv".into(),
        cards: vec![
            Card {
                title: "Zoe Adams".into(),
                status: "write".into(),
                reason: "new photo".into(),
                views: vec![view(Some(portrait(1)), CurrentPhoto::None)],
                ..Default::default()
            },
            Card {
                // A name that is markup and script: must show as text, and never run.
                title: "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">".into(),
                subtitle: Some("<script>document.body.setAttribute('data-pwned','2')</script>".into()),
                file: Some("\"><svg onload=\"document.body.setAttribute('data-pwned','3')\">.jpg".into()),
                status: "write".into(),
                reason: "photo changed".into(),
                findings: vec![finding("blurred"), finding("no-face")],
                views: vec![view(Some(portrait(2)), CurrentPhoto::Photo(Image::jpeg(portrait(3))))],
            },
            Card {
                title: "Bob Brown".into(),
                status: "skip-unchanged".into(),
                reason: "the directory already has this photo".into(),
                findings: vec![finding("upscaled")],
                views: vec![view(Some(portrait(4)), CurrentPhoto::Photo(Image::jpeg(portrait(4))))],
                ..Default::default()
            },
            Card {
                title: "mystery.jpg".into(),
                status: "unmatched".into(),
                reason: "fits nobody".into(),
                ..Default::default()
            },
        ],
    }
}

#[test]
fn the_sheet_shows_filters_sorts_and_decodes_in_chromium_and_runs_no_injected_script() {
    let page = artefacts().join("review-sheet.html");
    review::write(&page, &sheet()).unwrap();

    let all = dom(&page, "");
    assert!(all.contains("data-ready=\"1\""), "the page's script did not finish");
    let body = &all[all.find("<body").unwrap()..];
    let body_tag = &body[..body.find('>').unwrap()];
    assert!(!body_tag.contains("data-pwned"), "an injected script ran: {body_tag}");
    assert!(!all.contains("<img src=\"x\""), "a hostile name became an element");
    assert!(
        all.contains("&lt;img src=x onerror="),
        "the hostile name must show as text"
    );
    let shown = cards(&all);
    assert_eq!(shown.len(), 4);
    assert!(shown.iter().all(|(_, hidden, _)| !hidden));
    // Sorted by name by default.
    let names: Vec<&str> = shown.iter().map(|(_, _, n)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Every embedded image decoded (new photos also copied into circles).
    let decoded = all.matches("data-decoded=\"96\"").count();
    // Three new photos, each also as a circle, and two current ones.
    assert_eq!(decoded, 3 * 2 + 2, "decoded images: {decoded}");
    let broken = all
        .split("<img")
        .skip(1)
        .filter(|tag| tag[..tag.find('>').unwrap_or(tag.len())].contains("broken"))
        .count();
    assert_eq!(broken, 0, "an image failed to decode");

    // Filters, given in the address as an administrator's link would.
    let visible = |hash: &str| -> Vec<String> {
        cards(&dom(&page, hash))
            .into_iter()
            .filter(|(_, hidden, _)| !hidden)
            .map(|(status, _, _)| status)
            .collect()
    };
    assert_eq!(visible("#status=write"), vec!["write", "write"]);
    assert_eq!(visible("#finding=blurred"), vec!["write"]);
    assert_eq!(visible("#finding=*").len(), 2);
    assert_eq!(visible("#status=unmatched"), vec!["unmatched"]);
    assert_eq!(visible("#q=bob"), vec!["skip-unchanged"]);
    // Sorting: most warnings first.
    let by_findings = cards(&dom(&page, "#sort=findings"));
    assert_eq!(by_findings[0].0, "write");
    assert!(by_findings[0].2.contains("onerror"));

    let shot = artefacts().join("review-sheet.png");
    browse(
        &format!("file://{}", page.display()),
        &[format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "no screenshot");
    let img = image::load_from_memory(&png).unwrap();
    assert_eq!((img.width(), img.height()), (1280, 1000));
}

#[test]
fn set_what_if_writes_a_review_sheet_of_the_plan() {
    let dir = scratch("review-cli");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    std::fs::write(photos.join("jsmith.jpg"), encode_jpeg(&noise_image(400, 500, 9), 90)).unwrap();
    std::fs::write(photos.join("nobody.jpg"), encode_jpeg(&noise_image(300, 300, 5), 90)).unwrap();
    let users = dir.join("users.csv");
    std::fs::write(
        &users,
        "SamAccountName,GivenName,Surname,DistinguishedName\n\
         jsmith,John,Smith,\"cn=John Smith,dc=example,dc=org\"\n\
         nphoto,Nora,Photo,\"cn=Nora Photo,dc=example,dc=org\"\n",
    )
    .unwrap();
    let sheet = dir.join("review.html");
    let out = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["set", "--what-if", "-q", "--users"])
        .arg(&users)
        .arg("--photos")
        .arg(&photos)
        .arg("--target")
        .arg(format!("ldif:{}", dir.join("out.ldif").display()))
        .arg("--review")
        .arg(&sheet)
        .output()
        .unwrap();
    assert!(sheet.is_file(), "no sheet: {}", String::from_utf8_lossy(&out.stderr));
    let all = dom(&sheet, "");
    let statuses: Vec<String> = cards(&all).into_iter().map(|(s, _, _)| s).collect();
    for expected in ["write", "no-match", "no-photo"] {
        assert!(
            statuses.iter().any(|s| s == expected),
            "{expected} missing from {statuses:?}"
        );
    }
    // The new photo is there and decodes; the LDIF target cannot read the current one.
    assert!(all.contains("data-decoded=\"96\""));
    assert!(all.contains("not read"));
    assert!(
        all.contains("no-face"),
        "the drawn noise has no face: the sheet must say so"
    );

    // Without --what-if the sheet is refused: it shows a plan.
    let refused = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["set", "-q", "--users"])
        .arg(&users)
        .arg("--photos")
        .arg(&photos)
        .arg("--target")
        .arg(format!("ldif:{}", dir.join("out2.ldif").display()))
        .arg("--review")
        .arg(dir.join("no.html"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(!dir.join("no.html").exists());
}

#[test]
fn match_writes_a_review_sheet_with_converted_photos() {
    let dir = scratch("review-match");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/faces/astronaut.jpg"),
        photos.join("ecollins.jpg"),
    )
    .unwrap();
    let users = dir.join("users.csv");
    std::fs::write(&users, "SamAccountName,GivenName,Surname\necollins,Eileen,Collins\n").unwrap();
    let sheet = dir.join("match.html");
    let out = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["match", "-q", "--users"])
        .arg(&users)
        .arg("--photos")
        .arg(&photos)
        .arg("--review")
        .arg(&sheet)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let all = dom(&sheet, "");
    assert_eq!(cards(&all).len(), 1);
    assert!(all.contains("data-decoded=\"96\""));
    assert!(!all.contains("no-face"), "the astronaut's face must be found");
}
