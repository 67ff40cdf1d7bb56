//! `adphoto sync` between real services at once: the Samba AD domain controller
//! (tests/services/samba.sh) and the local Microsoft Graph and Google Workspace fakes.
//! "Use existing HD" (Microsoft 365's 648-pixel photo into AD's 96-pixel thumbnail), AD
//! gaps filled, a worse photo never over a better one, who-changed-it-since, and one
//! run into AD and Google killed, resumed and undone by one restore.

use adphoto_testkit as common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use adphoto_fakes::google::config::GoogleConfig;
use adphoto_fakes::google::{self, service_account, GoogleServer};
use adphoto_fakes::graph::config::{GraphConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use adphoto_fakes::graph::{self, GraphServer};
use base64::Engine;
use serde_json::{json, Value};

use common::samba::Samba;
use common::*;

const USER_PASSWORD: &str = "Ph0to-Test!pw";
const SECRET_VAR: &str = "ADPHOTO_TEST_SYNC_SECRET";
const TENANT: &str = "contoso.onmicrosoft.com";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A distinct square portrait of `side` pixels.
fn portrait(side: u32, seed: u64) -> Vec<u8> {
    encode_jpeg(&noise_image(side, side, seed), 85)
}

fn google_key() -> &'static Value {
    static KEY: OnceLock<Value> = OnceLock::new();
    KEY.get_or_init(|| service_account::generate("http://unused/token", None, None).unwrap().0)
}

/// One test's world: an OU of the DC, a Graph tenant and a Google domain.
struct World {
    dc: &'static Samba,
    ou: String,
    home: PathBuf,
    graph: GraphServer,
    google: GoogleServer,
    key_file: PathBuf,
}

impl World {
    /// The run's (empty) photo folder, made.
    fn photo_folder(&self) -> PathBuf {
        let photos = self.home.join("photos");
        std::fs::create_dir_all(&photos).unwrap();
        photos
    }

    fn new(name: &str, google_config: Value) -> World {
        own_data_folder();
        let dc = Samba::shared();
        let home = scratch(&format!("sync-{name}"));
        let ou = dc.test_ou(name);
        let graph = graph::spawn(GraphConfig::default(), 0).unwrap();
        let config = adphoto_fakes::common::patch::merge(&GoogleConfig::default(), &google_config).unwrap();
        let google = google::spawn(config, 0).unwrap();
        let mut key = google_key().clone();
        key["token_uri"] = json!(google.state.token_uri());
        google::admin::trust(&google.state, service_account::credential_from_key_file(&key).unwrap()).unwrap();
        let key_file = home.join("key.json");
        std::fs::write(&key_file, serde_json::to_vec(&key).unwrap()).unwrap();
        World {
            dc,
            ou,
            home,
            graph,
            google,
            key_file,
        }
    }

    /// An AD user `sam` (mail `{sam}.N@example.edu`, employee id `E-{sam}`), with a
    /// thumbnailPhoto when given; returns the DN.
    fn ad_user(&self, sam: &str, photo: Option<&[u8]>) -> String {
        let dn = self.dc.add_user(&self.ou, sam, sam, "N", USER_PASSWORD, true);
        if let Some(p) = photo {
            self.set_ad_photo(&dn, p);
        }
        dn
    }

    fn set_ad_photo(&self, dn: &str, photo: &[u8]) {
        self.dc.modify(&format!(
            "dn: {dn}\nchangetype: modify\nreplace: thumbnailPhoto\nthumbnailPhoto:: {}\n",
            b64(photo)
        ));
    }

    fn ad_photo(&self, dn: &str) -> Option<Vec<u8>> {
        self.dc.values(dn, "thumbnailPhoto").into_iter().next()
    }

    fn graph_users(&self, users: Value) {
        graph::seed(&self.graph.state, users).unwrap();
    }

    fn google_users(&self, users: Value) {
        google::seed(&self.google.state, users).unwrap();
    }

    fn google_photo(&self, email: &str) -> Option<Vec<u8>> {
        let g = self.google.state.lock();
        let u = g.users.get(g.users.find(email).expect("google user"));
        u.admin_photo.as_ref().map(|p| p.bytes.to_vec())
    }

    fn google_puts(&self) -> u64 {
        let g = self.google.state.lock();
        let stats = serde_json::to_value(&g.stats).unwrap();
        stats["requests"]["PUT /admin/directory/v1/users/{userKey}/photos/thumbnail"]
            .as_u64()
            .unwrap_or(0)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.args(args)
            .arg("--ca-cert")
            .arg(&self.dc.ca_cert)
            .args(["--bind", &self.dc.admin_upn, "--search-base", &self.ou])
            .args(["--tenant", TENANT, "--client-id", DEFAULT_CLIENT_ID])
            .args(["--login-url", &self.graph.url(), "--graph-url", &self.graph.url()])
            .args(["--client-secret-env", SECRET_VAR])
            .arg("--key-file")
            .arg(&self.key_file)
            .args(["--subject", "admin@example.com", "--api-url", &self.google.url()])
            .env(SECRET_VAR, DEFAULT_CLIENT_SECRET)
            .env("ADPHOTO_PASSWORD", self.dc.password())
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env_remove("GOOGLE_APPLICATION_CREDENTIALS");
        c
    }

    /// `--to` for AD, Microsoft 365 and Google, the photos, paired by employee id.
    fn to_all_three(&self, photos: &std::path::Path) -> Vec<String> {
        let ldaps = self.ldaps();
        let graph = format!("graph:{TENANT}");
        let photos = photos.to_str().unwrap();
        [
            "--to",
            &ldaps,
            "--to",
            &graph,
            "--to",
            "google:",
            "--photos",
            photos,
            "--pattern",
            "{employeeID}",
        ]
        .map(String::from)
        .to_vec()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run adphoto")
    }

    fn ldaps(&self) -> String {
        self.dc.ldaps_url.clone()
    }
}

/// The item of the user whose name starts with `who` (in `target`, when given).
fn item_of<'a>(items: &'a [Value], who: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["user"].as_str().is_some_and(|u| u.starts_with(who)))
        .unwrap_or_else(|| panic!("no item for {who}: {items:#?}"))
}

/// The records of a CSV ADPhoto wrote (UTF-8 with a byte-order mark), header first.
fn csv_records(path: &std::path::Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn run_folder_of(out: &Output) -> PathBuf {
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("Backups and journals (a part per target): "))
        .unwrap_or_else(|| panic!("no run folder in {text}"));
    PathBuf::from(line.trim())
}

#[test]
fn existing_hd_from_microsoft_365_fills_and_betters_ad_and_never_worsens_it() {
    let w = World::new("hd", json!({}));
    let blurry_64 = portrait(64, 1);
    let good_96 = portrait(96, 2);
    let gap = w.ad_user("hdgap", None);
    let blurry = w.ad_user("hdblur", Some(&blurry_64));
    let better = w.ad_user("hdgood", Some(&good_96));
    let no_hd = w.ad_user("hdnone", Some(&good_96));
    let other_person = w.ad_user("hdother", None);
    let shared = w.ad_user("hdshared", None);
    let hd = |seed| b64(&portrait(648, seed));
    w.graph_users(json!([
        // Paired by employee id, though the UPNs differ.
        {"userPrincipalName": "gap@contoso.com", "employeeId": "E-hdgap", "photo": hd(10)},
        {"userPrincipalName": "blur@contoso.com", "employeeId": "E-hdblur", "photo": hd(11)},
        {"userPrincipalName": "good@contoso.com", "employeeId": "E-hdgood", "photo": b64(&portrait(48, 12))},
        {"userPrincipalName": "none@contoso.com", "employeeId": "E-hdnone"},
        // The same address as an AD user, but another employee id: another person.
        {"userPrincipalName": "x@contoso.com", "mail": "hdother.N@example.edu", "employeeId": "E-999", "photo": hd(13)},
        // Two Microsoft 365 users with one AD user's address: nobody gets either photo.
        {"userPrincipalName": "s1@contoso.com", "mail": "hdshared.N@example.edu", "photo": hd(14)},
        {"userPrincipalName": "s2@contoso.com", "mail": "HDSHARED.N@example.edu", "photo": hd(15)},
        // In Microsoft 365 only.
        {"userPrincipalName": "cloud.only@contoso.com", "employeeId": "E-cloud", "photo": hd(16)}
    ]));
    let ldaps = w.ldaps();
    let graph_address = format!("graph:{TENANT}");
    let sync = |extra: &[&str]| {
        let mut args = vec!["sync", "--json", "--from", &graph_address, "--to", &ldaps];
        args.extend_from_slice(extra);
        w.run(&args)
    };

    // The plan changes nothing.
    let plan = sync(&["--what-if"]);
    let planned = json_lines(&plan);
    assert_eq!(
        plan.status.code(),
        Some(1),
        "an ambiguous pair needs attention: {}",
        stderr(&plan)
    );
    assert_eq!(item_of(&planned, "hdgap")["action"], "write", "{planned:#?}");
    assert_eq!(item_of(&planned, "hdgap")["by"], "employeeID");
    assert_eq!(item_of(&planned, "hdblur")["action"], "write");
    assert_eq!(item_of(&planned, "hdgood")["action"], "skip-worse");
    assert!(item_of(&planned, "hdgood")["reason"]
        .as_str()
        .unwrap()
        .contains("48 px"));
    assert_eq!(item_of(&planned, "hdnone")["action"], "no-photo");
    assert_eq!(
        item_of(&planned, "hdother")["action"],
        "no-photo",
        "another person's photo"
    );
    assert_eq!(item_of(&planned, "hdshared")["action"], "ambiguous");
    assert!(planned.iter().all(|i| i["target"] == ldaps.as_str()));
    assert_eq!(w.ad_photo(&gap), None);
    assert_eq!(w.ad_photo(&blurry), Some(blurry_64.clone()));

    // Gaps only.
    let fill = sync(&["--only-missing"]);
    let filled = json_lines(&fill);
    assert_eq!(item_of(&filled, "hdgap")["status"], "written", "{}", stderr(&fill));
    assert_eq!(item_of(&filled, "hdblur")["action"], "skip-has-photo");
    let copied = w.ad_photo(&gap).expect("the gap is filled");
    assert_eq!(
        decode(&copied).dimensions(),
        (96, 96),
        "Microsoft 365's 648 made into AD's 96"
    );
    assert!(copied.len() <= 20 * 1024);
    assert_eq!(w.ad_photo(&blurry), Some(blurry_64.clone()));

    // Replace where different: the blurry 64 goes, the better 96 stays.
    let full = sync(&[]);
    let written = json_lines(&full);
    assert_eq!(item_of(&written, "hdblur")["status"], "written", "{}", stderr(&full));
    assert_eq!(item_of(&written, "hdgap")["action"], "skip-unchanged");
    assert_eq!(decode(&w.ad_photo(&blurry).unwrap()).dimensions(), (96, 96));
    assert_eq!(w.ad_photo(&better), Some(good_96.clone()));
    assert_eq!(w.ad_photo(&no_hd), Some(good_96.clone()));
    assert_eq!(w.ad_photo(&other_person), None, "nobody gets another user's photo");
    assert_eq!(w.ad_photo(&shared), None, "nobody gets another user's photo");

    // Someone else changes a photo ADPhoto wrote: it is left alone until forced.
    let theirs = portrait(96, 77);
    w.set_ad_photo(&gap, &theirs);
    let again = json_lines(&sync(&[]));
    assert_eq!(item_of(&again, "hdgap")["action"], "changed-elsewhere", "{again:#?}");
    assert_eq!(item_of(&again, "hdblur")["action"], "skip-unchanged");
    assert_eq!(w.ad_photo(&gap), Some(theirs.clone()));
    let report_csv = w.home.join("report.csv");
    let report = w.run(&[
        "report",
        "--json",
        "--to",
        &ldaps,
        "--csv",
        report_csv.to_str().unwrap(),
    ]);
    let rows = json_lines(&report);
    let row = item_of(&rows, "hdgap");
    assert_eq!(row["changed_elsewhere"], true, "{rows:#?}");
    assert_eq!(item_of(&rows, "hdblur")["changed_elsewhere"], Value::Null);
    // The spreadsheet says the same, in a column of its own.
    let sheet = csv_records(&report_csv);
    assert_eq!(
        sheet[0].last().map(String::as_str),
        Some("ChangedElsewhere"),
        "{sheet:?}"
    );
    let cell = |who: &str| {
        sheet
            .iter()
            .find(|r| r[0].starts_with(who))
            .and_then(|r| r.last().cloned())
            .unwrap_or_else(|| panic!("no row for {who}: {sheet:?}"))
    };
    assert_eq!(cell("hdgap"), "true");
    assert_eq!(cell("hdblur"), "false");
    let forced = sync(&["--force"]);
    assert_eq!(item_of(&json_lines(&forced), "hdgap")["status"], "written");
    assert_eq!(w.ad_photo(&gap), Some(copied));

    // One restore undoes the run that replaced the blurry photo.
    w.set_ad_photo(&blurry, &blurry_64);
    let last = w.run(&["sync", "--from", &graph_address, "--to", &ldaps, "--force"]);
    let folder = run_folder_of(&last);
    assert_ne!(w.ad_photo(&blurry), Some(blurry_64.clone()));
    let restore = w.run(&["restore", "--backup-dir", folder.to_str().unwrap()]);
    assert_eq!(restore.status.code(), Some(0), "{}", stderr(&restore));
    assert_eq!(
        w.ad_photo(&blurry),
        Some(blurry_64),
        "the restore put the blurry photo back"
    );
    let _ = std::fs::remove_dir_all(&w.home);
}

#[test]
fn one_run_into_ad_and_google_is_killed_resumed_and_undone_by_one_restore() {
    // Google answers slowly, so the run is surely killed while it writes there.
    let w = World::new("two", json!({"latency_ms": 150}));
    let n = 8;
    let mut dns = Vec::new();
    let mut graph_users = Vec::new();
    let mut google_users = Vec::new();
    for i in 0..n {
        let sam = format!("two{i}");
        // Half the AD users have a photo already, which the run replaces.
        let before = (i % 2 == 0).then(|| portrait(64, 100 + i as u64));
        dns.push((w.ad_user(&sam, before.as_deref()), before));
        graph_users.push(json!({"userPrincipalName": format!("{sam}@contoso.com"),
            "mail": format!("{sam}.N@example.edu"), "employeeId": format!("E-{sam}"),
            "photo": b64(&portrait(648, 200 + i as u64))}));
        google_users.push(json!({"primaryEmail": format!("{sam}@example.com"), "employeeId": format!("E-{sam}")}));
    }
    w.graph_users(Value::Array(graph_users));
    w.google_users(Value::Array(google_users));
    let ldaps = w.ldaps();
    let folder = w.home.join("run");
    let args = [
        "sync",
        "--json",
        "--from",
        &format!("graph:{TENANT}"),
        "--to",
        &ldaps,
        "--to",
        "google:",
        "--connections",
        "1",
    ]
    .map(String::from);
    let mut child = w
        .command(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .args(["--backup-dir", folder.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while w.google_puts() < 2 {
        assert!(Instant::now() < deadline, "the run never wrote to Google");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let puts_before = w.google_puts();
    assert!(puts_before < n as u64, "killed mid-run");

    let mut resume_args: Vec<&str> = args.iter().map(String::as_str).collect();
    let folder_text = folder.to_str().unwrap();
    resume_args.extend(["--resume", folder_text]);
    let resumed = w.run(&resume_args);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    let after = json_lines(&resumed);
    let google_items: Vec<&Value> = after.iter().filter(|i| i["target"] == "google:").collect();
    let ad_items: Vec<&Value> = after.iter().filter(|i| i["target"] == ldaps.as_str()).collect();
    assert_eq!(google_items.len(), n);
    assert_eq!(ad_items.len(), n);
    assert!(
        ad_items.iter().all(|i| i["action"] == "skip-unchanged"),
        "AD was finished before the kill: {ad_items:#?}"
    );
    // What the killed run wrote is not written again (one may have been in flight).
    let rewritten = google_items.iter().filter(|i| i["status"] == "written").count() as u64;
    assert!(rewritten <= n as u64 - puts_before + 1, "{google_items:#?}");
    // Each photo went to Google once (one may have been in flight at the kill).
    assert!(w.google_puts() <= n as u64 + 1, "{} uploads", w.google_puts());
    for (i, (dn, _)) in dns.iter().enumerate() {
        let google = w.google_photo(&format!("two{i}@example.com")).expect("in Google");
        assert_eq!(decode(&google).dimensions(), (256, 256));
        let ad = w.ad_photo(dn).expect("in AD");
        assert_eq!(decode(&ad).dimensions(), (96, 96));
    }

    // One restore undoes both targets.
    let restore = w.run(&["restore", "--json", "--backup-dir", folder_text]);
    assert_eq!(restore.status.code(), Some(0), "{}", stderr(&restore));
    for (i, (dn, before)) in dns.iter().enumerate() {
        assert_eq!(&w.ad_photo(dn), before, "AD user {i} as before the run");
        assert_eq!(
            w.google_photo(&format!("two{i}@example.com")),
            None,
            "Google user {i} as before"
        );
    }
    let _ = std::fs::remove_dir_all(&w.home);
}

#[test]
fn one_set_into_ad_microsoft_365_and_google_with_one_restore() {
    let w = World::new("many", json!({}));
    let photos = w.photo_folder();
    let n = 4;
    let mut dns = Vec::new();
    let (mut graph_users, mut google_users) = (Vec::new(), Vec::new());
    for i in 0..n {
        let sam = format!("many{i}");
        dns.push(w.ad_user(&sam, None));
        graph_users.push(json!({"userPrincipalName": format!("{sam}@contoso.com"), "employeeId": format!("E-{sam}")}));
        google_users.push(json!({"primaryEmail": format!("{sam}@example.com"), "employeeId": format!("E-{sam}")}));
        let img = encode_jpeg(&noise_image(900, 1200, 300 + i as u64), 85);
        std::fs::write(photos.join(format!("E-{sam}.jpg")), img).unwrap();
    }
    w.graph_users(Value::Array(graph_users));
    w.google_users(Value::Array(google_users));
    let ldaps = w.ldaps();
    let graph_address = format!("graph:{TENANT}");
    // Every run of this test: the same photos to all three services.
    let to_all_owned = w.to_all_three(&photos);
    let to_all: Vec<&str> = to_all_owned.iter().map(String::as_str).collect();
    let set = |extra: &[&str]| w.run(&[&["set", "--json"][..], &to_all, extra].concat());
    let plan = set(&["--what-if"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let planned = json_lines(&plan);
    for target in [ldaps.as_str(), graph_address.as_str(), "google:"] {
        let of: Vec<&Value> = planned.iter().filter(|i| i["target"] == target).collect();
        assert_eq!(of.len(), n, "{target}: {planned:#?}");
        assert!(of.iter().all(|i| i["action"] == "write"));
    }
    assert_eq!(w.ad_photo(&dns[0]), None, "a plan writes nothing");

    let first = set(&[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(
        json_lines(&first).iter().filter(|i| i["status"] == "written").count(),
        3 * n
    );
    for (i, dn) in dns.iter().enumerate() {
        assert_eq!(decode(&w.ad_photo(dn).unwrap()).dimensions(), (96, 96));
        let g = w.graph.state.lock();
        let idx = g.users.find(&format!("many{i}@contoso.com")).unwrap();
        let hd = g.users.get(idx).photo.as_ref().map(|p| p.bytes.to_vec()).unwrap();
        assert_eq!(decode(&hd).dimensions(), (648, 648));
        drop(g);
        let google = w.google_photo(&format!("many{i}@example.com")).unwrap();
        assert_eq!(decode(&google).dimensions(), (256, 256));
    }
    let summary = w.run(&[&["set"][..], &to_all].concat());
    assert_eq!(summary.status.code(), Some(0), "{}", stderr(&summary));
    assert!(
        !String::from_utf8_lossy(&summary.stdout).contains("Backups and journals"),
        "an unchanged run writes nothing"
    );

    // Someone else changes one AD photo; the next run leaves it alone.
    let theirs = portrait(96, 9);
    w.set_ad_photo(&dns[1], &theirs);
    let again = set(&[]);
    let again_items = json_lines(&again);
    let ad1 = again_items
        .iter()
        .find(|i| i["target"] == ldaps.as_str() && i["user"].as_str().unwrap().starts_with("many1"))
        .unwrap();
    assert_eq!(ad1["action"], "changed-elsewhere");
    assert_eq!(w.ad_photo(&dns[1]), Some(theirs));

    // The first run is undone everywhere by one restore.
    let folder = w.home.join("data/adphoto/backups");
    let first_run = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.join("parts.json").exists())
        .expect("a run folder with parts");
    let restore = w.run(&["restore", "--backup-dir", first_run.to_str().unwrap()]);
    assert_eq!(restore.status.code(), Some(0), "{}", stderr(&restore));
    for i in [0, 2, 3] {
        assert_eq!(w.ad_photo(&dns[i]), None);
        assert_eq!(w.google_photo(&format!("many{i}@example.com")), None);
        let g = w.graph.state.lock();
        let idx = g.users.find(&format!("many{i}@contoso.com")).unwrap();
        assert!(g.users.get(idx).photo.is_none(), "Microsoft 365 user {i} as before");
    }
    let _ = std::fs::remove_dir_all(&w.home);
}

/// The targets of a run connect at once; when one of them refuses the sign-in, the
/// run stops before it writes anything anywhere, and says which target refused (without
/// the secret it was given).
#[test]
fn a_target_that_refuses_the_sign_in_stops_the_run_before_any_target_is_written() {
    let w = World::new("refused", json!({}));
    let photos = w.photo_folder();
    let dn = w.ad_user("refused0", None);
    w.graph_users(json!([{"userPrincipalName": "refused0@contoso.com", "employeeId": "E-refused0"}]));
    w.google_users(json!([{"primaryEmail": "refused0@example.com", "employeeId": "E-refused0"}]));
    std::fs::write(
        photos.join("E-refused0.jpg"),
        encode_jpeg(&noise_image(900, 1200, 77), 85),
    )
    .unwrap();
    let graph_address = format!("graph:{TENANT}");
    let wrong = "not-the-secret-7f3a9c";
    let out = w
        .command(&["set"])
        .args(w.to_all_three(&photos))
        .env(SECRET_VAR, wrong)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains(wrong), "the secret is never repeated: {err}");
    assert!(
        err.contains(&format!("{graph_address}: the sign-in was refused")),
        "the target that refused is named: {err}"
    );
    assert_eq!(w.ad_photo(&dn), None, "AD was not written");
    assert_eq!(w.google_puts(), 0, "Google was not written");
    {
        let g = w.graph.state.lock();
        let idx = g.users.find("refused0@contoso.com").unwrap();
        assert!(g.users.get(idx).photo.is_none());
    }
    assert!(
        !w.home.join("data/adphoto/backups").exists()
            || std::fs::read_dir(w.home.join("data/adphoto/backups"))
                .unwrap()
                .next()
                .is_none(),
        "no run folder"
    );
    let _ = std::fs::remove_dir_all(&w.home);
}

/// A target that fails to connect stops the others' waiting: with an LDAP server that
/// accepts connections and never answers, a refused Microsoft 365 sign-in ends the run
/// at once, and the refusal is what is reported. Without that, the LDAP connection
/// waits out its 10-second connect timeout, and its timeout (the first target's error)
/// is reported instead: so the report alone tells whether the wait was cut short, and
/// the test needs no clock.
#[test]
fn a_refused_target_ends_the_run_without_waiting_for_a_server_that_never_answers() {
    let w = World::new("blackhole", json!({}));
    let photos = w.photo_folder();
    let port = silent_server();
    let silent_address = format!("ldaps://127.0.0.1:{port}");
    let graph_address = format!("graph:{TENANT}");
    let out = w
        .command(&[
            "set",
            "--to",
            silent_address.as_str(),
            "--to",
            graph_address.as_str(),
            "--photos",
            photos.to_str().unwrap(),
        ])
        .env(SECRET_VAR, "not-the-secret-2b")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{graph_address}: the sign-in was refused")),
        "the refusal is what is reported, not the other target's stopping: {err}"
    );
    assert!(!err.contains("did not answer in time"), "{err}");
    let _ = std::fs::remove_dir_all(&w.home);
}

#[test]
fn the_sync_job_of_the_c_abi_copies_microsoft_365_into_google_and_names_each_target() {
    use adphoto::jobs::{Job, JobRequest, Next};
    own_data_folder();
    let graph = graph::spawn(GraphConfig::default(), 0).unwrap();
    let google = google::spawn(GoogleConfig::default(), 0).unwrap();
    let mut key = google_key().clone();
    key["token_uri"] = json!(google.state.token_uri());
    google::admin::trust(&google.state, service_account::credential_from_key_file(&key).unwrap()).unwrap();
    let home = scratch("sync-job");
    let key_file = home.join("key.json");
    std::fs::write(&key_file, serde_json::to_vec(&key).unwrap()).unwrap();
    graph::seed(
        &graph.state,
        json!([
            {"userPrincipalName": "ann@contoso.com", "employeeId": "E1", "photo": b64(&portrait(648, 1))},
            {"userPrincipalName": "bob@contoso.com", "employeeId": "E2"}
        ]),
    )
    .unwrap();
    google::seed(
        &google.state,
        json!([{"primaryEmail": "ann@example.com", "employeeId": "E1"},
               {"primaryEmail": "bob@example.com", "employeeId": "E2"}]),
    )
    .unwrap();
    let source = json!({"type": "graph", "tenant": "contoso", "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET, "login_url": graph.url(), "graph_url": graph.url()});
    let target = json!({"type": "google", "key_file": key_file, "subject": "admin@example.com",
        "api_url": google.url()});
    let run = |what_if: bool| {
        let request = json!({"task": "sync", "source": source, "what_if": what_if,
            "targets": [{"address": "google:", "directory": target}],
            "options": {"run_folder": home.join(format!("run-{what_if}"))}});
        let request: JobRequest = serde_json::from_value(request).unwrap();
        let job = Job::start(request).unwrap();
        let mut events: Vec<Value> = Vec::new();
        loop {
            match job.next(Duration::from_secs(30)) {
                Next::Event(bytes) => events.push(serde_json::from_slice(&bytes).unwrap()),
                Next::Pending => continue,
                Next::Done => return events,
            }
        }
    };
    let plan = run(true);
    assert_eq!(plan.last().unwrap()["status"], "ok", "{plan:#?}");
    let planned: Vec<&Value> = plan.iter().filter(|e| e["event"] == "item").collect();
    assert_eq!(planned.len(), 2);
    assert!(planned.iter().all(|e| e["target"] == "google:" && e["phase"] == "plan"));
    assert_eq!(
        planned.iter().find(|e| e["user"] == "ann@example.com").unwrap()["action"],
        "write"
    );
    let ann = || {
        let g = google.state.lock();
        g.users
            .get(g.users.find("ann@example.com").unwrap())
            .admin_photo
            .clone()
    };
    assert!(ann().is_none(), "a plan writes nothing");
    let done = run(false);
    let last = done.last().unwrap();
    assert_eq!(last["status"], "ok", "{done:#?}");
    assert!(last["run_folder"].as_str().is_some(), "{last}");
    assert!(done.iter().any(|e| e["event"] == "item"
        && e["phase"] == "apply"
        && e["status"] == "written"
        && e["target"] == "google:"));
    assert_eq!(decode(&ann().unwrap().bytes).dimensions(), (256, 256));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn two_syncs_at_once_into_one_directory_give_everyone_their_own_photo() {
    let w = World::new("twice", json!({}));
    let n = 6;
    let mut dns = Vec::new();
    let mut users = Vec::new();
    for i in 0..n {
        let sam = format!("tw{i}");
        dns.push(w.ad_user(&sam, None));
        users.push(
            json!({"userPrincipalName": format!("{sam}@contoso.com"), "employeeId": format!("E-{sam}"),
            "photo": b64(&portrait(648, 500 + i as u64))}),
        );
    }
    w.graph_users(Value::Array(users));
    let ldaps = w.ldaps();
    let from = format!("graph:{TENANT}");
    let args = ["sync", "--json", "--from", from.as_str(), "--to", ldaps.as_str()];
    let first = w.command(&args).stdout(Stdio::piped()).spawn().unwrap();
    let second = w.command(&args).stdout(Stdio::piped()).spawn().unwrap();
    let outs = [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()];
    for out in &outs {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    }
    // Whoever wrote a photo, each user has the one made from their own Microsoft 365 photo:
    // a third run finds nothing to do, and nothing changed elsewhere.
    let third = json_lines(&w.run(&args));
    assert_eq!(third.len(), n);
    assert!(third.iter().all(|i| i["action"] == "skip-unchanged"), "{third:#?}");
    for dn in &dns {
        assert_eq!(decode(&w.ad_photo(dn).unwrap()).dimensions(), (96, 96));
    }
    // An LDIF file is not a sync target (its users would have to come from elsewhere).
    let ldif = w.run(&["sync", "--from", &from, "--to", "ldif:out.ldif"]);
    assert_eq!(ldif.status.code(), Some(2), "{}", stderr(&ldif));
    let _ = std::fs::remove_dir_all(&w.home);
}

/// A 648-pixel photo of four colours, told apart from another after scaling to 96.
fn coloured(colours: [[u8; 3]; 4]) -> Vec<u8> {
    encode_jpeg(&quad_image(648, 648, colours), 90)
}

#[test]
fn a_mapping_csv_pairs_exactly_the_users_it_names_and_reports_every_other_row() {
    let w = World::new("map", json!({}));
    let ann = w.ad_user("mapann", None);
    let lee = w.ad_user("maplee", None);
    let by_dn = w.ad_user("mapdn", None);
    let eve1 = w.ad_user("mapeve1", None);
    let eve2 = w.ad_user("mapeve2", None);
    let bob = w.ad_user("mapbob", None);
    let dee = w.ad_user("mapdee", None);
    let unlisted = w.ad_user("mapnone", None);
    let (red, green, blue, grey) = ([200, 30, 30], [30, 200, 30], [30, 30, 200], [128, 128, 128]);
    let ann_colours = [red, green, blue, grey];
    let lee_colours = [blue, red, green, grey];
    let dn_colours = [green, blue, red, grey];
    w.graph_users(json!([
        // Nothing pairs these users by default: other addresses, no employee ids.
        {"userPrincipalName": "ann.cloud@contoso.com", "photo": b64(&coloured(ann_colours))},
        {"userPrincipalName": "-lee@contoso.com", "photo": b64(&coloured(lee_colours))},
        {"userPrincipalName": "dn.user@contoso.com", "photo": b64(&coloured(dn_colours))},
        {"userPrincipalName": "eve@contoso.com", "photo": b64(&portrait(648, 31))},
        {"userPrincipalName": "bob@contoso.com", "photo": b64(&portrait(648, 32))},
        {"userPrincipalName": "cy@contoso.com", "photo": b64(&portrait(648, 33))},
        // Would pair with mapnone by mail, but the map does not name mapnone.
        {"userPrincipalName": "none@contoso.com", "mail": "mapnone.N@example.edu", "photo": b64(&portrait(648, 34))}
    ]));
    // Excel's way: semicolons, a byte-order mark, an apostrophe before a formula.
    let map = w.home.join("pairs.csv");
    let rows = [
        "\u{feff}Source;Target".to_string(),
        "ann.cloud@contoso.com;mapann".into(),           // 2: by account name
        "'-lee@contoso.com;maplee.N@example.edu".into(), // 3: a formula-like name, by mail
        format!("DN.USER@contoso.com;{}", by_dn.to_uppercase()), // 4: by DN, in another case
        "eve@contoso.com;mapeve1".into(),                // 5: eve named twice
        "eve@contoso.com;mapeve2".into(),                // 6
        "bob@contoso.com;mapbob".into(),                 // 7: mapbob named twice
        "cy@contoso.com;mapbob".into(),                  // 8
        "ghost@contoso.com;mapdee".into(),               // 9: an unknown source
        "ann.cloud@contoso.com;nobody.here".into(),      // 10: an unknown target (ann named again!)
        "\u{1b}[31mred@contoso.com;../../etc/passwd".into(), // 11: an escape sequence and a path
        "\"=HYPERLINK(\"\"http://x\"\")\";C:\\Windows\\System32".into(), // 12
    ];
    std::fs::write(&map, rows.join("\r\n")).unwrap();
    let ldaps = w.ldaps();
    let from = format!("graph:{TENANT}");
    let map_text = map.to_str().unwrap();
    let sync = |extra: &[&str]| {
        let mut args = vec![
            "sync",
            "--from",
            from.as_str(),
            "--to",
            ldaps.as_str(),
            "--map",
            map_text,
        ];
        args.extend_from_slice(extra);
        w.run(&args)
    };

    // Line 10 names ann's source a second time: ann gets nothing until it is fixed.
    let plan = sync(&["--json", "--what-if"]);
    assert_eq!(plan.status.code(), Some(1), "rows need attention: {}", stderr(&plan));
    let planned = json_lines(&plan);
    let ann_item = item_of(&planned, "mapann");
    assert_eq!(ann_item["action"], "ambiguous", "{planned:#?}");
    assert!(ann_item["reason"].as_str().unwrap().contains("2, 10"), "{ann_item}");

    let rows_fixed: Vec<String> = rows
        .iter()
        .map(|r| r.replace("ann.cloud@contoso.com;nobody.here", "ann2@contoso.com;nobody.here"))
        .collect();
    std::fs::write(&map, rows_fixed.join("\r\n")).unwrap();
    let plan = sync(&["--json", "--what-if"]);
    let planned = json_lines(&plan);
    for (who, source, line) in [
        ("mapann", "ann.cloud@contoso.com", 2),
        ("maplee", "-lee@contoso.com", 3),
        ("mapdn", "dn.user@contoso.com", 4),
    ] {
        let item = item_of(&planned, who);
        assert_eq!(item["action"], "write", "{planned:#?}");
        assert_eq!(item["identity"], source, "{item}");
        assert_eq!(item["by"], format!("pairs.csv line {line}"));
    }
    for who in ["mapeve1", "mapeve2"] {
        let item = item_of(&planned, who);
        assert_eq!(item["action"], "ambiguous", "a source on two rows: {item}");
        assert!(item["reason"].as_str().unwrap().contains("5, 6"), "{item}");
    }
    let bob_item = item_of(&planned, "mapbob");
    assert_eq!(bob_item["action"], "ambiguous", "a target on two rows: {bob_item}");
    assert!(bob_item["reason"].as_str().unwrap().contains("7, 8"), "{bob_item}");
    let dee_item = item_of(&planned, "mapdee");
    assert_eq!(dee_item["action"], "no-match");
    assert!(dee_item["reason"]
        .as_str()
        .unwrap()
        .contains("no user 'ghost@contoso.com'"));
    assert_eq!(item_of(&planned, "mapnone")["action"], "no-photo", "not in the map");
    // The rows about nobody of the target are items of their own, reported as such.
    let about_nobody: Vec<&Value> = planned.iter().filter(|i| i["user"].is_null()).collect();
    assert_eq!(about_nobody.len(), 3, "{about_nobody:#?}");
    for (line, name) in [
        (10, "nobody.here"),
        (11, "../../etc/passwd"),
        (12, "C:\\Windows\\System32"),
    ] {
        let item = about_nobody
            .iter()
            .find(|i| i["by"] == format!("pairs.csv line {line}"))
            .unwrap_or_else(|| panic!("line {line}: {about_nobody:#?}"));
        assert_eq!(item["action"], "no-match");
        assert!(
            item["reason"].as_str().unwrap().contains(&format!("no user '{name}'")),
            "{item}"
        );
    }
    assert_eq!(
        about_nobody.iter().find(|i| i["by"] == "pairs.csv line 12").unwrap()["identity"],
        "=HYPERLINK(\"http://x\")"
    );

    // On a terminal the escape sequence is shown, never sent.
    let shown = sync(&["--what-if"]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("\\u{1b}[31mred@contoso.com"), "{text}");

    // The run writes the three users the map pairs, each with their own photo.
    let run = sync(&["--json"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let written: Vec<String> = json_lines(&run)
        .iter()
        .filter(|i| i["status"] == "written")
        .map(|i| i["user"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(written.len(), 3, "{written:?}");
    for (dn, colours, who) in [
        (&ann, ann_colours, "ann"),
        (&lee, lee_colours, "lee"),
        (&by_dn, dn_colours, "dn"),
    ] {
        let photo = decode(&w.ad_photo(dn).unwrap_or_else(|| panic!("{who} written")));
        assert_eq!(photo.dimensions(), (96, 96));
        assert_quadrants(&photo, colours, 40, who);
    }
    for dn in [&eve1, &eve2, &bob, &dee, &unlisted] {
        assert_eq!(
            w.ad_photo(dn),
            None,
            "{dn}: nobody gets a photo that could be another's"
        );
    }

    // A map missing its columns, or with --pattern, is a usage error that reads nothing.
    let bad = w.home.join("bad.csv");
    std::fs::write(&bad, "User,Path\nx,y\n").unwrap();
    let refused = w.run(&["sync", "--from", &from, "--to", &ldaps, "--map", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("Source, From"), "{}", stderr(&refused));
    let both = sync(&["--pattern", "{mail}"]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));

    // The C ABI's sync job takes the same map (a plan: nothing is written).
    use adphoto::jobs::{Job, JobRequest, Next};
    let source = json!({"type": "graph", "tenant": TENANT, "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET, "login_url": w.graph.url(), "graph_url": w.graph.url()});
    let target = json!({"server": ldaps, "ca_cert": w.dc.ca_cert, "bind": w.dc.admin_upn,
        "password": w.dc.password(), "search_base": w.ou});
    let request = json!({"task": "sync", "source": source, "what_if": true,
        "targets": [{"address": ldaps, "directory": target}],
        "options": {"map": map, "force": true}});
    let job = Job::start(serde_json::from_value::<JobRequest>(request).unwrap()).unwrap();
    let mut events: Vec<Value> = Vec::new();
    loop {
        match job.next(Duration::from_secs(30)) {
            Next::Event(bytes) => events.push(serde_json::from_slice(&bytes).unwrap()),
            Next::Pending => continue,
            Next::Done => break,
        }
    }
    let items: Vec<Value> = events.into_iter().filter(|e| e["event"] == "item").collect();
    assert_eq!(item_of(&items, "mapann")["by"], "pairs.csv line 2", "{items:#?}");
    assert_eq!(item_of(&items, "mapann")["action"], "write", "forced: written again");
    assert_eq!(item_of(&items, "mapbob")["action"], "ambiguous");
    assert_eq!(items.iter().filter(|i| i["user"].is_null()).count(), 3);
    let _ = std::fs::remove_dir_all(&w.home);
}
