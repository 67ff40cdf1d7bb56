//! An LDAP server that accepts connections and never answers (a hung DC, a firewall
//! that drops after the handshake): the wait ends on its own, and `--timeout` bounds it.

use adphoto_testkit::silent_server;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// `adphoto get` from the silent server, and how long it took.
fn get(port: u16, extra: &[&str]) -> (Output, Duration) {
    let out = std::env::temp_dir().join(format!("adphoto-unanswered-{}-{port}.jpg", std::process::id()));
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args([
            "get",
            "--server",
            &format!("ldaps://127.0.0.1:{port}"),
            "--bind",
            "cn=admin",
        ])
        .args(extra)
        .arg("--out")
        .arg(&out)
        .arg("jsmith")
        .env("ADPHOTO_PASSWORD", "not-used")
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(!out.exists(), "nothing is written");
    (output, took)
}

fn assert_reported_as_unanswered(output: &Output) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("did not answer in time"), "{err}");
}

#[test]
fn a_short_timeout_bounds_the_wait_for_the_connection() {
    let (output, took) = get(silent_server(), &["--timeout", "2"]);
    assert_reported_as_unanswered(&output);
    // Connecting alone used to wait 10 s whatever --timeout said.
    assert!(took >= Duration::from_secs(2), "{took:?}");
    assert!(took < Duration::from_secs(8), "{took:?}");
}

#[test]
fn without_a_timeout_an_unanswered_connection_ends_after_ten_seconds_not_a_minute() {
    let (output, took) = get(silent_server(), &[]);
    assert_reported_as_unanswered(&output);
    assert!(took >= Duration::from_secs(10), "{took:?}");
    // The default timeout for answers is 60 s; connecting has its own 10 s.
    assert!(took < Duration::from_secs(40), "{took:?}");
}
