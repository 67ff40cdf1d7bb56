//! The Google Directory fake against the behaviours the brief and Google's docs describe.

mod support;

use adphoto_fakes::common::keys;
use adphoto_fakes::google::config::{GoogleConfig, SCOPE_USER, SCOPE_USER_READONLY};
use adphoto_fakes::google::{self, websafe, GoogleServer};
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const ADMIN: &str = "admin@example.com";

struct Fake {
    server: GoogleServer,
    key_file: Value,
    key: RsaPrivateKey,
}

impl Fake {
    fn url(&self) -> String {
        self.server.url()
    }

    fn api(&self, path: &str) -> String {
        format!("{}/admin/directory/v1/{path}", self.url())
    }

    fn admin(&self, method: &str, path: &str, body: &Value) -> Resp {
        json_call(method, &format!("{}/_admin/{path}", self.url()), None, body)
    }

    fn stats(&self) -> Value {
        get(&format!("{}/_admin/stats", self.url()), None).json()
    }

    fn seed(&self, users: Value) -> Vec<String> {
        let r = self.admin("POST", "users", &users);
        assert_eq!(r.status, 200, "{}", r.text());
        serde_json::from_value(r.json()["ids"].clone()).unwrap()
    }

    /// The assertion ADPhoto would build from the key file.
    fn assertion(&self, claims: Value) -> String {
        let n = now();
        let mut base = json!({
            "iss": self.key_file["client_email"],
            "sub": ADMIN,
            "scope": SCOPE_USER,
            "aud": self.key_file["token_uri"],
            "iat": n,
            "exp": n + 3600,
        });
        for (k, v) in claims.as_object().unwrap() {
            if v.is_null() {
                base.as_object_mut().unwrap().remove(k);
            } else {
                base[k] = v.clone();
            }
        }
        sign(&base, &json!({"kid": self.key_file["private_key_id"]}), &self.key)
    }

    fn token_request(&self, assertion: &str) -> Resp {
        form(
            self.key_file["token_uri"].as_str().unwrap(),
            &[
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", assertion),
            ],
        )
    }

    fn token(&self) -> String {
        self.token_with(json!({}))
    }

    fn token_with(&self, claims: Value) -> String {
        let r = self.token_request(&self.assertion(claims));
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["access_token"].as_str().unwrap().to_string()
    }
}

fn start(patch: Value) -> Fake {
    let config = adphoto_fakes::common::patch::merge(&GoogleConfig::default(), &patch).unwrap();
    let server = google::spawn(config, 0).unwrap();
    // Register a shared key rather than generating one per test: RSA key generation
    // is the slow part. `service_account_key_file_is_complete` covers generation.
    let key = key_a().clone();
    let email = "adphoto-test@fake-project.iam.gserviceaccount.com";
    let r = json_call(
        "POST",
        &format!("{}/_admin/service-accounts", server.url()),
        None,
        &json!({"client_email": email, "private_key_id": "k1", "public_key_pem": keys::public_key_pem(&key.to_public_key())}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let key_file = json!({
        "type": "service_account",
        "client_email": email,
        "private_key_id": "k1",
        "token_uri": format!("{}/token", server.url()),
    });
    Fake { server, key_file, key }
}

fn start_generated() -> Fake {
    let server = google::spawn(GoogleConfig::default(), 0).unwrap();
    let r = json_call(
        "POST",
        &format!("{}/_admin/service-accounts", server.url()),
        None,
        &json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let key_file = r.json();
    let key = keys::parse_private_key(key_file["private_key"].as_str().unwrap()).unwrap();
    Fake { server, key_file, key }
}

fn put_photo(f: &Fake, token: &str, user: &str, body: &Value) -> Resp {
    json_call(
        "PUT",
        &f.api(&format!("users/{user}/photos/thumbnail")),
        Some(token),
        body,
    )
}

fn err_reason(r: &Resp) -> String {
    r.json()["error"]["errors"][0]["reason"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn service_account_key_file_is_complete() {
    let f = start_generated();
    let k = &f.key_file;
    assert_eq!(k["type"], "service_account");
    assert_eq!(k["token_uri"], format!("{}/token", f.url()));
    assert!(k["private_key"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    for field in ["project_id", "private_key_id", "client_email", "client_id"] {
        assert!(k[field].as_str().is_some_and(|v| !v.is_empty()), "{field}");
    }
    // The generated key file is all a client needs.
    f.token();
}

#[test]
fn jwt_bearer_token_flow_and_its_errors() {
    let f = start(json!({"token_lifetime_secs": 1234}));
    let r = f.token_request(&f.assertion(json!({})));
    assert_eq!(r.status, 200, "{}", r.text());
    let b = r.json();
    assert_eq!(b["token_type"], "Bearer");
    assert_eq!(b["expires_in"], 1234);
    assert!(b["access_token"].as_str().unwrap().starts_with("ya29."));

    let expect = |assertion: String, status: u16, error: &str| {
        let r = f.token_request(&assertion);
        assert_eq!(r.status, status, "{}", r.text());
        assert_eq!(r.json()["error"], error, "{}", r.text());
        r.json()["error_description"].as_str().unwrap().to_string()
    };
    let n = now();
    let forged = sign(
        &json!({"iss": f.key_file["client_email"], "sub": ADMIN, "scope": SCOPE_USER, "aud": f.key_file["token_uri"], "iat": n, "exp": n + 600}),
        &json!({}),
        key_b(),
    );
    assert_eq!(expect(forged, 400, "invalid_grant"), "Invalid JWT Signature.");
    let wrong_kid = sign(
        &json!({"iss": f.key_file["client_email"], "sub": ADMIN, "scope": SCOPE_USER, "aud": f.key_file["token_uri"], "iat": n, "exp": n + 600}),
        &json!({"kid": "0000"}),
        &f.key,
    );
    expect(wrong_kid, 400, "invalid_grant");
    expect(
        f.assertion(json!({"sub": "someone@example.com"})),
        401,
        "unauthorized_client",
    );
    expect(f.assertion(json!({"sub": null})), 401, "unauthorized_client");
    expect(
        f.assertion(json!({"scope": "https://www.googleapis.com/auth/drive"})),
        401,
        "unauthorized_client",
    );
    expect(
        f.assertion(json!({"scope": format!("{SCOPE_USER} https://mail.google.com/")})),
        401,
        "unauthorized_client",
    );
    expect(f.assertion(json!({"scope": null})), 400, "invalid_scope");
    let aud = expect(
        f.assertion(json!({"aud": "https://oauth2.googleapis.com/token"})),
        400,
        "invalid_grant",
    );
    assert!(aud.contains("audience"), "{aud}");
    expect(f.assertion(json!({"exp": n + 7200})), 400, "invalid_grant");
    expect(
        f.assertion(json!({"iat": n - 7200, "exp": n - 3600})),
        400,
        "invalid_grant",
    );
    expect(
        f.assertion(json!({"iss": "stranger@x.iam.gserviceaccount.com"})),
        400,
        "invalid_grant",
    );
    let r = form(
        &format!("{}/token", f.url()),
        &[("grant_type", "client_credentials"), ("assertion", "x")],
    );
    assert_eq!(
        (r.status, r.json()["error"].as_str().unwrap()),
        (400, "unsupported_grant_type")
    );
    let st = f.stats();
    assert_eq!(st["tokens_issued"], 1);
    assert_eq!(st["token_errors"], 12);
}

#[test]
fn invalid_and_expired_credentials() {
    let f = start(json!({"token_lifetime_secs": 0}));
    let url = f.api("users?customer=my_customer");
    let none = get(&url, None);
    assert_eq!(none.status, 401);
    assert_eq!(none.json()["error"]["code"], 401);
    assert_eq!(err_reason(&none), "authError");
    // A zero lifetime token is dead on arrival.
    assert_eq!(get(&url, Some(&f.token())).status, 401);
    f.admin(
        "PUT",
        "config",
        &json!({"token_lifetime_secs": 3600, "expire_next_token_uses": 1}),
    );
    let t = f.token();
    assert_eq!(get(&url, Some(&t)).status, 401);
    assert_eq!(get(&url, Some(&t)).status, 401);
    assert_eq!(get(&url, Some(&f.token())).status, 200);
    let st = f.stats();
    assert_eq!(st["forced_expiries"], 1);
    assert_eq!(st["unauthorized_401"], 4);
}

fn staff_directory(f: &Fake) -> Vec<String> {
    f.seed(json!([
        {"primaryEmail": "dora@school.org", "givenName": "Dora", "familyName": "D", "orgUnitPath": "/Staff", "employeeId": "S4"},
        {"primaryEmail": "alan@school.org", "givenName": "Alan", "familyName": "A", "orgUnitPath": "/Staff/Teachers", "employeeId": "S1"},
        {"primaryEmail": "pupil1@school.org", "orgUnitPath": "/Students"},
        {"primaryEmail": "cleo@school.org", "name": {"givenName": "Cleo", "familyName": "C"}, "orgUnitPath": "/Staff", "suspended": true},
        {"primaryEmail": "bob@school.org", "givenName": "Bob", "orgUnitPath": "/Staff/Office", "photo": b64(&jpeg(96, 96, 10))},
        {"primaryEmail": "pupil2@school.org", "orgUnitPath": "/Students"},
        {"primaryEmail": "x@staffroom.org", "orgUnitPath": "/Staffroom"}
    ]))
}

#[test]
fn users_list_paging_query_and_fields() {
    let f = start(json!({}));
    staff_directory(&f);
    let token = f.token();
    let mut url = f.api(
        "users?customer=my_customer&maxResults=2&orderBy=email&projection=full&query=orgUnitPath%3D%27%2FStaff%27",
    );
    let mut emails = Vec::new();
    let mut pages = 0;
    loop {
        let r = get(&url, Some(&token));
        assert_eq!(r.status, 200, "{}", r.text());
        let b = r.json();
        assert_eq!(b["kind"], "admin#directory#users");
        pages += 1;
        for u in b["users"].as_array().unwrap() {
            emails.push(u["primaryEmail"].as_str().unwrap().to_string());
        }
        match b["nextPageToken"].as_str() {
            Some(t) => {
                url = f.api(&format!(
                    "users?customer=my_customer&maxResults=2&orderBy=email&projection=full&query=orgUnitPath%3D%27%2FStaff%27&pageToken={t}"
                ))
            }
            None => break,
        }
    }
    // Sub-units are included, /Staffroom is not, and orderBy=email sorts.
    assert_eq!(
        emails,
        [
            "alan@school.org",
            "bob@school.org",
            "cleo@school.org",
            "dora@school.org"
        ]
    );
    assert_eq!(pages, 2);

    let one = get(&f.api("users?domain=school.org&query=externalId%3DS1"), Some(&token)).json();
    let alan = &one["users"][0];
    assert_eq!(
        alan["name"],
        json!({"givenName": "Alan", "familyName": "A", "fullName": "Alan A"})
    );
    assert_eq!(alan["externalIds"], json!([{"value": "S1", "type": "organization"}]));
    assert_eq!(alan["orgUnitPath"], "/Staff/Teachers");
    assert_eq!(alan["suspended"], false);
    assert!(alan.get("thumbnailPhotoUrl").is_none());
    let bob = get(&f.api("users/bob@school.org"), Some(&token)).json();
    assert!(bob["thumbnailPhotoUrl"].as_str().unwrap().starts_with(&f.url()));
    assert!(bob["thumbnailPhotoEtag"].is_string());
    assert_eq!(
        get(bob["thumbnailPhotoUrl"].as_str().unwrap(), None).body,
        jpeg(96, 96, 10)
    );

    let active = get(
        &f.api("users?customer=my_customer&query=orgUnitPath%3D%2FStaff%20isSuspended%3Dfalse"),
        Some(&token),
    )
    .json();
    assert_eq!(active["users"].as_array().unwrap().len(), 3);
    let trimmed = get(
        &f.api("users?customer=my_customer&maxResults=1&fields=nextPageToken,users(id,primaryEmail)"),
        Some(&token),
    )
    .json();
    assert_eq!(trimmed.as_object().unwrap().len(), 2, "{trimmed}");
    assert_eq!(trimmed["users"][0].as_object().unwrap().len(), 2);
    // An empty result has no users member, as the real API answers.
    let empty = get(
        &f.api("users?customer=my_customer&query=email%3Dnobody%40school.org"),
        Some(&token),
    )
    .json();
    assert!(empty.get("users").is_none(), "{empty}");

    let status = |path: &str| get(&f.api(path), Some(&token)).status;
    assert_eq!(status("users"), 400);
    assert_eq!(status("users?customer=my_customer&maxResults=501"), 400);
    assert_eq!(status("users?customer=my_customer&orderBy=shoeSize"), 400);
    assert_eq!(status("users?customer=my_customer&query=manager%3Dx"), 400);
    assert_eq!(status("users?domain=elsewhere.com"), 403);
    assert_eq!(status("users?customer=C999"), 403);
    // A page token only works for the query it came from.
    let first = get(&f.api("users?customer=my_customer&maxResults=1"), Some(&token)).json();
    let t = first["nextPageToken"].as_str().unwrap();
    assert_eq!(
        status(&format!("users?customer=my_customer&maxResults=1&pageToken={t}")),
        200
    );
    assert_eq!(
        status(&format!(
            "users?customer=my_customer&maxResults=1&query=isSuspended%3Dtrue&pageToken={t}"
        )),
        400
    );
    let missing = get(&f.api("users/ghost@school.org"), Some(&token));
    assert_eq!(missing.status, 404);
    assert_eq!(err_reason(&missing), "notFound");
}

#[test]
fn photo_round_trip_etags_and_encoding() {
    let f = start(json!({}));
    let ids = f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let token = f.token();
    let path = f.api("users/ann@school.org/photos/thumbnail");
    let none = get(&path, Some(&token));
    assert_eq!(none.status, 404);
    assert_eq!(err_reason(&none), "notFound");

    let photo = jpeg(300, 200, 5000);
    let std_b64 = b64(&photo);
    assert!(std_b64.contains(['+', '/']), "test photo must exercise the alphabet");
    let rejected = put_photo(
        &f,
        &token,
        "ann@school.org",
        &json!({"photoData": std_b64, "mimeType": "JPEG"}),
    );
    assert_eq!(rejected.status, 400);
    assert_eq!(err_reason(&rejected), "invalid");

    let websafe = websafe::encode(&photo);
    let r = put_photo(
        &f,
        &token,
        &ids[0],
        &json!({"photoData": websafe, "mimeType": "JPEG", "width": 300, "height": 200}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let got = get(&path, Some(&token)).json();
    assert_eq!(got["kind"], "admin#directory#user#photo");
    assert_eq!(got["mimeType"], "image/jpeg");
    assert_eq!((got["width"].as_u64(), got["height"].as_u64()), (Some(300), Some(200)));
    let data = got["photoData"].as_str().unwrap();
    assert!(!data.contains(['+', '/', '=']));
    assert_eq!(websafe::decode(data, false).unwrap(), photo, "bytes must round-trip");
    let etag1 = got["etag"].as_str().unwrap().to_string();
    let user = get(&f.api("users/ann@school.org"), Some(&token)).json();
    assert_eq!(user["thumbnailPhotoEtag"], etag1.as_str());

    // '=' padding, the form most base64url encoders emit, is accepted; a new write
    // gets a new etag even for identical bytes.
    let padded = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE, &photo);
    assert_eq!(
        put_photo(&f, &token, "ann@school.org", &json!({"photoData": padded})).status,
        200
    );
    let etag2 = get(&path, Some(&token)).json()["etag"].as_str().unwrap().to_string();
    assert_ne!(etag1, etag2);
    assert_eq!(
        get(&format!("{}/_admin/users/{}/photo", f.url(), ids[0]), None).body,
        photo
    );

    let bad = |body: Value| put_photo(&f, &token, "ann@school.org", &body).status;
    assert_eq!(bad(json!({"mimeType": "JPEG"})), 400);
    assert_eq!(bad(json!({"photoData": websafe, "mimeType": "PNG"})), 400);
    assert_eq!(bad(json!({"photoData": websafe::encode(b"plain text")})), 400);
    assert_eq!(
        put_photo(&f, &token, "ghost@school.org", &json!({"photoData": websafe})).status,
        404
    );

    let del = send("DELETE", &path, &[("Authorization", &format!("Bearer {token}"))], None).unwrap();
    assert_eq!(del.status, 204);
    assert_eq!(get(&path, Some(&token)).status, 404);
    assert!(get(&f.api("users/ann@school.org"), Some(&token))
        .json()
        .get("thumbnailPhotoEtag")
        .is_none());
    let st = f.stats();
    assert_eq!(st["photo_puts"][&ids[0]], 2);
    assert_eq!(st["photo_deletes"][&ids[0]], 1);
}

#[test]
fn photo_size_limit() {
    let f = start(json!({"max_photo_bytes": 20000}));
    f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let token = f.token();
    let big = put_photo(
        &f,
        &token,
        "ann@school.org",
        &json!({"photoData": websafe::encode(&jpeg(10, 10, 30000))}),
    );
    assert_eq!(big.status, 413);
    assert_eq!(big.json()["error"]["code"], 413);
    let small = put_photo(
        &f,
        &token,
        "ann@school.org",
        &json!({"photoData": websafe::encode(&jpeg(10, 10, 10000))}),
    );
    assert_eq!(small.status, 200);
}

#[test]
fn self_set_photo_wins_until_deleted() {
    let f = start(json!({}));
    let own = jpeg(50, 50, 100);
    let ids = f.seed(json!([{"primaryEmail": "sam@school.org", "selfPhoto": b64(&own)}]));
    let token = f.token();
    let path = f.api("users/sam@school.org/photos/thumbnail");
    let admin_photo = jpeg(96, 96, 200);
    let r = put_photo(
        &f,
        &token,
        "sam@school.org",
        &json!({"photoData": websafe::encode(&admin_photo)}),
    );
    assert_eq!(r.status, 200);
    // The upload is accepted, but what everyone sees is still the user's own photo.
    let shown = get(&path, Some(&token)).json();
    assert_eq!(
        websafe::decode(shown["photoData"].as_str().unwrap(), false).unwrap(),
        own
    );
    let st = f.stats();
    assert_eq!(st["self_photo_kept"][&ids[0]], 1);
    assert_eq!(st["photo_puts"][&ids[0]], 1);
    let listed = get(&format!("{}/_admin/users", f.url()), None).json();
    assert_eq!(listed[0]["adminPhoto"]["bytes"], admin_photo.len());
    assert_eq!(listed[0]["selfPhoto"]["bytes"], own.len());

    let del = send("DELETE", &path, &[("Authorization", &format!("Bearer {token}"))], None).unwrap();
    assert_eq!(del.status, 204);
    assert_eq!(get(&path, Some(&token)).status, 404);
    put_photo(
        &f,
        &token,
        "sam@school.org",
        &json!({"photoData": websafe::encode(&admin_photo)}),
    );
    let now_shown = get(&path, Some(&token)).json();
    assert_eq!(
        websafe::decode(now_shown["photoData"].as_str().unwrap(), false).unwrap(),
        admin_photo
    );
    assert_eq!(f.stats()["self_photo_kept"][&ids[0]], 1);
}

#[test]
fn readonly_scope_cannot_write() {
    let f = start(json!({}));
    f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let ro = f.token_with(json!({"scope": SCOPE_USER_READONLY}));
    assert_eq!(get(&f.api("users/ann@school.org"), Some(&ro)).status, 200);
    let r = put_photo(
        &f,
        &ro,
        "ann@school.org",
        &json!({"photoData": websafe::encode(&jpeg(9, 9, 0))}),
    );
    assert_eq!(r.status, 403);
    assert_eq!(err_reason(&r), "insufficientPermissions");
}

#[test]
fn rate_limit_and_server_errors() {
    let f = start(json!({"faults": [
        {"kind": "userRateLimitExceeded", "every": 2, "scope": "photo_write"},
        {"kind": "rateLimitExceeded", "every": 3, "scope": "users"},
        {"kind": "backendError", "every": 4, "scope": "users"},
        {"kind": "internalError", "every": 5, "scope": "users", "times": 1}
    ]}));
    f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let token = f.token();
    let body = json!({"photoData": websafe::encode(&jpeg(9, 9, 0))});
    assert_eq!(put_photo(&f, &token, "ann@school.org", &body).status, 200);
    let limited = put_photo(&f, &token, "ann@school.org", &body);
    assert_eq!(limited.status, 403);
    let e = limited.json();
    assert_eq!(e["error"]["code"], 403);
    assert_eq!(e["error"]["errors"][0]["domain"], "usageLimits");
    assert_eq!(e["error"]["errors"][0]["reason"], "userRateLimitExceeded");
    assert_eq!(limited.header("retry-after"), None);
    let statuses: Vec<u16> = (0..5)
        .map(|_| get(&f.api("users/ann@school.org"), Some(&token)).status)
        .collect();
    assert_eq!(statuses, vec![200, 200, 403, 503, 500]);
    let st = f.stats();
    assert_eq!(st["rate_limit_errors"]["userRateLimitExceeded"], 1);
    assert_eq!(st["rate_limit_errors"]["rateLimitExceeded"], 1);
    assert_eq!(st["rate_limit_errors_total"], 2);
    assert_eq!(st["server_errors_5xx"], 2);
    // Without Retry-After, what the fake can report is how long the client waited.
    // (403 then 503, 503 then 500: two gaps on users; nothing followed the photo 403.)
    assert_eq!(st["retry_gaps"].as_array().unwrap().len(), 2);
}

#[test]
fn retry_after_violations_on_google() {
    let f = start(json!({
        "admins": [ADMIN, "other@example.com"],
        "faults": [{"kind": "quotaExceeded", "every": 1, "scope": "users", "retry_after_secs": 30, "times": 1}]
    }));
    f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let token = f.token();
    let first = get(&f.api("users/ann@school.org"), Some(&token));
    assert_eq!(first.status, 403);
    assert_eq!(first.header("retry-after"), Some("30"));
    assert_eq!(err_reason(&first), "quotaExceeded");
    let early = get(&f.api("users/ann@school.org"), Some(&token));
    assert_eq!(early.status, 403);
    let st = f.stats();
    assert_eq!(st["retry_after_violations"], 1);
    let client = format!("{}/{ADMIN}", f.key_file["client_email"].as_str().unwrap());
    assert_eq!(st["first_retry_after_violation"]["client"], client.as_str());
    // Another admin is another client, with its own quota.
    let other = f.token_with(json!({"sub": "other@example.com"}));
    assert_eq!(get(&f.api("users/ann@school.org"), Some(&other)).status, 200);
}

#[test]
fn concurrency_limit_answers_quota_exceeded() {
    let f = start(json!({"max_concurrent": 1, "latency_ms": 500}));
    f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let token = f.token();
    let url = f.api("users/ann@school.org");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(3));
    let handles: Vec<_> = (0..3)
        .map(|_| {
            let (url, token, barrier) = (url.clone(), token.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let r = get(&url, Some(&token));
                (r.status, if r.status == 403 { err_reason(&r) } else { String::new() })
            })
        })
        .collect();
    let mut results: Vec<(u16, String)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    results.sort();
    assert_eq!(
        results,
        vec![
            (200, String::new()),
            (403, "quotaExceeded".into()),
            (403, "quotaExceeded".into())
        ]
    );
    assert_eq!(f.stats()["rate_limit_errors"]["quotaExceeded"], 2);
}

#[test]
fn dropped_connection_and_token_endpoint_faults() {
    let f = start(json!({"faults": [
        {"kind": "drop", "every": 2, "scope": "photo_read"},
        {"kind": "backendError", "every": 2, "scope": "token"}
    ]}));
    f.seed(json!([{"primaryEmail": "ann@school.org", "photo": b64(&jpeg(9, 9, 0))}]));
    let token = f.token();
    let refused = f.token_request(&f.assertion(json!({})));
    assert_eq!(refused.status, 503);
    assert_eq!(refused.json()["error"], "temporarily_unavailable");
    let path = f.api("users/ann@school.org/photos/thumbnail");
    assert_eq!(get(&path, Some(&token)).status, 200);
    let auth = format!("Bearer {token}");
    assert!(send("GET", &path, &[("Authorization", &auth)], None).is_err());
    assert_eq!(get(&path, Some(&token)).status, 200);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(f.stats()["dropped_connections"], 1);
}

#[test]
fn admin_routes_and_reset_keep_service_accounts() {
    let f = start(json!({}));
    assert_eq!(f.admin("PUT", "config", &json!({"bogus": true})).status, 400);
    f.seed(json!([{"primaryEmail": "ann@school.org"}]));
    let own = jpeg(8, 8, 0);
    let r = send(
        "PUT",
        &format!("{}/_admin/users/ann@school.org/self-photo", f.url()),
        &[],
        Some(&own),
    )
    .unwrap();
    assert_eq!(r.status, 204);
    assert_eq!(
        get(
            &format!("{}/_admin/users/ann@school.org/photo?which=self", f.url()),
            None
        )
        .body,
        own
    );
    assert_eq!(f.admin("POST", "reset", &json!({})).status, 204);
    assert_eq!(get(&format!("{}/_admin/users", f.url()), None).json(), json!([]));
    // The service account generated before the reset still works.
    f.token();
}
