//! Microsoft 365 through Microsoft Graph, against the local Graph fake
//! (`adphoto_fakes::graph`): a full run and an unchanged second run, Graph's
//! throttling obeyed as one application, token renewal, every error path, backups
//! and restore, certificates (PEM and PFX), jobs through the C ABI's engine, cancel.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use adphoto::jobs::{Job, JobRequest, Next};
use adphoto_app::{apply_set, open, plan_set, DirectorySpec, Event, MatchRequest, SetRequest};
use adphoto_core::cancel::Cancel;
use adphoto_core::error::ErrorKind;
use adphoto_core::plan::{ApplyStatus, Totals};
use adphoto_core::secret::Secret;
use adphoto_fakes::graph::config::{GraphConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use adphoto_fakes::graph::{self, GraphServer};
use adphoto_graph::GraphOptions;
use base64::Engine;
use serde_json::{json, Value};

use common::*;

const SECRET_VAR: &str = "ADPHOTO_TEST_GRAPH_SECRET";

struct Tenant {
    server: GraphServer,
    dir: PathBuf,
    photos: PathBuf,
}

impl Tenant {
    fn new(name: &str, config: Value) -> Tenant {
        common::own_data_folder();
        let config = adphoto_fakes::common::patch::merge(&GraphConfig::default(), &config).unwrap();
        let server = graph::spawn(config, 0).unwrap();
        let dir = scratch(&format!("graph-{name}"));
        let photos = dir.join("photos");
        std::fs::create_dir_all(&photos).unwrap();
        Tenant { server, dir, photos }
    }

    /// `n` users `{prefix}{i}@contoso.com` with employee ids `{prefix}-{i}`; returns
    /// their object ids.
    fn staff(&self, prefix: &str, n: usize) -> Vec<String> {
        let users: Vec<Value> = (1..=n)
            .map(|i| {
                json!({"userPrincipalName": format!("{prefix}{i}@contoso.com"),
                       "mail": format!("{prefix}.{i}@contoso.com"), "givenName": prefix,
                       "surname": format!("N{i}"), "employeeId": format!("{prefix}-{i}")})
            })
            .collect();
        graph::seed(&self.server.state, Value::Array(users)).unwrap()
    }

    /// A distinct portrait `{prefix}-{i}.jpg` (named after the employee id) for users
    /// 1..=n.
    fn photos_for(&self, prefix: &str, n: usize, seed: u64) {
        for i in 1..=n {
            let img = noise_image(700, 760, seed * 1000 + i as u64);
            std::fs::write(self.photos.join(format!("{prefix}-{i}.jpg")), encode_jpeg(&img, 85)).unwrap();
        }
    }

    fn url(&self) -> String {
        self.server.url()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.arg("graph")
            .args(args)
            .args(["--tenant", "contoso.onmicrosoft.com", "--client-id", DEFAULT_CLIENT_ID])
            .args(["--login-url", &self.url(), "--graph-url", &self.url()])
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env_remove("ADPHOTO_CLIENT_SECRET");
        c
    }

    /// A command signing in with the client secret from an environment variable.
    fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .args(["--client-secret-env", SECRET_VAR])
            .env(SECRET_VAR, DEFAULT_CLIENT_SECRET)
            .output()
            .expect("run adphoto")
    }

    fn set(&self, extra: &[&str]) -> Output {
        let photos = self.photos.to_str().unwrap();
        self.run(
            &[
                &["set", "--json", "--pattern", "{employeeID}", "--photos", photos][..],
                extra,
            ]
            .concat(),
        )
    }

    fn stats(&self) -> Value {
        let g = self.server.state.lock();
        let mut v = adphoto_fakes::common::stats::with_retries(&g.stats, &g.retry);
        if let (Some(o), Value::Object(r)) = (v.as_object_mut(), self.server.state.concurrency.report()) {
            o.extend(r);
        }
        v
    }

    fn puts(&self) -> u64 {
        let s = self.stats();
        s["photo_puts"]
            .as_object()
            .map(|m| m.values().filter_map(Value::as_u64).sum())
            .unwrap_or(0)
    }

    fn stored(&self, upn: &str) -> Option<Vec<u8>> {
        let g = self.server.state.lock();
        let idx = g.users.find(upn)?;
        g.users.get(idx).photo.as_ref().map(|p| p.bytes.to_vec())
    }

    fn configure(&self, patch: Value) {
        let mut g = self.server.state.lock();
        let config = adphoto_fakes::common::patch::merge(&g.config, &patch).unwrap();
        g.apply_config(config).unwrap();
    }

    fn options(&self) -> GraphOptions {
        let mut o = GraphOptions::new("contoso.onmicrosoft.com", DEFAULT_CLIENT_ID);
        o.client_secret = Some(Secret::new(DEFAULT_CLIENT_SECRET));
        o.login_url = Some(self.url());
        o.graph_url = Some(self.url());
        o
    }
}

fn count(items: &[Value], field: &str, value: &str) -> usize {
    items.iter().filter(|i| i[field] == value).count()
}

#[test]
fn a_full_run_uploads_hd_photos_and_a_second_run_uploads_nothing() {
    let t = Tenant::new("full", json!({}));
    t.staff("u", 30);
    t.photos_for("u", 25, 1);
    let out = t.set(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items = json_lines(&out);
    assert_eq!(count(&items, "status", "written"), 25, "{items:?}");
    assert_eq!(
        count(&items, "action", "no-photo"),
        5,
        "users without a file are reported"
    );
    assert_eq!(t.puts(), 25);
    let stored = t.stored("u7@contoso.com").expect("photo stored");
    assert_eq!(decode(&stored).dimensions(), (648, 648), "the hd preset");
    let s = t.stats();
    assert!(
        s["requests"]["POST /v1.0/$batch"].as_u64().unwrap() >= 2,
        "photos read in batches: {s}"
    );
    assert_eq!(
        s["requests"]["GET /v1.0/users/{id}/photo/$value"],
        Value::Null,
        "no photo read one by one"
    );
    assert!(s["max_concurrent_by_client"][DEFAULT_CLIENT_ID].as_u64().unwrap() <= 4);
    assert_eq!(s["concurrency_rejections"], 0);
    assert_eq!(s["throttled_429"], 0);

    let again = t.set(&[]);
    let items = json_lines(&again);
    assert_eq!(count(&items, "action", "skip-unchanged"), 25, "{}", stderr(&again));
    assert_eq!(count(&items, "action", "write"), 0);
    assert_eq!(t.puts(), 25, "the second run uploads nothing");

    let report = t.run(&["report", "--json"]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let rows = json_lines(&report);
    assert_eq!(rows.len(), 30);
    assert_eq!(rows.iter().filter(|r| r["has_photo"] == true).count(), 25);
    assert!(rows.iter().any(|r| r["width"] == 648));

    let got = t.dir.join("got.jpg");
    let get = t.run(&["get", "u.3@contoso.com", "--out", got.to_str().unwrap()]);
    assert_eq!(get.status.code(), Some(0), "a user found by mail: {}", stderr(&get));
    assert_eq!(std::fs::read(&got).unwrap(), t.stored("u3@contoso.com").unwrap());
    let none = t.run(&["get", "u30@contoso.com", "--out", got.to_str().unwrap()]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("[no-photo]"),
        "404 ImageNotFound is 'no photo': {}",
        stderr(&none)
    );
    let nobody = t.run(&["get", "ghost@contoso.com", "--out", got.to_str().unwrap()]);
    assert!(stderr(&nobody).contains("[not-found]"), "{}", stderr(&nobody));
}

#[test]
fn throttling_is_obeyed_by_every_worker() {
    // Every 6th photo upload and every 7th batch or photo read are refused with Retry-After: 1. The
    // fake forgives only requests that were already on the wire when it answered 429
    // (50 ms): anything later that ignores Retry-After is a violation.
    let t = Tenant::new(
        "throttle",
        json!({"faults": [{"kind": "throttle", "every": 6, "scope": "photo_write", "retry_after_secs": 1},
                          {"kind": "throttle", "every": 7, "scope": "batch+photo_read", "retry_after_secs": 1}],
               "retry_after_reaction_ms": 50, "latency_ms": 5}),
    );
    t.staff("t", 24);
    t.photos_for("t", 24, 2);
    let out = t.set(&[]);
    let failed: Vec<Value> = json_lines(&out)
        .into_iter()
        .filter(|i| i["status"] == "failed")
        .collect();
    assert_eq!(out.status.code(), Some(0), "{} {failed:?}", stderr(&out));
    assert_eq!(count(&json_lines(&out), "status", "written"), 24);
    assert_eq!(t.puts(), 24);
    let s = t.stats();
    assert!(s["throttled_429"].as_u64().unwrap() >= 4, "{s}");
    assert_eq!(s["retry_after_violations"], 0, "{}", s["retry_after_violation_log"]);
    // No request for a throttled resource was sent before its Retry-After had passed.
    // Gaps of a few milliseconds are requests already on the wire when Graph answered
    // 429 (and the rest of a $batch, which Graph runs after the throttled item).
    for gap in s["retry_gaps"].as_array().unwrap() {
        let ms = gap["gap_ms"].as_u64().unwrap();
        if gap["after_status"] == 429 {
            assert!(ms <= 50 || ms >= 950, "retried too early: {gap}");
        }
    }
    assert!(s["retry_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["gap_ms"].as_u64().unwrap() >= 950));
    assert!(s["max_concurrent_by_client"][DEFAULT_CLIENT_ID].as_u64().unwrap() <= 4);
}

#[test]
fn unavailable_and_dropped_connections_are_retried() {
    let t = Tenant::new(
        "flaky",
        json!({"faults": [{"kind": "unavailable", "every": 4, "scope": "photo_write"},
                          {"kind": "drop", "every": 5, "scope": "photo_write"},
                          {"kind": "unavailable", "every": 2, "scope": "users", "retry_after_secs": 1, "times": 1}]}),
    );
    t.staff("f", 16);
    t.photos_for("f", 16, 3);
    let out = t.set(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(t.puts(), 16);
    let s = t.stats();
    assert!(s["unavailable_503"].as_u64().unwrap() >= 3, "{s}");
    assert!(s["dropped_connections"].as_u64().unwrap() >= 2, "{s}");
    assert_eq!(s["retry_after_violations"], 0);
}

#[test]
fn an_expired_token_is_renewed_once() {
    let t = Tenant::new("token", json!({}));
    t.staff("k", 6);
    t.photos_for("k", 6, 4);
    // The token adphoto gets is refused the first time it is used.
    t.configure(json!({"expire_next_token_uses": 1}));
    let out = t.set(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(t.puts(), 6);
    let s = t.stats();
    assert_eq!(s["forced_expiries"], 1);
    assert_eq!(s["tokens_issued"], 2, "one sign-in, one renewal: {s}");

    // A token refused again right after renewal is an error, not a loop.
    t.configure(json!({"expire_next_token_uses": 10}));
    let out = t.run(&["report"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("InvalidAuthenticationToken"), "{}", stderr(&out));
    assert!(t.stats()["tokens_issued"].as_u64().unwrap() <= 4);
}

#[test]
fn refusals_are_reported_per_user_with_graphs_code() {
    let t = Tenant::new(
        "denied",
        json!({"faults": [{"kind": "forbidden", "every": 3, "scope": "photo_write"}]}),
    );
    t.staff("d", 9);
    t.photos_for("d", 9, 5);
    let out = t.set(&[]);
    assert_eq!(out.status.code(), Some(1));
    let items = json_lines(&out);
    let failed: Vec<&Value> = items.iter().filter(|i| i["status"] == "failed").collect();
    assert_eq!(failed.len(), 3, "{items:?}");
    for f in &failed {
        assert_eq!(f["error"]["kind"], "access-denied");
        let message = f["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("HTTP 403 Authorization_RequestDenied: Insufficient privileges"),
            "{message}"
        );
    }
    assert_eq!(count(&items, "status", "written"), 6, "the batch goes on");

    // 413: Graph refuses the photo as too large.
    let t = Tenant::new("large", json!({"max_photo_bytes": 2000}));
    t.staff("l", 2);
    t.photos_for("l", 2, 6);
    let items = json_lines(&t.set(&[]));
    assert_eq!(count(&items, "status", "failed"), 2);
    assert!(items
        .iter()
        .filter(|i| i["status"] == "failed")
        .all(|i| i["error"]["kind"] == "too-large"
            && i["error"]["message"]
                .as_str()
                .unwrap()
                .contains("RequestEntityTooLarge")));

    // 403 on reading current photos: the user is not written blind (no backup possible).
    let t = Tenant::new(
        "noread",
        json!({"faults": [{"kind": "forbidden", "every": 1, "scope": "photo_read"}]}),
    );
    t.staff("r", 2);
    t.photos_for("r", 2, 7);
    let items = json_lines(&t.set(&[]));
    assert_eq!(t.puts(), 0);
    assert!(items
        .iter()
        .filter(|i| i["status"] == "failed")
        .all(|i| i["error"]["message"]
            .as_str()
            .unwrap()
            .contains("could not be read to back it up")));
}

#[test]
fn bad_credentials_and_endpoints_are_clear_errors_without_secrets() {
    let t = Tenant::new("creds", json!({}));
    t.staff("c", 1);
    let out = t
        .command(&["report"])
        .args(["--client-secret-env", SECRET_VAR])
        .env(SECRET_VAR, "Sup3r-S3cret-Value~x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("invalid_client") && err.contains("AADSTS7000215"), "{err}");
    assert!(
        !err.contains("Sup3r-S3cret-Value"),
        "the secret must never be shown: {err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Sup3r-S3cret-Value"));

    let none = t.command(&["report"]).output().unwrap();
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("never taken from the command line"),
        "{}",
        stderr(&none)
    );
    let no_flag = t.command(&["report", "--client-secret", "x"]).output().unwrap();
    assert_eq!(no_flag.status.code(), Some(2), "there is no --client-secret argument");

    let plain = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args([
            "graph",
            "report",
            "--tenant",
            "t",
            "--client-id",
            "c",
            "--client-secret-env",
            SECRET_VAR,
        ])
        .args([
            "--graph-url",
            "http://graph.example.com",
            "--login-url",
            "http://login.example.com",
        ])
        .env(SECRET_VAR, "x")
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(2));
    assert!(stderr(&plain).contains("not encrypted"), "{}", stderr(&plain));

    // The token endpoint refusing the app (403) and dropping connections.
    t.configure(json!({"faults": [{"kind": "forbidden", "every": 1, "scope": "token"}]}));
    let out = t.run(&["report"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unauthorized_client"), "{}", stderr(&out));
    t.configure(json!({"faults": [{"kind": "drop", "every": 2, "scope": "token"}]}));
    let out = t.run(&["report", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a dropped token request is retried: {}",
        stderr(&out)
    );
}

#[test]
fn certificates_sign_in_as_pem_and_pfx() {
    let t = Tenant::new("cert", json!({}));
    t.staff("p", 2);
    let key = adphoto_fakes::common::keys::generate_rsa_key(2048).unwrap();
    let cert_pem = adphoto_fakes::common::keys::self_signed_certificate(&key, "adphoto").unwrap();
    let key_pem = adphoto_fakes::common::keys::private_key_pem(&key);
    t.configure(json!({"apps": [{"client_id": DEFAULT_CLIENT_ID, "certificate_pem": cert_pem}]}));
    let cert = json!({"certificate_pem": cert_pem, "private_key_pem": key_pem});
    // A report signed in with the certificate options given (no client secret).
    let report_with = |args: &[&str]| t.command(&[&["report"][..], args].concat()).output().unwrap();
    let pem = t.dir.join("app.pem");
    let both = format!(
        "{}{}",
        cert["certificate_pem"].as_str().unwrap(),
        cert["private_key_pem"].as_str().unwrap()
    );
    std::fs::write(&pem, &both).unwrap();
    let out = report_with(&["--json", "--certificate", pem.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "PEM certificate: {}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 2);

    // A separate key file, and a PFX as Windows exports it (when openssl is here).
    let cert_only = t.dir.join("cert.pem");
    let key_only = t.dir.join("key.pem");
    std::fs::write(&cert_only, cert["certificate_pem"].as_str().unwrap()).unwrap();
    std::fs::write(&key_only, cert["private_key_pem"].as_str().unwrap()).unwrap();
    let out = report_with(&[
        "--certificate",
        cert_only.to_str().unwrap(),
        "--certificate-key",
        key_only.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "separate key: {}", stderr(&out));
    let pfx = t.dir.join("app.pfx");
    let made = Command::new("openssl")
        .args([
            "pkcs12",
            "-export",
            "-inkey",
            key_only.to_str().unwrap(),
            "-in",
            cert_only.to_str().unwrap(),
        ])
        .args(["-out", pfx.to_str().unwrap(), "-passout", "pass:pfx-pw"])
        .output();
    if made.is_ok_and(|o| o.status.success()) {
        let pw = t.dir.join("pfx-password");
        let with_pfx = || {
            report_with(&[
                "--certificate",
                pfx.to_str().unwrap(),
                "--certificate-password-file",
                pw.to_str().unwrap(),
            ])
        };
        std::fs::write(&pw, "pfx-pw\n").unwrap();
        let out = with_pfx();
        assert_eq!(out.status.code(), Some(0), "PFX: {}", stderr(&out));
        std::fs::write(&pw, "wrong\n").unwrap();
        let out = with_pfx();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("wrong PFX password"), "{}", stderr(&out));
    }
    // Another app's certificate is refused by Entra with its AADSTS code.
    let other = t.dir.join("other.pem");
    let key = adphoto_fakes::common::keys::generate_rsa_key(2048).unwrap();
    let self_signed = adphoto_fakes::common::keys::self_signed_certificate(&key, "stranger").unwrap();
    std::fs::write(
        &other,
        format!("{self_signed}{}", adphoto_fakes::common::keys::private_key_pem(&key)),
    )
    .unwrap();
    let out = report_with(&["--certificate", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
}

#[test]
fn replaced_photos_are_backed_up_and_restored_by_object_id() {
    let t = Tenant::new("backup", json!({}));
    let old = encode_jpeg(&noise_image(200, 200, 99), 80);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&old);
    let ids = graph::seed(
        &t.server.state,
        json!([{"userPrincipalName": "b1@contoso.com", "employeeId": "b-1", "photo": b64},
               {"userPrincipalName": "b2@contoso.com", "employeeId": "b-2"}]),
    )
    .unwrap();
    t.photos_for("b", 2, 8);
    let backups = t.dir.join("run");
    let out = t.set(&["--backup-dir", backups.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(t.stored("b1@contoso.com").unwrap(), old);
    let manifest = std::fs::read_to_string(backups.join("manifest.jsonl")).unwrap();
    assert!(
        manifest.contains(&ids[0]) && manifest.contains(&ids[1]),
        "keyed by object id: {manifest}"
    );

    let what_if = t.run(&[
        "restore",
        "--backup-dir",
        backups.to_str().unwrap(),
        "--what-if",
        "--json",
    ]);
    assert_eq!(
        count(&json_lines(&what_if), "status", "would-do"),
        2,
        "{}",
        stderr(&what_if)
    );
    let out = t.run(&["restore", "--backup-dir", backups.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(t.stored("b1@contoso.com").unwrap(), old, "the original is back");
    assert_eq!(t.stored("b2@contoso.com"), None, "a photo the run added is removed");

    // remove backs up first; restore puts it back.
    t.set(&[]);
    let removed = t.dir.join("removed");
    let out = t.run(&[
        "remove",
        "b1@contoso.com",
        "b-2",
        "--backup-dir",
        removed.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(count(&json_lines(&out), "status", "done"), 2, "{}", stderr(&out));
    assert_eq!(t.stored("b1@contoso.com"), None);
    let out = t.run(&["restore", "--backup-dir", removed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(t.stored("b1@contoso.com").is_some() && t.stored("b2@contoso.com").is_some());
}

fn request(photos: &Path, folder: &Path) -> SetRequest {
    SetRequest {
        matching: MatchRequest {
            photos: vec![photos.to_path_buf()],
            patterns: vec!["{employeeID}".into()],
            ..Default::default()
        },
        no_cache: true,
        run_folder: Some(folder.to_path_buf()),
        ..Default::default()
    }
}

#[test]
fn cancel_stops_uploads_not_yet_sent_and_a_resume_finishes() {
    let t = Tenant::new("cancel", json!({"latency_ms": 40}));
    t.staff("z", 30);
    t.photos_for("z", 30, 9);
    let folder = t.dir.join("run");
    let cancel = Cancel::default();
    let mut dir = open(DirectorySpec::Graph(t.options()), &cancel).unwrap();
    let request = request(&t.photos, &folder);
    let mut planned = plan_set(dir.as_mut(), &request, &cancel, &mut |_: Event<'_>| {}).unwrap();
    apply_set(dir.as_mut(), &mut planned, None, &request, &cancel, &mut |e: Event<
        '_,
    >| {
        if let Event::Applied { .. } = e {
            cancel.cancel()
        }
    })
    .unwrap();
    let totals = Totals::of(&planned.items);
    assert!(totals.written >= 1 && totals.written <= 8, "{totals:?}");
    assert_eq!(totals.written + totals.cancelled, 30);
    assert_eq!(
        t.puts() as usize,
        totals.written,
        "what was reported written is exactly what was sent"
    );
    assert!(planned
        .items
        .iter()
        .filter(|i| i.status == Some(ApplyStatus::Cancelled))
        .all(|i| i.error.as_ref().is_some_and(|e| e.kind() == ErrorKind::Cancelled)));

    let fresh = Cancel::default();
    let mut dir = open(DirectorySpec::Graph(t.options()), &fresh).unwrap();
    let mut request = request;
    request.resume = true;
    let mut planned = plan_set(dir.as_mut(), &request, &fresh, &mut |_: Event<'_>| {}).unwrap();
    apply_set(dir.as_mut(), &mut planned, None, &request, &fresh, &mut |_: Event<
        '_,
    >| {})
    .unwrap();
    assert_eq!(Totals::of(&planned.items).written, 30 - totals.written);
    assert_eq!(t.puts(), 30, "nothing written twice");
}

#[test]
fn jobs_work_on_a_graph_directory() {
    let t = Tenant::new("jobs", json!({}));
    t.staff("j", 3);
    t.photos_for("j", 2, 10);
    let directory = json!({"type": "graph", "tenant": "contoso", "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET, "login_url": t.url(), "graph_url": t.url()});
    let mut users = directory.clone();
    users["type"] = json!("graph");
    let set = json!({"task": "set", "users": users, "photos": [t.photos], "patterns": ["{employeeID}"],
                     "no_cache": true, "run_folder": t.dir.join("job-run")});
    let events = run_job(set);
    let done = events.last().unwrap();
    assert_eq!(done["status"], "ok", "{events:?}");
    assert_eq!(t.puts(), 2);
    let report = run_job(json!({"task": "report", "directory": directory}));
    let rows: Vec<&Value> = report.iter().filter(|e| e["event"] == "row").collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows.iter().filter(|r| r["has_photo"] == true).count(), 2);
    let get = run_job(json!({"task": "get", "directory": directory, "identities": ["j1@contoso.com", "nobody@x"]}));
    let items: Vec<&Value> = get.iter().filter(|e| e["event"] == "item").collect();
    assert!(items[0]["photo"].as_str().is_some_and(|p| !p.is_empty()));
    assert_eq!(items[1]["error"]["kind"], "not-found");
}

fn run_job(request: Value) -> Vec<Value> {
    let request: JobRequest = serde_json::from_value(request).unwrap();
    let job = Job::start(request).unwrap();
    let mut events = Vec::new();
    loop {
        match job.next(Duration::from_secs(30)) {
            Next::Event(bytes) => events.push(serde_json::from_slice(&bytes).unwrap()),
            Next::Pending => continue,
            Next::Done => return events,
        }
    }
}

/// The words of the `Undo:` line a run printed, as a shell would split them.
fn undo_words(out: &Output) -> Vec<String> {
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("Undo: "))
        .unwrap_or_else(|| panic!("no undo hint in {text}"));
    let command = line.trim_end_matches(" (with the same sign-in options)");
    let mut words = Vec::new();
    for (i, part) in command.split('"').enumerate() {
        if i % 2 == 1 {
            words.push(part.to_string());
        } else {
            words.extend(part.split_whitespace().map(str::to_string));
        }
    }
    words
}

#[test]
fn the_undo_hint_of_a_graph_run_is_a_command_that_undoes_it() {
    let t = Tenant::new("undo", json!({}));
    let old = encode_jpeg(&noise_image(200, 200, 98), 80);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&old);
    graph::seed(
        &t.server.state,
        json!([{"userPrincipalName": "u1@contoso.com", "employeeId": "u-1", "photo": b64}]),
    )
    .unwrap();
    t.photos_for("u", 1, 9);
    let photos = t.photos.to_str().unwrap().to_string();
    let out = t.run(&["set", "--pattern", "{employeeID}", "--photos", &photos]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(t.stored("u1@contoso.com").unwrap(), old);
    let words = undo_words(&out);
    assert_eq!(
        words[..4],
        ["adphoto", "restore", "--to", "graph:contoso.onmicrosoft.com"],
        "the Graph restore, not the Active Directory one: {words:?}"
    );
    // The hint as printed, with the sign-in options of the run (and no `graph` group).
    let undo = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(&words[1..])
        .args([
            "--client-id",
            DEFAULT_CLIENT_ID,
            "--login-url",
            &t.url(),
            "--graph-url",
            &t.url(),
        ])
        .args(["--client-secret-env", SECRET_VAR])
        .env(SECRET_VAR, DEFAULT_CLIENT_SECRET)
        .env("XDG_DATA_HOME", t.dir.join("data"))
        .output()
        .unwrap();
    assert_eq!(
        undo.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&undo.stdout),
        stderr(&undo)
    );
    assert_eq!(
        t.stored("u1@contoso.com").unwrap(),
        old,
        "the hint put the original back"
    );
}

#[test]
fn one_pattern_list_serves_active_directory_and_microsoft_365() {
    let t = Tenant::new("patterns", json!({}));
    t.staff("p", 3);
    t.photos_for("p", 3, 10);
    let photos = t.photos.to_str().unwrap().to_string();
    // The list an AD run uses: sAMAccountName first. Microsoft 365 users have no such
    // attribute: that template matches nobody here, the next one pairs every file.
    let out = t.run(&[
        "set",
        "--what-if",
        "--json",
        "--pattern",
        "{sAMAccountName}",
        "--pattern",
        "{employeeID}",
        "--photos",
        &photos,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items = json_lines(&out);
    assert_eq!(count(&items, "action", "write"), 3, "{items:?}");
    assert!(items
        .iter()
        .filter(|i| i["action"] == "write")
        .all(|i| i["by"] == "{employeeID}"));
    let err = stderr(&out);
    assert!(
        err.contains("the pattern {sAMAccountName} matches nothing in")
            && err.to_ascii_lowercase().contains("no user has samaccountname"),
        "{err}"
    );
}
