//! Windows account pictures, on the real file system with the registry stand-in: every
//! size from each kind of file source, identical bytes for the same source, nothing
//! written when nothing changed, a crash at any step leaving a usable set, a missing
//! photo leaving the current picture alone, rollback, and the same sync as a C ABI job.

use adphoto_testkit as common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use adphoto_app::account_picture::{
    prepare, run_sync, SourceKind, SyncItem, SyncRequest, SyncStatus, UserRef, MANIFEST_FILE, PREVIOUS_FOLDER,
    STAND_IN_FILE,
};
use adphoto_core::cancel::Cancel;
use adphoto_core::photo::ACCOUNT_PICTURE_SIZES;
use common::*;
use serde_json::Value;

const SID: &str = "S-1-5-21-1004336348-1177238915-682003330-1104";
const KEY: &str = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users\S-1-5-21-1004336348-1177238915-682003330-1104";

/// A 648x648 portrait stand-in whose quadrants show whether it was cropped and oriented
/// right, with noise so the encoder has real work.
fn portrait(colours: [[u8; 3]; 4], seed: u64) -> image::RgbImage {
    let mut img = quad_image(648, 648, colours);
    let noise = noise_image(648, 648, seed);
    for (p, n) in img.pixels_mut().zip(noise.pixels()) {
        for (channel, grain) in p.0.iter_mut().zip(n.0) {
            *channel = channel.saturating_add(grain / 32).saturating_sub(4);
        }
    }
    img
}

const A: [[u8; 3]; 4] = [RED, GREEN, BLUE, WHITE];
const B: [[u8; 3]; 4] = [WHITE, BLUE, GREEN, RED];

struct Setup {
    dir: PathBuf,
    root: PathBuf,
    photos: PathBuf,
}

impl Setup {
    fn new(name: &str) -> Setup {
        let dir = scratch(&format!("account-picture-{name}"));
        let root = dir.join("root");
        let photos = dir.join("photos");
        std::fs::create_dir_all(&photos).unwrap();
        Setup { dir, root, photos }
    }

    fn folder(&self) -> PathBuf {
        self.root.join("ProgramData/AccountPictures").join(SID)
    }

    fn put_photo(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.photos.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn request(&self, user: &str) -> SyncRequest {
        SyncRequest {
            users: vec![UserRef {
                sid: SID.into(),
                user: Some(format!(r"SCHOOL\{user}")),
                photo: None,
            }],
            photo_dir: Some(self.photos.clone()),
            root: Some(self.root.clone()),
            ..SyncRequest::default()
        }
    }

    fn sync(&self, request: &SyncRequest) -> SyncItem {
        let mut items = Vec::new();
        run_sync(request, &Cancel::default(), |i| items.push(i.clone())).unwrap();
        assert_eq!(items.len(), 1);
        items.remove(0)
    }

    fn registry(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.root.join(STAND_IN_FILE)).unwrap()).unwrap()
    }

    /// File name → bytes of the set in `folder`.
    fn set_in(folder: &Path) -> BTreeMap<String, Vec<u8>> {
        ACCOUNT_PICTURE_SIZES
            .iter()
            .filter_map(|s| {
                let name = format!("Image{s}.jpg");
                std::fs::read(folder.join(&name)).ok().map(|b| (name, b))
            })
            .collect()
    }

    /// Path → version (see `file_version`) of everything under the root.
    fn snapshot(&self) -> BTreeMap<PathBuf, (u64, i64, i64)> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, (u64, i64, i64)>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let e = e.unwrap();
                let m = e.metadata().unwrap();
                if m.is_dir() {
                    walk(&e.path(), out);
                } else {
                    out.insert(e.path(), file_version(&m));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(&self.root, &mut out);
        out
    }
}

/// Every size present, decodable by an independent decoder, exactly square, showing
/// the source's centre; the registry names each file where Windows will look.
fn assert_complete_set(setup: &Setup, colours: [[u8; 3]; 4]) {
    let set = Setup::set_in(&setup.folder());
    assert_eq!(set.len(), 12, "all twelve sizes: {:?}", set.keys().collect::<Vec<_>>());
    for size in ACCOUNT_PICTURE_SIZES {
        let img = decode(&set[&format!("Image{size}.jpg")]);
        assert_eq!((img.width(), img.height()), (size, size), "Image{size}");
        if size >= 96 {
            assert_quadrants(&img, colours, 40, &format!("Image{size}"));
        }
    }
    let registry = setup.registry();
    let values = registry[KEY].as_object().expect("the user's key");
    assert_eq!(values.len(), 12);
    for size in ACCOUNT_PICTURE_SIZES {
        assert_eq!(
            values[&format!("Image{size}")],
            format!(r"C:\ProgramData\AccountPictures\{SID}\Image{size}.jpg"),
        );
    }
}

#[test]
fn every_size_from_a_jpeg_or_png_file_is_present_sized_and_registered() {
    for (name, bytes) in [
        ("jsmith.jpg", encode_jpeg(&portrait(A, 1), 92)),
        ("jsmith.png", encode_png(&portrait(A, 1))),
    ] {
        let setup = Setup::new(&format!("sizes-{name}"));
        setup.put_photo(name, &bytes);
        let item = setup.sync(&setup.request("jsmith"));
        assert_eq!(item.status, SyncStatus::Written, "{item:?}");
        let source = item.source.as_ref().unwrap();
        assert_eq!(source.kind, SourceKind::File);
        assert!(source.origin.ends_with(name));
        assert_eq!((source.width, source.height), (Some(648), Some(648)));
        // Only 1080 is above the source: one warning that names it.
        assert_eq!(item.warnings.len(), 1, "{:?}", item.warnings);
        assert!(item.warnings[0].contains("1080") && !item.warnings[0].contains("448"));
        assert_eq!(item.files.len(), 12);
        assert_eq!(item.registry_key, KEY);
        assert_complete_set(&setup, A);
    }
}

#[test]
fn the_same_source_gives_the_same_bytes() {
    let jpeg = encode_jpeg(&portrait(A, 2), 90);
    let sets: Vec<_> = (0..2)
        .map(|i| {
            let setup = Setup::new(&format!("determinism-{i}"));
            setup.put_photo("jsmith.jpg", &jpeg);
            assert_eq!(setup.sync(&setup.request("jsmith")).status, SyncStatus::Written);
            Setup::set_in(&setup.folder())
        })
        .collect();
    assert_eq!(sets[0].len(), 12);
    assert_eq!(sets[0], sets[1]);
}

#[test]
fn an_unchanged_second_run_writes_nothing_and_a_change_keeps_the_previous_set() {
    let setup = Setup::new("unchanged");
    setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(A, 3), 90));
    assert_eq!(setup.sync(&setup.request("jsmith")).status, SyncStatus::Written);
    let first = Setup::set_in(&setup.folder());
    let before = setup.snapshot();

    let again = setup.sync(&setup.request("jsmith"));
    assert_eq!(again.status, SyncStatus::Unchanged, "{again:?}");
    assert!(again.files.is_empty());
    assert_eq!(
        setup.snapshot(),
        before,
        "an unchanged run must not touch a single file"
    );

    // What-if with a changed photo writes nothing either, but says it would.
    setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(B, 4), 90));
    let mut what_if = setup.request("jsmith");
    what_if.what_if = true;
    assert_eq!(setup.sync(&what_if).status, SyncStatus::WouldWrite);
    assert_eq!(setup.snapshot(), before);

    let changed = setup.sync(&setup.request("jsmith"));
    assert_eq!(changed.status, SyncStatus::Written);
    assert!(changed.reason.contains("changed"), "{}", changed.reason);
    assert_complete_set(&setup, B);
    assert_eq!(Setup::set_in(&setup.folder().join(PREVIOUS_FOLDER)), first);
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(setup.folder())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A different quality is a different recipe: the set is rebuilt from the same photo.
    let mut lower = setup.request("jsmith");
    lower.quality = Some(70);
    let rebuilt = setup.sync(&lower);
    assert_eq!(rebuilt.status, SyncStatus::Written);
    assert!(rebuilt.reason.contains("new settings"), "{}", rebuilt.reason);
}

#[test]
fn registry_values_pointing_elsewhere_are_repaired_without_rewriting_the_pictures() {
    let setup = Setup::new("registry-repair");
    setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(A, 5), 90));
    setup.sync(&setup.request("jsmith"));
    // As if the user had picked another picture in Settings.
    let mut registry = setup.registry();
    registry[KEY]["Image448"] = Value::String(r"C:\Users\Public\AccountPictures\x\{abc}-Image448.jpg".into());
    std::fs::write(setup.root.join(STAND_IN_FILE), registry.to_string()).unwrap();
    let pictures_before: BTreeMap<_, _> = setup
        .snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with(setup.folder()))
        .collect();

    let item = setup.sync(&setup.request("jsmith"));
    assert_eq!(item.status, SyncStatus::Written);
    assert!(item.reason.contains("registry"), "{}", item.reason);
    let pictures_after: BTreeMap<_, _> = setup
        .snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with(setup.folder()))
        .collect();
    assert_eq!(pictures_after, pictures_before);
    assert_complete_set(&setup, A);
}

/// A crash at every step of a replacement: Windows must still find a complete JPEG of
/// the right size at every registered path, the old set must survive whole (in place
/// or in previous/), and the next run must finish the job.
#[test]
fn a_crash_at_any_step_of_a_replacement_leaves_a_usable_set() {
    let old_jpeg = encode_jpeg(&portrait(A, 6), 90);
    let new_jpeg = encode_jpeg(&portrait(B, 7), 90);
    let template = Setup::new("crash-template");
    template.put_photo("jsmith.jpg", &old_jpeg);
    template.sync(&template.request("jsmith"));
    let old_set = Setup::set_in(&template.folder());
    template.put_photo("jsmith.jpg", &new_jpeg);
    template.sync(&template.request("jsmith"));
    let new_set = Setup::set_in(&template.folder());
    assert!(old_set.iter().all(|(name, bytes)| new_set[name] != *bytes));

    // previous/ (2 steps), the manifest removed, 12 renames, the new manifest.
    let steps = 2 + 1 + 12 + 1;
    for crash_after in 1..steps {
        let setup = Setup::new(&format!("crash-{crash_after}"));
        setup.put_photo("jsmith.jpg", &old_jpeg);
        assert_eq!(setup.sync(&setup.request("jsmith")).status, SyncStatus::Written);
        setup.put_photo("jsmith.jpg", &new_jpeg);

        let request = setup.request("jsmith");
        let mut syncer = prepare(&request).unwrap();
        syncer.crash_after = Some(crash_after);
        let crashed = syncer.sync(&request.users[0]);
        assert_eq!(crashed.status, SyncStatus::Failed, "step {crash_after}");
        assert!(crashed.error.as_ref().unwrap().message().contains("simulated crash"));

        // Every path the registry names holds a whole picture of its size, old or new.
        let current = Setup::set_in(&setup.folder());
        assert_eq!(current.len(), 12, "step {crash_after}: a picture is missing");
        for size in ACCOUNT_PICTURE_SIZES {
            let name = format!("Image{size}.jpg");
            let bytes = &current[&name];
            assert!(
                *bytes == old_set[&name] || *bytes == new_set[&name],
                "step {crash_after}: {name} is neither the old nor the new picture"
            );
            let img = decode(bytes);
            assert_eq!((img.width(), img.height()), (size, size));
        }
        // The whole old set exists somewhere: in place (still complete) or in previous/.
        let in_place = setup.folder().join(MANIFEST_FILE).exists() && current == old_set;
        let kept = Setup::set_in(&setup.folder().join(PREVIOUS_FOLDER)) == old_set
            && setup.folder().join(PREVIOUS_FOLDER).join(MANIFEST_FILE).exists();
        assert!(in_place || kept, "step {crash_after}: the old set is lost");

        // The next run completes the new set and keeps the old one for rollback.
        let resumed = setup.sync(&setup.request("jsmith"));
        assert_eq!(resumed.status, SyncStatus::Written, "step {crash_after}: {resumed:?}");
        assert_eq!(Setup::set_in(&setup.folder()), new_set, "step {crash_after}");
        assert_eq!(
            Setup::set_in(&setup.folder().join(PREVIOUS_FOLDER)),
            old_set,
            "step {crash_after}"
        );
        let _ = std::fs::remove_dir_all(&setup.dir);
    }
}

#[test]
fn a_missing_photo_leaves_the_current_picture_alone_and_says_why() {
    let setup = Setup::new("missing");
    let photo = setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(A, 8), 90));
    setup.sync(&setup.request("jsmith"));
    let before = setup.snapshot();
    std::fs::remove_file(photo).unwrap();

    let item = setup.sync(&setup.request("jsmith"));
    assert_eq!(item.status, SyncStatus::NoPhoto);
    assert!(item.reason.contains("left alone"), "{}", item.reason);
    let tried: Vec<_> = item.tried.iter().map(|t| t.source).collect();
    assert_eq!(tried, SourceKind::default_order());
    assert!(item.tried[0].reason.contains("jsmith.jpg"), "{:?}", item.tried[0]);
    assert!(item.tried[1].reason.contains("no directory"), "{:?}", item.tried[1]);
    assert_eq!(setup.snapshot(), before);

    // A file that is not a usable image is reported as such, and changes nothing either.
    setup.put_photo("jsmith.jpg", b"this is not a photo");
    let item = setup.sync(&setup.request("jsmith"));
    assert_eq!(item.status, SyncStatus::NoPhoto);
    assert!(
        item.tried[0].reason.contains("not a usable photo"),
        "{:?}",
        item.tried[0]
    );
    assert_eq!(setup.snapshot(), before);

    // The command line says why, and exits 1 (needs attention).
    let out = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["account-picture", "--sid", SID, "--user", "nobody", "--photo-dir"])
        .arg(&setup.photos)
        .arg("--root")
        .arg(&setup.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no photo found") && stderr.contains("[no-photo]"),
        "{stderr}"
    );
    assert_eq!(setup.snapshot(), before);
}

#[test]
fn a_thumbnail_sized_source_is_upscaled_only_with_a_warning() {
    let setup = Setup::new("small-source");
    let small = encode_jpeg(&image::imageops::thumbnail(&portrait(A, 9), 96, 96), 90);
    setup.put_photo("jsmith.jpg", &small);
    let item = setup.sync(&setup.request("jsmith"));
    assert_eq!(item.status, SyncStatus::Written);
    assert_eq!(item.warnings.len(), 1, "{:?}", item.warnings);
    let warning = &item.warnings[0];
    assert!(warning.contains("96x96"), "{warning}");
    for size in [192, 200, 208, 240, 424, 448, 1080] {
        assert!(warning.contains(&size.to_string()), "{warning} must name {size}");
    }
    assert!(!warning.contains(" 64,") && !warning.contains(" 96,"), "{warning}");
    assert_complete_set(&setup, A);
}

#[test]
fn rollback_puts_the_previous_set_back_and_a_second_rollback_undoes_it() {
    let setup = Setup::new("rollback");
    let mut rollback = setup.request("jsmith");
    rollback.rollback = true;
    let none = setup.sync(&rollback);
    assert_eq!(none.status, SyncStatus::Failed);
    assert_eq!(none.error.as_ref().unwrap().kind().name(), "no-previous-set");

    setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(A, 10), 90));
    setup.sync(&setup.request("jsmith"));
    let first = Setup::set_in(&setup.folder());
    setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(B, 11), 90));
    setup.sync(&setup.request("jsmith"));
    let second = Setup::set_in(&setup.folder());

    let mut what_if = rollback.clone();
    what_if.what_if = true;
    assert_eq!(setup.sync(&what_if).status, SyncStatus::WouldRollBack);
    assert_eq!(Setup::set_in(&setup.folder()), second);

    assert_eq!(setup.sync(&rollback).status, SyncStatus::RolledBack);
    assert_eq!(Setup::set_in(&setup.folder()), first);
    assert_complete_set(&setup, A);
    assert_eq!(setup.sync(&rollback).status, SyncStatus::RolledBack);
    assert_eq!(Setup::set_in(&setup.folder()), second);
}

#[test]
fn hostile_sids_and_names_never_reach_the_file_system() {
    let setup = Setup::new("hostile");
    setup.put_photo("jsmith.jpg", &encode_jpeg(&portrait(A, 12), 90));
    for sid in [r"..\..\Windows", "../../etc", "S-1-5-21-1/../../x", ""] {
        let mut request = setup.request("jsmith");
        request.users[0].sid = sid.into();
        let item = setup.sync(&request);
        assert_eq!(item.status, SyncStatus::Failed, "{sid}");
        assert_eq!(item.error.as_ref().unwrap().kind().name(), "usage");
    }
    // A user name with a path in it finds no file rather than one outside the folder.
    std::fs::write(setup.dir.join("outside.jpg"), encode_jpeg(&portrait(A, 13), 90)).unwrap();
    let item = setup.sync(&setup.request("../outside"));
    assert_eq!(item.status, SyncStatus::NoPhoto, "{item:?}");
    assert!(!setup.root.exists(), "nothing may be written");
}

#[test]
fn the_account_picture_job_runs_the_same_sync_through_the_job_api() {
    use adphoto::jobs::{Job, JobRequest, Next};
    let setup = Setup::new("job");
    let photo = setup.put_photo("portrait.png", &encode_png(&portrait(A, 14)));
    let request = |what_if: bool| -> JobRequest {
        serde_json::from_value(serde_json::json!({
            "task": "account-picture",
            "users": [{"sid": SID, "user": "jsmith", "photo": photo}],
            "sources": ["file"],
            "root": setup.root,
            "what_if": what_if,
        }))
        .unwrap()
    };
    let events = |request: JobRequest| -> Vec<Value> {
        let job = Job::start(request).unwrap();
        let mut out = Vec::new();
        loop {
            match job.next(std::time::Duration::from_secs(10)) {
                Next::Event(bytes) => out.push(serde_json::from_slice(&bytes).unwrap()),
                Next::Pending => {}
                Next::Done => return out,
            }
        }
    };

    let planned = events(request(true));
    assert_eq!(planned[0]["event"], "item");
    assert_eq!(planned[0]["status"], "would-write");
    assert_eq!(planned[0]["files"].as_array().unwrap().len(), 12);
    assert!(!setup.root.exists(), "what-if writes nothing");

    let done = events(request(false));
    assert_eq!(done[0]["status"], "written");
    assert_eq!(done[0]["source"]["kind"], "file");
    assert_eq!(done[0]["registry_key"], KEY);
    assert_eq!(done[1]["event"], "done");
    assert_eq!(done[1]["status"], "ok");
    assert_eq!(done[1]["totals"]["written"], 1);
    assert_complete_set(&setup, A);

    let unknown: Result<JobRequest, _> = serde_json::from_value(serde_json::json!({
        "task": "account-picture", "users": [], "surprise": true
    }));
    assert!(unknown.is_err(), "unknown fields are refused");
}

/// What tells one version of a file from the next: its inode and modification time on Unix;
/// elsewhere (Windows) its length and modification time, which a rewrite also changes.
#[cfg(unix)]
fn file_version(m: &std::fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (m.ino(), m.mtime(), m.mtime_nsec())
}

#[cfg(not(unix))]
fn file_version(m: &std::fs::Metadata) -> (u64, i64, i64) {
    let t = m.modified().unwrap().duration_since(std::time::UNIX_EPOCH).unwrap();
    (m.len(), t.as_secs() as i64, i64::from(t.subsec_nanos()))
}

#[test]
fn the_microsoft_365_photo_is_a_source_found_by_the_users_upn() {
    use adphoto_fakes::graph::{self, config::GraphConfig};
    let server = graph::spawn(GraphConfig::default(), 0).unwrap();
    let hd = encode_jpeg(&portrait(A, 7), 92);
    let b64 = |b: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(b)
    };
    graph::seed(
        &server.state,
        serde_json::json!([
            {"userPrincipalName": "jsmith@contoso.com", "photo": b64(&hd)},
            {"userPrincipalName": "nophoto@contoso.com"}
        ]),
    )
    .unwrap();
    let mut options = adphoto_graph::GraphOptions::new("contoso.onmicrosoft.com", graph::config::DEFAULT_CLIENT_ID);
    options.client_secret = Some(adphoto_core::secret::Secret::new(graph::config::DEFAULT_CLIENT_SECRET));
    options.login_url = Some(server.url());
    options.graph_url = Some(server.url());

    let setup = Setup::new("graph-source");
    let mut request = setup.request("unused");
    request.users[0].user = Some(r"AzureAD\jsmith@contoso.com".into());
    request.sources = vec![SourceKind::Graph, SourceKind::ThumbnailPhoto];
    request.graph = Some(options.clone());
    let item = setup.sync(&request);
    assert_eq!(item.status, SyncStatus::Written, "{item:?}");
    assert_eq!(item.source.as_ref().unwrap().kind, SourceKind::Graph);
    assert_complete_set(&setup, A);

    // A user without a Microsoft 365 photo keeps what they have: nothing is written.
    let other = Setup::new("graph-none");
    let mut request = other.request("unused");
    request.users[0].user = Some("nophoto@contoso.com".into());
    request.sources = vec![SourceKind::Graph];
    request.graph = Some(options);
    let item = other.sync(&request);
    assert_ne!(item.status, SyncStatus::Written, "{item:?}");
    assert!(
        Setup::set_in(&other.folder()).is_empty(),
        "nothing written without a photo"
    );
}

/// The request `Sync-AccountPicture -Source Graph -Graph (New-ADPhotoDirectory -TenantId ...)`
/// sends through the C ABI: the directory's Microsoft 365 fields without their service
/// type, the secret added at the last moment.
#[test]
fn the_job_sync_account_picture_sends_with_a_graph_tenant_reads_microsoft_365() {
    use adphoto::jobs::{Job, JobRequest, Next};
    use adphoto_fakes::graph::{self, config::GraphConfig};
    use base64::Engine;
    let server = graph::spawn(GraphConfig::default(), 0).unwrap();
    let hd = encode_jpeg(&portrait(A, 21), 92);
    graph::seed(
        &server.state,
        serde_json::json!([{"userPrincipalName": "jsmith@contoso.com",
            "photo": base64::engine::general_purpose::STANDARD.encode(&hd)}]),
    )
    .unwrap();
    let setup = Setup::new("job-graph");
    let request = |graph: Value| -> JobRequest {
        serde_json::from_value(serde_json::json!({
            "task": "account-picture", "quality": 90, "force": false, "rollback": false,
            "root": setup.root, "sources": ["graph"], "graph": graph,
            "users": [{"sid": SID, "user": "jsmith@contoso.com"}], "what_if": false,
        }))
        .unwrap()
    };
    let graph = serde_json::json!({"tenant": "contoso.onmicrosoft.com",
        "client_id": adphoto_fakes::graph::config::DEFAULT_CLIENT_ID,
        "login_url": server.url(), "graph_url": server.url(),
        "client_secret": adphoto_fakes::graph::config::DEFAULT_CLIENT_SECRET});
    let job = Job::start(request(graph.clone())).unwrap();
    let mut events: Vec<Value> = Vec::new();
    loop {
        match job.next(std::time::Duration::from_secs(30)) {
            Next::Event(bytes) => events.push(serde_json::from_slice(&bytes).unwrap()),
            Next::Pending => {}
            Next::Done => break,
        }
    }
    assert_eq!(events[0]["status"], "written", "{events:#?}");
    assert_eq!(events[0]["source"]["kind"], "graph");
    assert_complete_set(&setup, A);
    // No secret is ever echoed back, and a field of another service is refused.
    assert!(!serde_json::to_string(&events)
        .unwrap()
        .contains(adphoto_fakes::graph::config::DEFAULT_CLIENT_SECRET));
    let mut typed = graph;
    typed["type"] = "graph".into();
    let refused: Result<JobRequest, _> = serde_json::from_value(serde_json::json!({
        "task": "account-picture", "graph": typed, "users": []
    }));
    assert!(refused.is_err(), "the service type is the module's to remove");
}
