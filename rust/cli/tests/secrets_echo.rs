//! Secrets given the wrong way round: the password itself where the name of the
//! variable or file that holds it belongs, a key file whose fields are swapped, a
//! password sent through the C ABI with the wrong JSON type. No message may repeat a
//! value that could be the secret.

use adphoto_testkit as common;

use std::process::{Command, Output};
use std::ptr::null_mut;

use adphoto::ffi::*;
use adphoto_status::*;
use common::*;

const SECRET: &str = "Tr0ub4dor-and-3";
const PEM: &str = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----\\n";
const KEY_MATERIAL: &str = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw";

fn adphoto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(args)
        .env_remove("ADPHOTO_PASSWORD")
        .env_remove("ADPHOTO_CLIENT_SECRET")
        .env_remove("GOOGLE_APPLICATION_CREDENTIALS")
        .output()
        .unwrap()
}

fn assert_not_echoed(out: &Output, secret: &str, what: &str) {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.is_empty(), "{what}: some error is reported");
    assert!(!all.contains(secret), "{what}: the secret is echoed: {all}");
    assert_ne!(out.status.code(), Some(0), "{what}");
}

#[test]
fn a_password_given_where_its_variable_or_file_belongs_is_not_echoed() {
    let dir = scratch("secrets-cli");
    let out = dir.join("x.jpg");
    let out = out.to_str().unwrap();
    let ldap = [
        "get",
        "jsmith",
        "--server",
        "ldaps://127.0.0.1:9",
        "--bind",
        "admin",
        "--out",
        out,
    ];
    let graph = [
        "graph",
        "get",
        "a@b.c",
        "--tenant",
        "t.example",
        "--client-id",
        "c",
        "--out",
        out,
    ];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("--password-env", [&ldap[..], &["--password-env", SECRET]].concat()),
        (
            "--password-env (a valid name)",
            [&ldap[..], &["--password-env", "hunter2"]].concat(),
        ),
        ("--password-file", [&ldap[..], &["--password-file", SECRET]].concat()),
        (
            "--client-secret-env",
            [&graph[..], &["--client-secret-env", SECRET]].concat(),
        ),
        (
            "--client-secret-file",
            [&graph[..], &["--client-secret-file", SECRET]].concat(),
        ),
    ];
    for (what, args) in cases {
        let secret = if what.contains("valid name") { "hunter2" } else { SECRET };
        assert_not_echoed(&adphoto(&args), secret, what);
    }
}

/// `user:password@host` is how URLs carry credentials: an LDAP address written that way
/// is refused, and no message repeats what stood before the `@`.
#[test]
fn a_password_written_into_an_address_is_not_echoed() {
    let dir = scratch("secrets-address");
    let out = dir.join("x.jpg");
    let out = out.to_str().unwrap();
    let in_url = format!("ldaps://admin:{SECRET}@127.0.0.1:9");
    let bare = format!("admin:{SECRET}@127.0.0.1");
    let photos = dir.to_str().unwrap();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "get --server URL",
            vec!["get", "jsmith", "--server", &in_url, "--bind", "admin", "--out", out],
        ),
        (
            "get --server bare",
            vec!["get", "jsmith", "--server", &bare, "--bind", "admin", "--out", out],
        ),
        (
            "set --to URL",
            vec!["set", "--to", &in_url, "--photos", photos, "--bind", "admin"],
        ),
        (
            "set --to bare",
            vec!["set", "--to", &bare, "--photos", photos, "--bind", "admin"],
        ),
        (
            "sync --from URL",
            vec!["sync", "--from", &in_url, "--to", "google:", "--bind", "admin"],
        ),
        (
            "sync --to bare",
            vec!["sync", "--from", "google:", "--to", &bare, "--bind", "admin"],
        ),
        (
            "set --users bare",
            vec!["set", "--users", &bare, "--to", "ldif:x.ldif", "--photos", photos],
        ),
        (
            "set into two targets",
            vec![
                "set",
                "--to",
                "ldaps://127.0.0.1:9",
                "--to",
                &in_url,
                "--photos",
                photos,
                "--bind",
                "admin",
            ],
        ),
    ];
    for (what, args) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_adphoto"))
            .args(&args)
            .env("ADPHOTO_PASSWORD", "not-this-one")
            .env_remove("ADPHOTO_CLIENT_SECRET")
            .env_remove("GOOGLE_APPLICATION_CREDENTIALS")
            .output()
            .unwrap();
        assert_not_echoed(&out, SECRET, what);
    }
}

#[test]
fn a_key_file_with_the_key_in_the_wrong_field_is_not_echoed() {
    let dir = scratch("secrets-key");
    for field in ["type", "client_email", "token_uri", "private_key_id"] {
        let mut key = serde_json::json!({
            "type": "service_account",
            "client_email": "sync@p.iam.gserviceaccount.com",
            "private_key": "not a pem",
        });
        key[field] = serde_json::Value::String(PEM.replace("\\n", "\n"));
        let path = dir.join(format!("{field}.json"));
        std::fs::write(&path, key.to_string()).unwrap();
        let out = adphoto(&[
            "google",
            "get",
            "a@b.c",
            "--subject",
            "admin@b.c",
            "--out",
            "x.jpg",
            "--key-file",
            path.to_str().unwrap(),
        ]);
        assert_not_echoed(&out, KEY_MATERIAL, field);
    }
}

fn last_error() -> String {
    let (mut ptr, mut len) = (null_mut(), 0);
    assert_eq!(unsafe { adphoto_last_error(&mut ptr, &mut len) }, ADPHOTO_OK);
    let text = String::from_utf8_lossy(unsafe { std::slice::from_raw_parts(ptr, len) }).into_owned();
    unsafe { adphoto_free(ptr, len) };
    text
}

#[test]
fn the_c_abi_never_echoes_a_secret_sent_with_the_wrong_type() {
    let directories = [
        serde_json::json!({"server": "dc1", "bind": "admin", "password": 31337271828u64}),
        serde_json::json!({"server": "dc1", "bind": "admin", "password": {"value": SECRET}}),
        serde_json::json!({"server": "dc1", "bind": "admin", "insecure": SECRET}),
        serde_json::json!({"server": "dc1", "bind": "admin", "connections": SECRET}),
        serde_json::json!({"type": SECRET, "server": "dc1"}),
        serde_json::json!({"type": "graph", "tenant": "t", "client_id": "c", "client_secret": 31337271828u64}),
        serde_json::json!({"type": "graph", "tenant": "t", "client_id": "c", "cloud": SECRET}),
        serde_json::json!({"type": "google", "key_file": "/k.json", "subject": "a@b.c", "customer": 31337271828u64}),
    ];
    for directory in directories {
        let request = serde_json::json!({"task": "get", "directory": directory, "identities": ["x"]}).to_string();
        let mut job = null_mut();
        let status = unsafe { adphoto_job_start(request.as_ptr(), request.len(), &mut job) };
        assert_ne!(status, ADPHOTO_OK, "{request}");
        let error = last_error();
        assert!(!error.contains(SECRET), "{error}");
        assert!(!error.contains("31337271828"), "{error}");
        assert!(error.contains("directory"), "the message still says where: {error}");
    }
    let task = serde_json::json!({"task": SECRET}).to_string();
    let mut job = null_mut();
    assert_ne!(
        unsafe { adphoto_job_start(task.as_ptr(), task.len(), &mut job) },
        ADPHOTO_OK
    );
    assert!(!last_error().contains(SECRET));
}
