//! Test plumbing: a blocking HTTP client that never treats a status as an error, and
//! helpers that play ADPhoto's side of each token flow.
#![allow(dead_code)]

use std::sync::OnceLock;
use std::time::Duration;

use adphoto_fakes::common::{jwt, keys};
use rsa::RsaPrivateKey;
use serde_json::{json, Value};

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("status {} body is not JSON ({e}): {}", self.status, self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // A fresh connection per request: concurrency tests need real parallel sockets.
            .max_idle_connections(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build();
        ureq::Agent::new_with_config(config)
    })
}

/// Send any request; `body` None sends no body at all.
pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Result<Resp, ureq::Error> {
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let resp = match body {
        Some(b) => agent().run(builder.body(b.to_vec()).expect("request")),
        None => agent().run(builder.body(()).expect("request")),
    }?;
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = resp.into_body().with_config().limit(64 * 1024 * 1024).read_to_vec()?;
    Ok(Resp { status, headers, body })
}

pub fn get(url: &str, token: Option<&str>) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
    send("GET", url, &headers, None).expect("GET")
}

pub fn json_call(method: &str, url: &str, token: Option<&str>, body: &Value) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers: Vec<(&str, &str)> = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    send(method, url, &headers, Some(&serde_json::to_vec(body).unwrap())).expect("JSON call")
}

pub fn form(url: &str, pairs: &[(&str, &str)]) -> Resp {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    send(
        "POST",
        url,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(body.as_bytes()),
    )
    .expect("form POST")
}

/// Keys are slow to make; every test in a binary shares these two.
pub fn key_a() -> &'static RsaPrivateKey {
    static K: OnceLock<RsaPrivateKey> = OnceLock::new();
    K.get_or_init(|| keys::generate_rsa_key(2048).unwrap())
}

pub fn key_b() -> &'static RsaPrivateKey {
    static K: OnceLock<RsaPrivateKey> = OnceLock::new();
    K.get_or_init(|| keys::generate_rsa_key(2048).unwrap())
}

pub fn now() -> i64 {
    adphoto_fakes::common::clock::unix_now()
}

pub fn jpeg(width: u16, height: u16, filler: usize) -> Vec<u8> {
    adphoto_fakes::common::image::synthetic_jpeg(width, height, filler)
}

pub fn b64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

pub fn sign(claims: &Value, header: &Value, key: &RsaPrivateKey) -> String {
    jwt::sign_rs256(claims, header, key)
}

/// A Graph client assertion as MSAL builds one.
pub fn graph_assertion(client_id: &str, aud: &str, key: &RsaPrivateKey, header: &Value) -> String {
    let n = now();
    sign(
        &json!({"aud": aud, "iss": client_id, "sub": client_id, "jti": format!("jti-{n}-{}", rand_suffix()),
                "nbf": n, "iat": n, "exp": n + 600}),
        header,
        key,
    )
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
