//! Google Workspace through the Directory API, against the local fake
//! (`adphoto_fakes::google`): sign-in with a service account acting as an
//! administrator, uploads only of what changed, Google's quota and server errors
//! backed off and obeyed, token renewal, self-set photos, backups and restore.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use adphoto_fakes::google::config::GoogleConfig;
use adphoto_fakes::google::{self, service_account, GoogleServer};
use base64::Engine;
use serde_json::{json, Value};

use common::*;

const ADMIN: &str = "admin@example.com";
const PHOTO_PATH: &str = "GET /admin/directory/v1/users/{userKey}/photos/thumbnail";

/// One RSA key for every test: generating keys is the slow part of a fake domain.
fn key_file_template() -> &'static Value {
    static KEY: OnceLock<Value> = OnceLock::new();
    KEY.get_or_init(|| service_account::generate("http://unused/token", None, None).unwrap().0)
}

struct Domain {
    server: GoogleServer,
    dir: PathBuf,
    key_file: PathBuf,
    photos: PathBuf,
}

impl Domain {
    fn new(name: &str, config: Value) -> Domain {
        common::own_data_folder();
        let config = adphoto_fakes::common::patch::merge(&GoogleConfig::default(), &config).unwrap();
        let server = google::spawn(config, 0).unwrap();
        let mut key = key_file_template().clone();
        key["token_uri"] = json!(server.state.token_uri());
        let credential = service_account::credential_from_key_file(&key).unwrap();
        google::admin::trust(&server.state, credential).unwrap();
        let dir = scratch(&format!("google-{name}"));
        let key_file = dir.join("key.json");
        std::fs::write(&key_file, serde_json::to_vec_pretty(&key).unwrap()).unwrap();
        let photos = dir.join("photos");
        std::fs::create_dir_all(&photos).unwrap();
        Domain {
            server,
            dir,
            key_file,
            photos,
        }
    }

    /// Seeds users; returns their Google ids.
    fn seed(&self, users: Value) -> Vec<String> {
        google::seed(&self.server.state, users).unwrap()
    }

    /// `n` users `{prefix}1..n@example.com` with employee ids, in `unit`.
    fn staff(&self, prefix: &str, n: usize, unit: &str) -> Vec<String> {
        let users: Vec<Value> = (1..=n)
            .map(|i| {
                json!({"primaryEmail": format!("{prefix}{i}@example.com"), "givenName": prefix,
                       "familyName": format!("N{i}"), "employeeId": format!("E-{prefix}-{i}"),
                       "orgUnitPath": unit})
            })
            .collect();
        self.seed(Value::Array(users))
    }

    /// A distinct portrait `{name}.jpg` for each name.
    fn photos_for(&self, names: &[String], seed: u64) {
        for (i, name) in names.iter().enumerate() {
            let img = noise_image(320, 400, seed * 1000 + i as u64);
            std::fs::write(self.photos.join(format!("{name}.jpg")), encode_jpeg(&img, 85)).unwrap();
        }
    }

    fn usernames(prefix: &str, n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("{prefix}{i}")).collect()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.arg("google")
            .args(args)
            .arg("--key-file")
            .arg(&self.key_file)
            .args(["--subject", ADMIN, "--api-url", &self.server.url()])
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env_remove("GOOGLE_APPLICATION_CREDENTIALS");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run adphoto")
    }

    /// `google set` with files named after the address before the `@`.
    fn set(&self, extra: &[&str]) -> Output {
        let photos = self.photos.to_str().unwrap();
        self.run(
            &[
                &["set", "--json", "--pattern", "{username}", "--photos", photos][..],
                extra,
            ]
            .concat(),
        )
    }

    fn stats(&self) -> Value {
        let g = self.server.state.lock();
        adphoto_fakes::common::stats::with_retries(&g.stats, &g.retry)
    }

    /// (admin-set, self-set) photo bytes of a user.
    fn stored(&self, email: &str) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
        let g = self.server.state.lock();
        let u = g.users.get(g.users.find(email).expect("user exists"));
        (
            u.admin_photo.as_ref().map(|p| p.bytes.to_vec()),
            u.self_photo.as_ref().map(|p| p.bytes.to_vec()),
        )
    }

    fn set_config(&self, patch: Value) {
        let mut g = self.server.state.lock();
        let config = adphoto_fakes::common::patch::merge(&g.config, &patch).unwrap();
        g.apply_config(config).unwrap();
    }
}

fn count(stats: &Value, map: &str, key: &str) -> u64 {
    stats[map][key].as_u64().unwrap_or(0)
}

fn total(stats: &Value, map: &str) -> u64 {
    stats[map]
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0)
}

fn with_status<'a>(items: &'a [Value], status: &str) -> Vec<&'a Value> {
    items.iter().filter(|i| i["status"] == status).collect()
}

fn run_folder(items: &[Value], data: &Path) -> PathBuf {
    // The default run folder is the only folder under the data folder's backups.
    let _ = items;
    let backups = data.join("adphoto/backups");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    found.pop().expect("a run folder")
}

#[test]
fn a_full_run_then_an_unchanged_run_that_uploads_nothing() {
    let d = Domain::new("full", json!({}));
    let ids = d.staff("t", 12, "/Staff");
    d.seed(json!([{"primaryEmail": "gone@example.com", "suspended": true}]));
    let mut names = Domain::usernames("t", 10);
    names.push("gone".into());
    d.photos_for(&names, 1);

    let first = d.set(&[]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first)); // two users have no file
    let items = json_lines(&first);
    assert_eq!(with_status(&items, "written").len(), 10);
    // The suspended user is not a user of the run: its file fits nobody.
    assert!(items
        .iter()
        .any(|i| i["action"] == "no-match" && i["file"].as_str().unwrap().ends_with("gone.jpg")));
    assert_eq!(items.iter().filter(|i| i["action"] == "no-photo").count(), 2);
    for i in 1..=10 {
        let (admin, own) = d.stored(&format!("t{i}@example.com"));
        let jpeg = admin.expect("photo uploaded");
        assert!(own.is_none());
        let img = decode(&jpeg);
        // Sharper than the 96x96 Google shows, well inside the upload limit.
        assert_eq!((img.width(), img.height()), (256, 256));
        assert!(jpeg.len() <= 100 * 1024, "{} bytes", jpeg.len());
    }
    assert!(d.stored("gone@example.com").0.is_none());
    let after_first = d.stats();
    assert_eq!(total(&after_first, "photo_puts"), 10);
    for id in &ids[..10] {
        assert_eq!(count(&after_first, "photo_puts", id), 1);
    }

    let second = d.set(&[]);
    assert_eq!(second.status.code(), Some(1));
    let items = json_lines(&second);
    assert_eq!(items.iter().filter(|i| i["action"] == "skip-unchanged").count(), 10);
    assert!(items.iter().all(|i| i.get("status").is_none()));
    let after_second = d.stats();
    assert_eq!(
        total(&after_second, "photo_puts"),
        10,
        "nothing uploaded the second time"
    );
    // What ADPhoto uploaded is known by its etag: the photos are not even read back.
    assert_eq!(
        count(&after_second, "requests", PHOTO_PATH),
        count(&after_first, "requests", PHOTO_PATH)
    );

    // One changed file: exactly one upload.
    let img = noise_image(300, 300, 999);
    std::fs::write(d.photos.join("t3.jpg"), encode_jpeg(&img, 80)).unwrap();
    let third = d.set(&[]);
    let items = json_lines(&third);
    assert_eq!(with_status(&items, "written").len(), 1);
    assert_eq!(total(&d.stats(), "photo_puts"), 11);
    assert_eq!(count(&d.stats(), "photo_puts", &ids[2]), 2);
}

#[test]
fn what_if_uploads_nothing_and_an_org_unit_limits_the_run() {
    let d = Domain::new("ou", json!({}));
    d.staff("s", 3, "/Staff/Science");
    d.staff("p", 2, "/Students");
    let mut names = Domain::usernames("s", 3);
    names.extend(Domain::usernames("p", 2));
    d.photos_for(&names, 2);

    let plan = d.set(&["--org-unit", "/Staff", "--what-if"]);
    let items = json_lines(&plan);
    assert_eq!(items.iter().filter(|i| i["action"] == "write").count(), 3);
    assert_eq!(items.iter().filter(|i| i["action"] == "no-match").count(), 2);
    assert_eq!(total(&d.stats(), "photo_puts"), 0);

    // Files named after the employee id, matched within the unit only.
    for i in 1..=3 {
        std::fs::rename(
            d.photos.join(format!("s{i}.jpg")),
            d.photos.join(format!("E-s-{i}.jpg")),
        )
        .unwrap();
    }
    let photos = d.photos.to_str().unwrap().to_string();
    let out = d.run(&[
        "set",
        "--json",
        "--org-unit",
        "/Staff",
        "--pattern",
        "{employeeId}",
        "--photos",
        &photos,
    ]);
    let items = json_lines(&out);
    assert_eq!(with_status(&items, "written").len(), 3, "{}", stderr(&out));
    assert!(d.stored("p1@example.com").0.is_none());
    assert!(d.stored("s2@example.com").0.is_some());
}

/// Every kind of refusal Google sends, on the photo writes and around them.
fn refusals(times: Option<u64>) -> Value {
    let rules = [
        json!({"kind": "userRateLimitExceeded", "every": 4, "scope": "photo_write", "retry_after_secs": 1}),
        json!({"kind": "quotaExceeded", "every": 5, "scope": "photo_write"}),
        json!({"kind": "rateLimitExceeded", "every": 7, "scope": "users"}),
        json!({"kind": "backendError", "every": 6, "scope": "photo_write"}),
        json!({"kind": "internalError", "every": 9, "scope": "api"}),
        json!({"kind": "drop", "every": 11, "scope": "photo_write"}),
    ];
    Value::Array(
        rules
            .into_iter()
            .map(|mut r| {
                if let Some(t) = times {
                    r["times"] = json!(t);
                }
                r
            })
            .collect(),
    )
}

#[test]
fn quota_rate_and_server_errors_are_backed_off_and_obeyed() {
    // With four requests in flight, which user's try meets the Nth request depends on
    // scheduling: rules firing on every Nth request without end (more than half of all
    // writes) can, on some interleaving, refuse one user all eight of its tries, and a
    // loaded machine makes such interleavings likelier. So here each rule fires once:
    // one user can meet each refusal at most once, plus one refusal inside the
    // Retry-After window (a request sent before the 403 arrived), 7 in all, fewer than
    // its 8 tries, however the requests interleave.
    let d = Domain::new(
        "quota",
        json!({"retry_after_reaction_ms": 300, "faults": refusals(Some(1))}),
    );
    let ids = d.staff("q", 16, "/");
    d.photos_for(&Domain::usernames("q", 16), 3);

    let out = d.set(&["--connections", "4"]);
    let items = json_lines(&out);
    let not_written: Vec<&Value> = items.iter().filter(|i| i["status"] != "written").collect();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{not_written:?}\n{}",
        stderr(&out),
        d.stats()
    );
    assert_eq!(with_status(&items, "written").len(), 16);
    let s = d.stats();
    for id in &ids {
        assert_eq!(count(&s, "photo_puts", id), 1, "each photo stored once");
    }
    // Every kind of refusal happened, and each was met by waiting, not hammering.
    for reason in ["userRateLimitExceeded", "quotaExceeded", "rateLimitExceeded"] {
        assert!(count(&s, "rate_limit_errors", reason) > 0, "{reason}: {s}");
    }
    assert!(s["server_errors_5xx"].as_u64().unwrap() > 0);
    assert!(s["dropped_connections"].as_u64().unwrap() > 0);
    // One worker's Retry-After held every worker back.
    assert_eq!(s["retry_after_violations"], 0, "{}", s["retry_after_violation_log"]);

    // With one request at a time, every retry after a refusal waited its backoff
    // (from half a second, with jitter in its upper half): none came straight back.
    // One request at a time is one order of requests: the rules fire without end, and
    // no user meets more than a few refusals in a row.
    {
        let mut g = d.server.state.lock();
        g.stats = Default::default();
        g.retry.clear();
        let mut config = g.config.clone();
        config.faults = serde_json::from_value(refusals(None)).unwrap();
        g.apply_config(config).unwrap();
    }
    d.photos_for(&Domain::usernames("q", 16), 30);
    let out = d.set(&["--connections", "1"]);
    let s = d.stats();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}\n{s}",
        stderr(&out),
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(total(&s, "photo_puts"), 16);
    assert!(!s["retry_gaps"].as_array().unwrap().is_empty());
    assert!(s["min_retry_gap_ms"].as_u64().unwrap() >= 240, "{}", s["retry_gaps"]);
    assert_eq!(s["retry_after_violations"], 0, "{}", s["retry_after_violation_log"]);
}

#[test]
fn a_quota_that_never_lifts_fails_those_users_and_the_batch_goes_on() {
    let d = Domain::new(
        "quota-stuck",
        json!({"faults": [{"kind": "quotaExceeded", "every": 1, "scope": "photo_write", "times": 8}]}),
    );
    d.staff("z", 3, "/");
    d.photos_for(&Domain::usernames("z", 3), 4);
    let out = d.set(&["--connections", "1"]);
    let items = json_lines(&out);
    let failed = with_status(&items, "failed");
    assert_eq!(failed.len(), 1, "{}", stderr(&out));
    assert_eq!(failed[0]["error"]["kind"], "throttled");
    assert!(failed[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("quotaExceeded"));
    assert_eq!(with_status(&items, "written").len(), 2);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn tokens_are_renewed_when_refused_and_before_they_expire() {
    let d = Domain::new(
        "tokens",
        json!({"expire_next_token_uses": 1, "token_lifetime_secs": 2, "latency_ms": 150}),
    );
    d.staff("r", 12, "/");
    d.photos_for(&Domain::usernames("r", 12), 5);
    let out = d.set(&["--connections", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(with_status(&json_lines(&out), "written").len(), 12);
    let s = d.stats();
    assert_eq!(s["forced_expiries"], 1);
    // The refused token was replaced, and tokens near their end were renewed ahead
    // of time (the run outlasts several 2-second tokens): no other request was refused.
    assert!(s["tokens_issued"].as_u64().unwrap() >= 3, "{s}");
    assert_eq!(s["unauthorized_401"], 1, "only the forced expiry was refused");
}

#[test]
fn a_self_set_photo_is_removed_so_the_new_one_shows_and_is_backed_up() {
    let d = Domain::new("self", json!({}));
    let own = encode_jpeg(&noise_image(120, 120, 77), 90);
    let std64 = base64::engine::general_purpose::STANDARD.encode(&own);
    let ids = d.seed(json!([{"primaryEmail": "selfie@example.com", "selfPhoto": std64}]));
    d.photos_for(&["selfie".to_string()], 6);

    let out = d.set(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (admin, self_set) = d.stored("selfie@example.com");
    assert!(self_set.is_none(), "the user's own photo no longer hides ours");
    let admin = admin.expect("our photo");
    assert_eq!(decode(&admin).width(), 256);
    let s = d.stats();
    assert_eq!(count(&s, "self_photo_kept", &ids[0]), 1);
    assert_eq!(count(&s, "photo_deletes", &ids[0]), 1);
    assert_eq!(count(&s, "photo_puts", &ids[0]), 2);

    // What the user had set is in the backups, by Google id.
    let folder = run_folder(&[], &d.dir.join("data"));
    let manifest = std::fs::read_to_string(folder.join("manifest.jsonl")).unwrap();
    let entry: Value = serde_json::from_str(manifest.lines().next().unwrap()).unwrap();
    assert_eq!(entry["key"], ids[0].as_str());
    let saved = std::fs::read(folder.join(entry["files"][0].as_str().unwrap())).unwrap();
    assert_eq!(saved, own);

    // A second run sees its own upload and leaves it.
    let again = d.set(&[]);
    assert_eq!(json_lines(&again)[0]["action"], "skip-unchanged");
    assert_eq!(count(&d.stats(), "photo_puts", &ids[0]), 2);
}

#[test]
fn backups_then_restore_put_every_original_back() {
    let d = Domain::new("restore", json!({}));
    let old = encode_jpeg(&noise_image(200, 200, 42), 90);
    let std64 = base64::engine::general_purpose::STANDARD.encode(&old);
    let ids = d.seed(json!([
        {"primaryEmail": "had@example.com", "photo": std64},
        {"primaryEmail": "none@example.com"}
    ]));
    d.photos_for(&["had".to_string(), "none".to_string()], 7);
    let out = d.set(&["--backup-dir", d.dir.join("run1").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(d.stored("had@example.com").0.unwrap(), old);

    let restore = d.run(&[
        "restore",
        "--json",
        "--backup-dir",
        d.dir.join("run1").to_str().unwrap(),
    ]);
    assert_eq!(restore.status.code(), Some(0), "{}", stderr(&restore));
    let items = json_lines(&restore);
    assert_eq!(with_status(&items, "done").len(), 2, "{items:?}");
    assert_eq!(
        d.stored("had@example.com").0.unwrap(),
        old,
        "the original, byte for byte"
    );
    assert!(
        d.stored("none@example.com").0.is_none(),
        "a photo the run added is removed"
    );
    assert!(items.iter().any(|i| i["key"] == ids[0].as_str()));

    // Nothing left to do the second time.
    let again = d.run(&[
        "restore",
        "--json",
        "--backup-dir",
        d.dir.join("run1").to_str().unwrap(),
    ]);
    assert!(json_lines(&again).iter().all(|i| i["status"] == "skipped"));
}

#[test]
fn get_report_remove_by_email_id_or_employee_id() {
    let d = Domain::new("tasks", json!({}));
    let ids = d.staff("k", 3, "/");
    d.photos_for(&Domain::usernames("k", 3), 8);
    assert_eq!(d.set(&[]).status.code(), Some(0));

    let out_file = d.dir.join("k1.jpg");
    let get = d.run(&["get", "k1@example.com", "--out", out_file.to_str().unwrap()]);
    assert_eq!(get.status.code(), Some(0), "{}", stderr(&get));
    assert_eq!(std::fs::read(&out_file).unwrap(), d.stored("k1@example.com").0.unwrap());
    let by_employee = d.run(&["get", "E-k-2", "--out", d.dir.join("k2.jpg").to_str().unwrap()]);
    assert_eq!(by_employee.status.code(), Some(0), "{}", stderr(&by_employee));
    let nobody = d.run(&["get", "*')(", "--out", d.dir.join("x.jpg").to_str().unwrap()]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(stderr(&nobody).contains("[not-found]"), "{}", stderr(&nobody));

    let report = d.run(&["report", "--json"]);
    let rows = json_lines(&report);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["has_photo"] == true && r["width"] == 256));

    let backup = d.dir.join("removed");
    let remove = d.run(&["remove", "--json", "--backup-dir", backup.to_str().unwrap(), &ids[2]]);
    assert_eq!(remove.status.code(), Some(0), "{}", stderr(&remove));
    assert!(d.stored("k3@example.com").0.is_none());
    let restore = d.run(&["restore", "--backup-dir", backup.to_str().unwrap()]);
    assert_eq!(restore.status.code(), Some(0), "{}", stderr(&restore));
    assert!(d.stored("k3@example.com").0.is_some());
}

#[test]
fn photo_data_is_web_safe_base64_with_every_padding_length() {
    // The fake refuses '+' and '/' (the documented alphabet has '-' and '_') and
    // stores what it decoded, so equal bytes prove the encoding.
    let d = Domain::new("base64", json!({"accept_standard_base64": false}));
    let ids = d.staff("b", 9, "/");
    d.photos_for(&Domain::usernames("b", 9), 9);
    let out = d.set(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // What was sent is kept (the record of uploads, by Google id).
    let state = std::fs::read_dir(d.dir.join("data/adphoto/google"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut remainders = std::collections::HashSet::new();
    for (i, id) in ids.iter().enumerate() {
        let stored = d.stored(&format!("b{}@example.com", i + 1)).0.unwrap();
        let sent = std::fs::read(state.join(format!("photos/{id}.jpg"))).unwrap();
        assert_eq!(stored, sent, "decoded by Google's rules to exactly the JPEG sent");
        remainders.insert(sent.len() % 3);
    }
    // Lengths needing different amounts of padding were all decoded right.
    assert!(remainders.len() >= 2, "{remainders:?}");
    assert_eq!(d.stats()["responses_by_status"]["400"], Value::Null);
}

#[test]
fn sign_in_and_usage_errors_are_clear_and_never_show_the_key() {
    let d = Domain::new("errors", json!({}));
    d.staff("e", 1, "/");
    d.photos_for(&Domain::usernames("e", 1), 10);
    let key_text = std::fs::read_to_string(&d.key_file).unwrap();
    let key: Value = serde_json::from_str(&key_text).unwrap();
    let secret_line = key["private_key"].as_str().unwrap().lines().nth(2).unwrap().to_string();
    let photos = d.photos.to_str().unwrap().to_string();
    let base = ["set", "--pattern", "{username}", "--photos", &photos];
    let check = |out: &Output, code: i32, needle: &str| {
        let e = stderr(out);
        assert_eq!(out.status.code(), Some(code), "{e}");
        assert!(e.contains(needle), "expected '{needle}' in: {e}");
        assert!(!e.contains(&secret_line) && !String::from_utf8_lossy(&out.stdout).contains(&secret_line));
    };

    // A subject the service account may not act as.
    let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
    c.arg("google").args(base).arg("--key-file").arg(&d.key_file);
    c.args(["--subject", "teacher@example.com", "--api-url", &d.server.url()]);
    c.env("XDG_DATA_HOME", d.dir.join("data"));
    check(&c.output().unwrap(), 1, "Domain-wide delegation");

    // Delegation without the read-write scope.
    d.set_config(json!({"delegated_scopes": ["https://www.googleapis.com/auth/admin.directory.user.readonly"]}));
    check(&d.run(&base), 1, "unauthorized_client");
    d.set_config(json!({"delegated_scopes": ["https://www.googleapis.com/auth/admin.directory.user"]}));

    // A customer this administrator does not manage.
    let mut args = base.to_vec();
    args.extend(["--customer", "C999other"]);
    // The users cannot be read, so nothing is done: the exit code of a run that cannot start.
    check(&d.run(&args), 2, "forbidden");

    // Plain HTTP to anything but this machine.
    let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
    c.arg("google").args(base).arg("--key-file").arg(&d.key_file);
    c.args(["--subject", ADMIN, "--api-url", "http://directory.example.com"]);
    let plain = c.output().unwrap();
    check(&plain, 2, "not encrypted");
    assert!(stderr(&plain).contains("--insecure"), "the option it offers exists");
    // That option, given, is obeyed: 0.0.0.0 is not a loopback name (so plain HTTP to
    // it must be allowed), yet reaches the fake on this machine.
    let any_address = d.server.url().replace("127.0.0.1", "0.0.0.0");
    for (extra, code) in [(None, 2), (Some("--insecure"), 0)] {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.args(["google", "report", "--key-file"]).arg(&d.key_file);
        c.args(["--subject", ADMIN, "--api-url", &any_address]).args(extra);
        c.env("XDG_DATA_HOME", d.dir.join("data"));
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{extra:?}: {}", stderr(&out));
    }
    // --ca-cert, as for Graph and LDAP: a file that holds no certificate is refused.
    let not_pem = d.dir.join("not-a-ca.pem");
    std::fs::write(&not_pem, "not a certificate").unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
    c.arg("google").args(base).arg("--key-file").arg(&d.key_file);
    c.args(["--subject", ADMIN, "--api-url", &d.server.url(), "--ca-cert"]);
    c.arg(&not_pem);
    let bad_ca = c.output().unwrap();
    assert_ne!(bad_ca.status.code(), Some(0));
    assert!(stderr(&bad_ca).contains("not-a-ca.pem"), "{}", stderr(&bad_ca));

    // Key files that are not usable: missing, not JSON, the wrong kind, unknown to Google.
    for (name, text, code, needle) in [
        (
            "broken.json",
            key_text[..key_text.len() / 2].to_string(),
            2,
            "invalid JSON",
        ),
        (
            "user.json",
            key_text.replace("service_account", "authorized_user"),
            2,
            "service_account",
        ),
        (
            "stranger.json",
            key_text.replace("adphoto-sync@", "stranger@"),
            1,
            "invalid_grant",
        ),
    ] {
        let path = d.dir.join(name);
        std::fs::write(&path, text).unwrap();
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.arg("google").args(base).arg("--key-file").arg(&path);
        c.args(["--subject", ADMIN, "--api-url", &d.server.url()]);
        check(&c.output().unwrap(), code, needle);
    }
    let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
    c.arg("google")
        .args(base)
        .args(["--subject", ADMIN])
        .env_remove("GOOGLE_APPLICATION_CREDENTIALS");
    check(&c.output().unwrap(), 2, "--key-file");
    assert_eq!(total(&d.stats(), "photo_puts"), 0);
}

#[test]
fn one_refused_photo_fails_alone() {
    // Google refusing one upload (too large here) fails that user; the rest are set.
    let d = Domain::new("one-bad", json!({}));
    d.staff("o", 3, "/");
    d.photos_for(&Domain::usernames("o", 3), 11);
    // A noisy source at a budget that lets it through: larger than the fake will take.
    let noisy = encode_jpeg(&noise_image(1200, 1200, 5), 100);
    std::fs::write(d.photos.join("o2.jpg"), noisy).unwrap();
    let out = d.set(&["--size", "1024", "--max-bytes", "2000000", "--quality", "100"]);
    let items = json_lines(&out);
    let sizes: Vec<u64> = items.iter().filter_map(|i| i["bytes"].as_u64()).collect();
    let limit = sizes.iter().copied().min().unwrap() + 1;
    d.set_config(json!({"max_photo_bytes": limit}));
    let out = d.set(&[
        "--size",
        "1024",
        "--max-bytes",
        "2000000",
        "--quality",
        "100",
        "--force",
    ]);
    let items = json_lines(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let failed = with_status(&items, "failed");
    assert!(!failed.is_empty());
    assert!(failed.iter().all(|f| f["error"]["kind"] == "too-large"), "{failed:?}");
    assert!(!with_status(&items, "written").is_empty());
}

#[test]
fn the_jobs_behind_set_google_photo_bulk_take_a_google_domain() {
    use adphoto::jobs::{Job, JobRequest, Next};
    let d = Domain::new("jobs", json!({}));
    d.staff("j", 2, "/Staff");
    d.photos_for(&Domain::usernames("j", 2), 12);
    let events = |request: Value| -> Vec<Value> {
        let request: JobRequest = serde_json::from_value(request).unwrap();
        let job = Job::start(request).unwrap();
        let mut out = Vec::new();
        loop {
            match job.next(std::time::Duration::from_secs(30)) {
                Next::Event(bytes) => out.push(serde_json::from_slice(&bytes).unwrap()),
                Next::Pending => {}
                Next::Done => return out,
            }
        }
    };
    // What the cmdlet sends: the key file by path (never the key), rows as pairs.
    let google = json!({
        "type": "google", "key_file": d.key_file, "subject": ADMIN, "api_url": d.server.url(),
        "org_unit": "/Staff", "state_dir": d.dir.join("state"),
    });
    let pairs: Vec<Value> = (1..=2)
        .map(|i| json!({"identity": format!(" j{i}@example.com "), "path": d.photos.join(format!("j{i}.jpg"))}))
        .collect();
    let set = events(json!({"task": "set", "users": google, "pairs": pairs, "run_folder": d.dir.join("run")}));
    let applied: Vec<&Value> = set
        .iter()
        .filter(|e| e["event"] == "item" && e["phase"] == "apply")
        .collect();
    assert_eq!(applied.len(), 2, "{set:?}");
    assert!(applied.iter().all(|e| e["status"] == "written"));
    assert_eq!(set.last().unwrap()["status"], "ok");
    assert!(d.stored("j2@example.com").0.is_some());

    let mut directory = google.clone();
    directory.as_object_mut().unwrap().remove("org_unit");
    let report = events(json!({"task": "report", "directory": directory}));
    let rows: Vec<&Value> = report.iter().filter(|e| e["event"] == "row").collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["has_photo"] == true));
    let restore = events(json!({"task": "restore", "directory": directory, "backup_dir": d.dir.join("run")}));
    assert_eq!(
        restore.iter().filter(|e| e["status"] == "done").count(),
        2,
        "{restore:?}"
    );
    assert!(
        d.stored("j1@example.com").0.is_none(),
        "they had no photo before the run"
    );

    // A key given inline, or any unknown field, is refused before anything runs.
    let mut inline = google.clone();
    inline["private_key"] = json!("-----BEGIN PRIVATE KEY-----");
    assert!(
        serde_json::from_value::<JobRequest>(json!({"task": "set", "users": inline, "photos": [d.photos]})).is_err()
    );
}

#[test]
fn an_unreachable_token_endpoint_says_what_it_waits_for_before_retrying() {
    let d = Domain::new("token-down", json!({}));
    // A port nothing listens on: the sign-in cannot reach the token endpoint.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mut key: Value = serde_json::from_slice(&std::fs::read(&d.key_file).unwrap()).unwrap();
    key["token_uri"] = json!(format!("http://127.0.0.1:{port}/token"));
    std::fs::write(&d.key_file, serde_json::to_vec(&key).unwrap()).unwrap();
    let mut child = d
        .command(&["report"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The first retry is announced before its wait, not after a minute of silence.
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stderr.take().unwrap()), &mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    for words in [
        "note: signing in: the token endpoint could not be reached",
        &format!("127.0.0.1:{port}/token"),
        "trying again in",
        "try 2 of",
    ] {
        assert!(first.contains(words), "{words:?} in {first:?}");
    }
    assert!(!first.contains("PRIVATE KEY"), "{first}");
}

#[test]
fn the_undo_hint_of_a_google_run_is_a_command_that_undoes_it() {
    let d = Domain::new("undo", json!({}));
    let old = encode_jpeg(&noise_image(200, 200, 43), 90);
    let std64 = base64::engine::general_purpose::STANDARD.encode(&old);
    d.seed(json!([{"primaryEmail": "had@example.com", "photo": std64}]));
    d.photos_for(&["had".to_string()], 8);
    let photos = d.photos.to_str().unwrap().to_string();
    let out = d.run(&["set", "--pattern", "{username}", "--photos", &photos]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(d.stored("had@example.com").0.unwrap(), old);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let hint = text
        .lines()
        .find_map(|l| l.strip_prefix("Undo: "))
        .unwrap_or_else(|| panic!("no undo hint in {text}"))
        .trim_end_matches(" (with the same sign-in options)");
    let mut words: Vec<String> = Vec::new();
    for (i, part) in hint.split('"').enumerate() {
        if i % 2 == 1 {
            words.push(part.to_string());
        } else {
            words.extend(part.split_whitespace().map(str::to_string));
        }
    }
    assert_eq!(
        words[..4],
        ["adphoto", "restore", "--to", "google:"],
        "the Google restore, not the Active Directory one: {words:?}"
    );
    // The hint as printed, with the run's sign-in options (and no `google` group).
    let undo = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(&words[1..])
        .arg("--key-file")
        .arg(&d.key_file)
        .args(["--subject", ADMIN, "--api-url", &d.server.url()])
        .env("XDG_DATA_HOME", d.dir.join("data"))
        .env_remove("GOOGLE_APPLICATION_CREDENTIALS")
        .output()
        .unwrap();
    assert_eq!(undo.status.code(), Some(0), "{text}{}", stderr(&undo));
    assert_eq!(
        d.stored("had@example.com").0.unwrap(),
        old,
        "the hint put the original back"
    );
}
