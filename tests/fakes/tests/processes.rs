//! The binaries as a test harness uses them: flags, the LISTENING line, and exiting
//! when the harness goes away (its end of stdin closes).

mod support;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::*;

struct Fake {
    child: Child,
    url: String,
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn launch(exe: &str, args: &[&str]) -> Fake {
    let mut child = Command::new(exe)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn fake");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("LISTENING ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    Fake { child, url }
}

/// Close our end of stdin and wait for the fake to notice.
fn exits_when_stdin_closes(mut fake: Fake) {
    drop(fake.child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = fake.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            return;
        }
        assert!(Instant::now() < deadline, "fake still running after stdin closed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn graph_fake_binary_with_flags() {
    let fake = launch(
        env!("CARGO_BIN_EXE_graph-fake"),
        &[
            "--client-id",
            "app-1",
            "--client-secret",
            "s3cret",
            "--token-lifetime-secs",
            "42",
            "--fault",
            "throttle:2:users:7",
        ],
    );
    let r = form(
        &format!("{}/t/oauth2/v2.0/token", fake.url),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "app-1"),
            ("client_secret", "s3cret"),
            ("scope", "https://graph.microsoft.com/.default"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["expires_in"], 42);
    let token = r.json()["access_token"].as_str().unwrap().to_string();
    let users = format!("{}/v1.0/users", fake.url);
    assert_eq!(get(&users, Some(&token)).status, 200);
    let throttled = get(&users, Some(&token));
    assert_eq!(throttled.status, 429);
    assert_eq!(throttled.header("retry-after"), Some("7"));
    exits_when_stdin_closes(fake);
}

#[test]
fn google_fake_binary_writes_a_usable_service_account() {
    let dir = std::env::temp_dir().join(format!("adphoto-fakes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_path = dir.join("sa.json");
    let users_path = dir.join("users.json");
    std::fs::write(
        &users_path,
        json!([{"primaryEmail": "ann@school.org", "orgUnitPath": "/Staff"}]).to_string(),
    )
    .unwrap();
    let fake = launch(
        env!("CARGO_BIN_EXE_google-fake"),
        &[
            "--write-service-account",
            key_path.to_str().unwrap(),
            "--users",
            users_path.to_str().unwrap(),
            "--admin",
            "boss@school.org",
        ],
    );
    let key_file: Value = serde_json::from_str(&std::fs::read_to_string(&key_path).unwrap()).unwrap();
    assert_eq!(key_file["token_uri"], format!("{}/token", fake.url));
    let key = adphoto_fakes::common::keys::parse_private_key(key_file["private_key"].as_str().unwrap()).unwrap();
    let n = now();
    let assertion = sign(
        &json!({"iss": key_file["client_email"], "sub": "boss@school.org",
                "scope": "https://www.googleapis.com/auth/admin.directory.user",
                "aud": key_file["token_uri"], "iat": n, "exp": n + 3600}),
        &json!({"kid": key_file["private_key_id"]}),
        &key,
    );
    let r = form(
        key_file["token_uri"].as_str().unwrap(),
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", &assertion),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let token = r.json()["access_token"].as_str().unwrap().to_string();
    let list = get(
        &format!(
            "{}/admin/directory/v1/users?customer=my_customer&query=orgUnitPath%3D%27%2FStaff%27",
            fake.url
        ),
        Some(&token),
    );
    assert_eq!(list.json()["users"][0]["primaryEmail"], "ann@school.org");
    exits_when_stdin_closes(fake);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_flags_fail_fast() {
    let out = Command::new(env!("CARGO_BIN_EXE_graph-fake"))
        .args(["--fault", "explode:1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_google-fake"))
        .args(["--fault", "userRateLimitExceeded:1:nowhere"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
}
