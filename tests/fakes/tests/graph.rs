//! The Graph fake against the behaviours the brief and Graph's docs describe.

mod support;

use adphoto_fakes::graph::config::{GraphConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use adphoto_fakes::graph::{self, GraphServer};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::time::Duration;
use support::*;

const SCOPE: &str = "https://graph.microsoft.com/.default";

fn start(patch: Value) -> GraphServer {
    let config = adphoto_fakes::common::patch::merge(&GraphConfig::default(), &patch).unwrap();
    graph::spawn(config, 0).unwrap()
}

fn token_url(s: &GraphServer) -> String {
    format!("{}/contoso.onmicrosoft.com/oauth2/v2.0/token", s.url())
}

fn secret_token(s: &GraphServer) -> String {
    let r = form(
        &token_url(s),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("scope", SCOPE),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["access_token"].as_str().unwrap().to_string()
}

fn admin(s: &GraphServer, method: &str, path: &str, body: &Value) -> Resp {
    json_call(method, &format!("{}/_admin/{path}", s.url()), None, body)
}

fn stats(s: &GraphServer) -> Value {
    get(&format!("{}/_admin/stats", s.url()), None).json()
}

fn seed(s: &GraphServer, users: Value) -> Vec<String> {
    let r = admin(s, "POST", "users", &users);
    assert_eq!(r.status, 200, "{}", r.text());
    serde_json::from_value(r.json()["ids"].clone()).unwrap()
}

fn put_photo(s: &GraphServer, token: &str, user: &str, content_type: &str, body: &[u8]) -> Resp {
    send(
        "PUT",
        &format!("{}/v1.0/users/{user}/photo/$value", s.url()),
        &[
            ("Authorization", &format!("Bearer {token}")),
            ("Content-Type", content_type),
        ],
        Some(body),
    )
    .unwrap()
}

#[test]
fn client_secret_flow_and_its_errors() {
    let s = start(json!({"tenant": "contoso.onmicrosoft.com", "token_lifetime_secs": 7}));
    let ok = form(
        &token_url(&s),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("scope", SCOPE),
        ],
    );
    assert_eq!(ok.status, 200);
    let body = ok.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 7);
    assert_eq!(body["ext_expires_in"], 7);
    assert!(body["access_token"].as_str().unwrap().len() > 20);

    // (form fields to override, status, OAuth error, AADSTS code)
    type Case<'a> = (&'a [(&'a str, &'a str)], u16, &'a str, &'a str);
    let cases: &[Case] = &[
        (&[("client_secret", "wrong")], 401, "invalid_client", "AADSTS7000215"),
        (&[("client_secret", "")], 401, "invalid_client", "AADSTS7000218"),
        (&[("client_id", "nobody")], 400, "unauthorized_client", "AADSTS700016"),
        (
            &[("grant_type", "password")],
            400,
            "unsupported_grant_type",
            "AADSTS70003",
        ),
        (
            &[("scope", "https://graph.microsoft.com/User.Read")],
            400,
            "invalid_scope",
            "AADSTS1002012",
        ),
    ];
    for (overrides, status, error, code) in cases {
        let mut pairs = vec![
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("scope", SCOPE),
        ];
        for (k, v) in *overrides {
            pairs.retain(|(pk, _)| pk != k);
            pairs.push((k, v));
        }
        let r = form(&token_url(&s), &pairs);
        assert_eq!(r.status, *status, "{overrides:?}: {}", r.text());
        let b = r.json();
        assert_eq!(b["error"], *error, "{overrides:?}");
        assert!(b["error_description"].as_str().unwrap().starts_with(code), "{b}");
    }
    // Another tenant is not served.
    let other = form(
        &format!("{}/fabrikam.com/oauth2/v2.0/token", s.url()),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("scope", SCOPE),
        ],
    );
    assert_eq!(other.status, 400);
    assert!(other.text().contains("AADSTS90002"));
    let st = stats(&s);
    assert_eq!(st["tokens_issued"], 1);
    assert_eq!(st["token_errors"], 6);
}

#[test]
fn certificate_assertion_flow() {
    let s = start(json!({}));
    let client = "11111111-2222-3333-4444-555555555555";
    let pem = adphoto_fakes::common::keys::public_key_pem(&key_a().to_public_key());
    assert_eq!(
        admin(&s, "POST", "apps", &json!({"client_id": client, "public_key_pem": pem})).status,
        200
    );
    let aud = token_url(&s);
    let request = |assertion: &str, assertion_type: &str| {
        form(
            &aud,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", client),
                ("scope", SCOPE),
                ("client_assertion_type", assertion_type),
                ("client_assertion", assertion),
            ],
        )
    };
    let jwt_bearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    let good = graph_assertion(client, &aud, key_a(), &json!({}));
    let r = request(&good, jwt_bearer);
    assert_eq!(r.status, 200, "{}", r.text());
    let token = r.json()["access_token"].as_str().unwrap().to_string();
    assert_eq!(get(&format!("{}/v1.0/users", s.url()), Some(&token)).status, 200);

    // PS256, as the newer Entra docs describe, works too.
    let n = now();
    let ps = adphoto_fakes::common::jwt::sign_ps256(
        &json!({"aud": aud, "iss": client, "sub": client, "jti": "x", "exp": n + 300}),
        &json!({}),
        key_a(),
    );
    assert_eq!(request(&ps, jwt_bearer).status, 200);

    let expect = |assertion: &str, kind: &str, status: u16, code: &str| {
        let r = request(assertion, kind);
        assert_eq!(r.status, status, "{code}: {}", r.text());
        assert!(
            r.json()["error_description"].as_str().unwrap().starts_with(code),
            "{}",
            r.text()
        );
    };
    expect(
        &graph_assertion(client, &aud, key_b(), &json!({})),
        jwt_bearer,
        401,
        "AADSTS700027",
    );
    expect(
        &graph_assertion(
            client,
            "https://login.microsoftonline.com/x/oauth2/v2.0/token",
            key_a(),
            &json!({}),
        ),
        jwt_bearer,
        401,
        "AADSTS700023",
    );
    expect(
        &graph_assertion("someone-else", &aud, key_a(), &json!({})),
        jwt_bearer,
        401,
        "AADSTS700021",
    );
    expect(&good, "urn:wrong", 400, "AADSTS700026");
    expect("not.a.jwt", jwt_bearer, 400, "AADSTS50027");
    let stale = sign(
        &json!({"aud": aud, "iss": client, "sub": client, "jti": "j", "exp": n - 3600}),
        &json!({}),
        key_a(),
    );
    expect(&stale, jwt_bearer, 401, "AADSTS700024");
    let no_jti = sign(
        &json!({"aud": aud, "iss": client, "sub": client, "exp": n + 300}),
        &json!({}),
        key_a(),
    );
    expect(&no_jti, jwt_bearer, 400, "AADSTS50027");
    // The default app has only a secret: an assertion cannot work for it.
    let r = form(
        &aud,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", DEFAULT_CLIENT_ID),
            ("scope", SCOPE),
            ("client_assertion_type", jwt_bearer),
            (
                "client_assertion",
                &graph_assertion(DEFAULT_CLIENT_ID, &aud, key_a(), &json!({})),
            ),
        ],
    );
    assert_eq!(r.status, 401);
}

#[test]
fn certificate_thumbprint_must_match() {
    let s = start(json!({}));
    let client = "cert-app";
    let r = admin(&s, "POST", &format!("apps/{client}/certificate"), &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    let cert = r.json();
    let key = adphoto_fakes::common::keys::parse_private_key(cert["private_key_pem"].as_str().unwrap()).unwrap();
    let info = adphoto_fakes::common::keys::parse_certificate(cert["certificate_pem"].as_str().unwrap()).unwrap();
    assert_eq!(info.x5t, cert["x5t"].as_str().unwrap());
    let aud = token_url(&s);
    let try_with = |header: Value| {
        form(
            &aud,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", client),
                ("scope", SCOPE),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", &graph_assertion(client, &aud, &key, &header)),
            ],
        )
        .status
    };
    assert_eq!(try_with(json!({"x5t": cert["x5t"]})), 200);
    assert_eq!(try_with(json!({"x5t#S256": cert["x5t_s256"]})), 200);
    assert_eq!(try_with(json!({"x5t": "AAAAAAAAAAAAAAAAAAAAAAAAAAA"})), 401);
    assert_eq!(try_with(json!({})), 401);
}

#[test]
fn bearer_token_is_required_and_expires() {
    let s = start(json!({"token_lifetime_secs": 1}));
    let users = format!("{}/v1.0/users", s.url());
    let missing = get(&users, None);
    assert_eq!(missing.status, 401);
    assert_eq!(missing.json()["error"]["code"], "InvalidAuthenticationToken");
    let bogus = get(&users, Some("made-up"));
    assert_eq!(bogus.status, 401);
    assert_eq!(
        bogus.json()["error"]["message"],
        "Access token has expired or is not yet valid."
    );
    let token = secret_token(&s);
    assert_eq!(get(&users, Some(&token)).status, 200);
    std::thread::sleep(Duration::from_millis(1100));
    let expired = get(&users, Some(&token));
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json()["error"]["code"], "InvalidAuthenticationToken");
    assert_eq!(stats(&s)["unauthorized_401"], 3);
}

#[test]
fn forced_expiry_kills_the_next_token_uses() {
    let s = start(json!({}));
    let users = format!("{}/v1.0/users", s.url());
    let token = secret_token(&s);
    assert_eq!(
        admin(&s, "PUT", "config", &json!({"expire_next_token_uses": 1})).status,
        200
    );
    assert_eq!(get(&users, Some(&token)).status, 401);
    // The token stays dead, like a real expired one; a new token works.
    assert_eq!(get(&users, Some(&token)).status, 401);
    let fresh = secret_token(&s);
    assert_eq!(get(&users, Some(&fresh)).status, 200);
    let st = stats(&s);
    assert_eq!(st["forced_expiries"], 1);
    assert_eq!(st["expire_next_token_uses"], 0);
}

#[test]
fn users_paging_select_and_lookup() {
    let s = start(json!({}));
    let users: Vec<Value> = (0..25)
        .map(|i| json!({"userPrincipalName": format!("user{i:02}@contoso.com"), "employeeId": format!("E{i}"), "givenName": "G", "displayName": format!("User {i}")}))
        .collect();
    let ids = seed(&s, Value::Array(users));
    let token = secret_token(&s);
    let mut url = format!("{}/v1.0/users?$select=id,userPrincipalName,employeeId&$top=10", s.url());
    let mut pages = Vec::new();
    loop {
        let r = get(&url, Some(&token));
        assert_eq!(r.status, 200, "{}", r.text());
        let b = r.json();
        let page = b["value"].as_array().unwrap().clone();
        for u in &page {
            let keys: Vec<&String> = u.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), 3, "{u}");
        }
        pages.push(page.len());
        match b["@odata.nextLink"].as_str() {
            Some(next) => {
                assert!(next.starts_with(&s.url()), "nextLink must be absolute: {next}");
                assert!(next.contains("select"), "nextLink keeps $select: {next}");
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(pages, vec![10, 10, 5]);

    // Without $select Graph's default set comes back, which lacks employeeId.
    let default = get(&format!("{}/v1.0/users?$top=1", s.url()), Some(&token)).json();
    assert!(default["value"][0].get("employeeId").is_none());
    assert!(default["value"][0].get("userPrincipalName").is_some());

    assert_eq!(
        get(&format!("{}/v1.0/users?$top=1000", s.url()), Some(&token)).status,
        400
    );
    assert_eq!(
        get(&format!("{}/v1.0/users?$select=nope", s.url()), Some(&token)).status,
        400
    );
    let filtered = get(
        &format!("{}/v1.0/users?$filter=employeeId%20eq%20'E7'", s.url()),
        Some(&token),
    )
    .json();
    assert_eq!(filtered["value"].as_array().unwrap().len(), 1);
    assert_eq!(filtered["value"][0]["id"], ids[7]);

    let by_upn = get(
        &format!("{}/v1.0/users/USER03@contoso.com?$select=id,employeeId", s.url()),
        Some(&token),
    );
    assert_eq!(by_upn.status, 200);
    assert_eq!(by_upn.json()["employeeId"], "E3");
    let by_id = get(&format!("{}/v1.0/users/{}", s.url(), ids[4]), Some(&token)).json();
    assert_eq!(by_id["userPrincipalName"], "user04@contoso.com");
    let missing = get(&format!("{}/v1.0/users/ghost@contoso.com", s.url()), Some(&token));
    assert_eq!(missing.status, 404);
    let err = missing.json();
    assert_eq!(err["error"]["code"], "Request_ResourceNotFound");
    assert_eq!(
        err["error"]["message"],
        "Resource 'ghost@contoso.com' does not exist or one of its queried reference-property objects are not present."
    );
    assert!(err["error"]["innerError"]["request-id"].is_string());
}

#[test]
fn photo_round_trip_and_validation() {
    let s = start(json!({}));
    let ids = seed(&s, json!([{"userPrincipalName": "ann@contoso.com"}]));
    let token = secret_token(&s);
    let base = format!("{}/v1.0/users/ann@contoso.com/photo", s.url());
    for url in [base.clone(), format!("{base}/$value")] {
        let r = get(&url, Some(&token));
        assert_eq!(r.status, 404);
        assert_eq!(r.json()["error"]["code"], "ImageNotFound");
    }
    let photo = jpeg(648, 480, 50_000);
    let r = put_photo(&s, &token, "ann@contoso.com", "image/jpeg", &photo);
    assert_eq!(r.status, 200, "{}", r.text());
    let meta = get(&base, Some(&token)).json();
    assert_eq!(meta["width"], 648);
    assert_eq!(meta["height"], 480);
    assert_eq!(meta["id"], "648X480");
    assert_eq!(meta["@odata.mediaContentType"], "image/jpeg");
    assert!(meta["@odata.mediaEtag"].as_str().unwrap().starts_with("W/\""));
    let bytes = get(&format!("{base}/$value"), Some(&token));
    assert_eq!(bytes.status, 200);
    assert_eq!(bytes.header("content-type"), Some("image/jpeg"));
    assert_eq!(bytes.body, photo, "photo bytes must round-trip exactly");
    let stored = get(&format!("{}/_admin/users/{}/photo", s.url(), ids[0]), None);
    assert_eq!(stored.body, photo);

    // Limits and validation.
    let too_big = jpeg(100, 100, 4 * 1024 * 1024);
    assert_eq!(put_photo(&s, &token, &ids[0], "image/jpeg", &too_big).status, 413);
    assert_eq!(
        put_photo(&s, &token, &ids[0], "application/octet-stream", &photo).status,
        400
    );
    assert_eq!(put_photo(&s, &token, &ids[0], "image/jpeg", b"not a jpeg").status, 400);
    assert_eq!(
        put_photo(&s, &token, "ghost@contoso.com", "image/jpeg", &photo).status,
        404
    );

    let del = send(
        "DELETE",
        &format!("{base}/$value"),
        &[("Authorization", &format!("Bearer {token}"))],
        None,
    )
    .unwrap();
    assert_eq!(del.status, 204);
    assert_eq!(get(&format!("{base}/$value"), Some(&token)).status, 404);
    let again = send(
        "DELETE",
        &format!("{base}/$value"),
        &[("Authorization", &format!("Bearer {token}"))],
        None,
    )
    .unwrap();
    assert_eq!(again.status, 404);

    let st = stats(&s);
    assert_eq!(st["photo_puts"][&ids[0]], 1);
    assert_eq!(st["photo_deletes"][&ids[0]], 1);
    assert_eq!(st["requests"]["PUT /v1.0/users/{id}/photo/$value"], 5);
    assert_eq!(st["responses_by_status"]["413"], 1);
}

#[test]
fn batch_requests_and_limits() {
    let s = start(json!({}));
    let photo = jpeg(96, 96, 100);
    let ids = seed(
        &s,
        json!([
            {"userPrincipalName": "a@contoso.com", "photo": b64(&photo)},
            {"userPrincipalName": "b@contoso.com"}
        ]),
    );
    let token = secret_token(&s);
    let batch = format!("{}/v1.0/$batch", s.url());
    let body = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/users/a@contoso.com?$select=id"},
        {"id": "2", "method": "GET", "url": "/users/b@contoso.com/photo"},
        {"id": "3", "method": "GET", "url": format!("/users/{}/photo/$value", ids[0])},
        {"id": "4", "method": "GET", "url": "users?$top=1"}
    ]});
    let r = json_call("POST", &batch, Some(&token), &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let responses = r.json()["responses"].as_array().unwrap().clone();
    let by_id = |id: &str| responses.iter().find(|x| x["id"] == id).unwrap().clone();
    assert_eq!(by_id("1")["status"], 200);
    assert_eq!(by_id("1")["body"]["id"], ids[0]);
    assert_eq!(by_id("2")["status"], 404);
    assert_eq!(by_id("2")["body"]["error"]["code"], "ImageNotFound");
    assert_eq!(by_id("3")["status"], 200);
    assert_eq!(by_id("3")["headers"]["Content-Type"], "image/jpeg");
    assert_eq!(by_id("3")["body"], b64(&photo));
    assert_eq!(by_id("4")["body"]["value"].as_array().unwrap().len(), 1);

    let many: Vec<Value> = (0..21)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/users"}))
        .collect();
    assert_eq!(
        json_call("POST", &batch, Some(&token), &json!({"requests": many})).status,
        400
    );
    let dup = json!({"requests": [{"id": "1", "method": "GET", "url": "/users"}, {"id": "1", "method": "GET", "url": "/users"}]});
    assert_eq!(json_call("POST", &batch, Some(&token), &dup).status, 400);
    assert_eq!(json_call("POST", &batch, None, &dup).status, 401);

    // Throttling reaches individual items: every 2nd users item is refused.
    admin(
        &s,
        "PUT",
        "config",
        &json!({"faults": [{"kind": "throttle", "every": 2, "scope": "users", "retry_after_secs": 3}]}),
    );
    let four: Vec<Value> = (0..4)
        .map(|i| json!({"id": format!("u{i}"), "method": "GET", "url": "/users/a@contoso.com"}))
        .collect();
    let r = json_call("POST", &batch, Some(&token), &json!({"requests": four}));
    assert_eq!(r.status, 200);
    let statuses: Vec<u64> = r.json()["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["status"].as_u64().unwrap())
        .collect();
    // Item 2 is throttled; items 3 and 4 then arrive inside its Retry-After and are refused too.
    assert_eq!(statuses, vec![200, 429, 429, 429]);
    let throttled = &r.json()["responses"][1];
    assert_eq!(throttled["headers"]["Retry-After"], "3");
    assert_eq!(throttled["body"]["error"]["code"], "TooManyRequests");
    let st = stats(&s);
    assert_eq!(st["retry_after_violations"], 2);
    assert_eq!(st["batch_items"]["GET /v1.0/users/{id}"], 5);
}

#[test]
fn throttling_with_retry_after_and_violations() {
    let s = start(json!({"faults": [{"kind": "throttle", "every": 3, "scope": "photo", "retry_after_secs": 1}]}));
    seed(
        &s,
        json!([{"userPrincipalName": "a@contoso.com", "photo": b64(&jpeg(10, 10, 10))}]),
    );
    let token = secret_token(&s);
    let photo = format!("{}/v1.0/users/a@contoso.com/photo", s.url());
    assert_eq!(get(&photo, Some(&token)).status, 200);
    assert_eq!(get(&photo, Some(&token)).status, 200);
    let third = get(&photo, Some(&token));
    assert_eq!(third.status, 429);
    assert_eq!(third.header("retry-after"), Some("1"));
    assert_eq!(third.json()["error"]["code"], "TooManyRequests");
    // Users are another resource: not covered by the photo window.
    assert_eq!(get(&format!("{}/v1.0/users", s.url()), Some(&token)).status, 200);
    assert_eq!(stats(&s)["retry_after_violations"], 0);
    // A client that ignores Retry-After is refused and counted.
    let early = get(&photo, Some(&token));
    assert_eq!(early.status, 429);
    let st = stats(&s);
    assert_eq!(st["retry_after_violations"], 1);
    let v = &st["first_retry_after_violation"];
    assert_eq!(v["client"], DEFAULT_CLIENT_ID);
    assert_eq!(v["resource"], "photo");
    assert_eq!(v["retry_after_secs"], 1);
    assert!(v["early_by_ms"].as_u64().unwrap() > 500, "{v}");
    // A client that waits is served.
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(get(&photo, Some(&token)).status, 200);
    let st = stats(&s);
    assert_eq!(st["retry_after_violations"], 1);
    assert_eq!(st["throttled_429"], 2);
    assert_eq!(st["faults"][0]["fired"], 1);
    assert!(st["min_retry_gap_ms"].as_u64().is_some());
}

#[test]
fn concurrency_limit_refuses_the_fifth_request() {
    let s = start(json!({"latency_ms": 600, "max_concurrent_per_app": 4}));
    let token = secret_token(&s);
    let url = format!("{}/v1.0/users", s.url());
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let (url, token, barrier) = (url.clone(), token.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let r = get(&url, Some(&token));
                (r.status, r.header("retry-after").map(str::to_string))
            })
        })
        .collect();
    let results: Vec<(u16, Option<String>)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    let refused: Vec<_> = results.iter().filter(|(s, _)| *s == 429).collect();
    assert_eq!((ok, refused.len()), (4, 2), "{results:?}");
    assert!(refused.iter().all(|(_, ra)| ra.as_deref() == Some("1")));
    let st = stats(&s);
    assert_eq!(st["concurrency_rejections"], 2);
    // Refused requests count while they are open: the client was seen with more than 4.
    assert!(
        st["max_concurrent_by_client"][DEFAULT_CLIENT_ID].as_u64().unwrap() >= 5,
        "{st}"
    );
    assert_eq!(st["in_flight"], 0);
}

#[test]
fn service_unavailable_with_and_without_retry_after() {
    let s = start(json!({"faults": [
        {"kind": "unavailable", "every": 2, "scope": "users"},
        {"kind": "unavailable", "every": 3, "scope": "photo_write", "retry_after_secs": 5}
    ]}));
    seed(&s, json!([{"userPrincipalName": "a@contoso.com"}]));
    let token = secret_token(&s);
    let users = format!("{}/v1.0/users", s.url());
    assert_eq!(get(&users, Some(&token)).status, 200);
    let second = get(&users, Some(&token));
    assert_eq!(second.status, 503);
    assert_eq!(second.header("retry-after"), None);
    assert_eq!(second.json()["error"]["code"], "serviceNotAvailable");
    // No Retry-After was given, so coming straight back is no violation.
    assert_eq!(get(&users, Some(&token)).status, 200);
    let photo = jpeg(20, 20, 0);
    put_photo(&s, &token, "a@contoso.com", "image/jpeg", &photo);
    put_photo(&s, &token, "a@contoso.com", "image/jpeg", &photo);
    let third = put_photo(&s, &token, "a@contoso.com", "image/jpeg", &photo);
    assert_eq!(third.status, 503);
    assert_eq!(third.header("retry-after"), Some("5"));
    let st = stats(&s);
    assert_eq!(st["unavailable_503"], 2);
    assert_eq!(st["retry_after_violations"], 0);
}

#[test]
fn dropped_connection_gets_no_answer() {
    let s = start(json!({"faults": [{"kind": "drop", "every": 2, "scope": "users"}]}));
    let token = secret_token(&s);
    let raw = |path: &str| -> Vec<u8> {
        let mut conn = std::net::TcpStream::connect(s.url().trim_start_matches("http://")).unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            conn,
            "GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n"
        )
        .unwrap();
        let mut got = vec![0u8; 4096];
        let n = conn.read(&mut got).unwrap_or(0);
        got.truncate(n);
        got
    };
    assert!(raw("/v1.0/users").starts_with(b"HTTP/1.1 200"));
    assert!(
        raw("/v1.0/users").is_empty(),
        "the second request must be dropped unanswered"
    );
    assert!(raw("/v1.0/users").starts_with(b"HTTP/1.1 200"));
    assert_eq!(stats(&s)["dropped_connections"], 1);
    // A client library sees a transport error, not a status.
    admin(
        &s,
        "PUT",
        "config",
        &json!({"faults": [{"kind": "drop", "every": 1, "scope": "users"}]}),
    );
    assert!(send(
        "GET",
        &format!("{}/v1.0/users", s.url()),
        &[("Authorization", &format!("Bearer {token}"))],
        None
    )
    .is_err());
}

#[test]
fn admin_config_validation_and_reset() {
    let s = start(json!({}));
    assert_eq!(admin(&s, "PUT", "config", &json!({"no_such_setting": 1})).status, 400);
    assert_eq!(
        admin(
            &s,
            "PUT",
            "config",
            &json!({"faults": [{"kind": "explode", "every": 1}]})
        )
        .status,
        400
    );
    let r = admin(
        &s,
        "PUT",
        "config",
        &json!({"latency_ms": 5, "faults": [{"kind": "throttle", "every": 1, "scope": "photo"}]}),
    );
    assert_eq!(r.json()["latency_ms"], 5);
    seed(&s, json!([{"userPrincipalName": "a@contoso.com"}]));
    secret_token(&s);
    assert_eq!(admin(&s, "POST", "reset", &json!({})).status, 204);
    let config = get(&format!("{}/_admin/config", s.url()), None).json();
    assert_eq!(config["latency_ms"], 0);
    assert_eq!(config["faults"], json!([]));
    assert_eq!(get(&format!("{}/_admin/users", s.url()), None).json(), json!([]));
    assert_eq!(stats(&s)["tokens_issued"], 0);
}

#[test]
fn reaction_allowance_refuses_without_counting() {
    let s = start(json!({
        "retry_after_reaction_ms": 60000,
        "faults": [{"kind": "throttle", "every": 1, "scope": "users", "retry_after_secs": 30, "times": 1}]
    }));
    let token = secret_token(&s);
    let users = format!("{}/v1.0/users", s.url());
    assert_eq!(get(&users, Some(&token)).status, 429);
    let again = get(&users, Some(&token));
    assert_eq!(again.status, 429, "still inside the window");
    let remaining: u64 = again.header("retry-after").unwrap().parse().unwrap();
    assert!((29..=30).contains(&remaining), "{remaining}");
    assert_eq!(stats(&s)["retry_after_violations"], 0);
}
