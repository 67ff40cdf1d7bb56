//! `/_admin/…` for the Google fake (same conventions as the Graph one), plus the
//! unauthenticated `/_photos/{id}/…` that users' thumbnailPhotoUrl points at.

use hyper::{Method, StatusCode};
use serde_json::{json, Value};

use super::config::ServiceAccountCredential;
use super::{service_account, GoogleState};
use crate::common::http::{json_body, Reply, Request};
use crate::common::patch::merge;

fn error(status: StatusCode, message: &str) -> Reply {
    Reply::json(status, &json!({ "error": message }))
}

pub fn handle(state: &GoogleState, req: &Request) -> Reply {
    let segs: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    if segs.first() == Some(&"_photos") {
        return match segs.get(1) {
            Some(id) => raw_photo(state, id, "effective"),
            None => error(StatusCode::NOT_FOUND, "no photo"),
        };
    }
    match (&req.method, &segs[1..]) {
        (&Method::GET, ["config"]) => config(state),
        (&Method::PUT | &Method::PATCH | &Method::POST, ["config"]) => set_config(state, req),
        (&Method::GET, ["users"]) => list_users(state),
        (&Method::POST, ["users"]) => match json_body(req).and_then(|b| super::seed(state, b)) {
            Ok(ids) => Reply::json(StatusCode::OK, &json!({ "ids": ids })),
            Err(e) => error(StatusCode::BAD_REQUEST, &e),
        },
        (&Method::DELETE, ["users"]) => {
            state.lock().users.clear();
            Reply::empty(StatusCode::NO_CONTENT)
        }
        (&Method::GET, ["users", key, "photo"]) => {
            let which = req.query_param("which").unwrap_or("effective");
            raw_photo(state, key, which)
        }
        (&Method::PUT, ["users", key, "self-photo"]) => set_self_photo(state, key, req),
        (&Method::DELETE, ["users", key, "self-photo"]) => {
            let mut g = state.lock();
            match g.users.find(key) {
                Some(i) => {
                    g.users.get_mut(i).self_photo = None;
                    Reply::empty(StatusCode::NO_CONTENT)
                }
                None => error(StatusCode::NOT_FOUND, "no such user"),
            }
        }
        (&Method::POST, ["service-accounts"]) => service_accounts(state, req),
        (&Method::POST, ["tokens", "revoke"]) => {
            state.lock().tokens.values_mut().for_each(|t| t.dead = true);
            Reply::empty(StatusCode::NO_CONTENT)
        }
        (&Method::GET, ["stats"]) => stats(state),
        (&Method::POST, ["stats", "reset"]) => {
            reset_stats(state);
            Reply::empty(StatusCode::NO_CONTENT)
        }
        (&Method::POST, ["reset"]) => reset(state, req),
        _ => error(
            StatusCode::NOT_FOUND,
            &format!("no admin route {} {}", req.method, req.path),
        ),
    }
}

fn config(state: &GoogleState) -> Reply {
    Reply::json(
        StatusCode::OK,
        &serde_json::to_value(&state.lock().config).unwrap_or_default(),
    )
}

fn set_config(state: &GoogleState, req: &Request) -> Reply {
    let patch = match json_body(req) {
        Ok(p) => p,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e),
    };
    let mut g = state.lock();
    match merge(&g.config, &patch).and_then(|c| g.apply_config(c)) {
        Ok(()) => Reply::json(StatusCode::OK, &serde_json::to_value(&g.config).unwrap_or_default()),
        Err(e) => error(StatusCode::BAD_REQUEST, &e),
    }
}

fn list_users(state: &GoogleState) -> Reply {
    let g = state.lock();
    let users: Vec<Value> = g
        .users
        .all()
        .iter()
        .map(|u| {
            json!({
                "id": u.id,
                "primaryEmail": u.primary_email,
                "name": {"givenName": u.given_name, "familyName": u.family_name, "fullName": u.full_name},
                "externalIds": u.external_ids,
                "orgUnitPath": u.org_unit_path,
                "suspended": u.suspended,
                "isAdmin": u.is_admin,
                "adminPhoto": u.admin_photo.as_ref().map(|p| p.summary()),
                "selfPhoto": u.self_photo.as_ref().map(|p| p.summary()),
                "effectivePhoto": u.effective_photo().map(|p| p.summary()),
            })
        })
        .collect();
    Reply::json(StatusCode::OK, &Value::Array(users))
}

/// `which` = effective (default), admin or self.
fn raw_photo(state: &GoogleState, key: &str, which: &str) -> Reply {
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return error(StatusCode::NOT_FOUND, "no such user");
    };
    let u = g.users.get(idx);
    let photo = match which {
        "admin" => u.admin_photo.as_ref(),
        "self" => u.self_photo.as_ref(),
        _ => u.effective_photo(),
    };
    match photo {
        Some(p) => Reply::bytes(StatusCode::OK, p.mime_type, p.bytes.clone()).with_header("etag", &p.etag),
        None => error(StatusCode::NOT_FOUND, "no such photo"),
    }
}

/// Body: raw image bytes; plays the user changing their own profile picture.
fn set_self_photo(state: &GoogleState, key: &str, req: &Request) -> Reply {
    let mut g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return error(StatusCode::NOT_FOUND, "no such user");
    };
    match g.users.new_photo(req.body.clone()) {
        Ok(p) => {
            let u = g.users.get_mut(idx);
            u.self_photo = Some(p);
            u.version += 1;
            Reply::empty(StatusCode::NO_CONTENT)
        }
        Err(e) => error(StatusCode::BAD_REQUEST, &e),
    }
}

/// Empty body or `{"client_email"?, "project_id"?}`: generate a key pair, trust it and
/// answer the JSON key file. `{"key_file": {...}}`: trust an existing key file.
/// `{"client_email", "public_key_pem", "private_key_id"?}`: trust a public key.
fn service_accounts(state: &GoogleState, req: &Request) -> Reply {
    let body = if req.body.is_empty() {
        json!({})
    } else {
        match json_body(req) {
            Ok(b) => b,
            Err(e) => return error(StatusCode::BAD_REQUEST, &e),
        }
    };
    let (answer, credential) = if let Some(file) = body.get("key_file") {
        match service_account::credential_from_key_file(file) {
            Ok(c) => (serde_json::to_value(&c).unwrap_or_default(), c),
            Err(e) => return error(StatusCode::BAD_REQUEST, &e),
        }
    } else if body.get("public_key_pem").is_some() {
        match serde_json::from_value::<ServiceAccountCredential>(body.clone()) {
            Ok(c) => (serde_json::to_value(&c).unwrap_or_default(), c),
            Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
        }
    } else {
        let email = body.get("client_email").and_then(Value::as_str);
        let project = body.get("project_id").and_then(Value::as_str);
        match service_account::generate(&state.token_uri(), email, project) {
            Ok(pair) => pair,
            Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e),
        }
    };
    match trust(state, credential) {
        Ok(()) => Reply::json(StatusCode::OK, &answer),
        Err(e) => error(StatusCode::BAD_REQUEST, &e),
    }
}

/// Add or replace (by client_email) a trusted service account.
pub fn trust(state: &GoogleState, credential: ServiceAccountCredential) -> Result<(), String> {
    let mut g = state.lock();
    let mut config = g.config.clone();
    config
        .service_accounts
        .retain(|s| s.client_email != credential.client_email);
    config.service_accounts.push(credential);
    g.apply_config(config)
}

fn stats(state: &GoogleState) -> Reply {
    let g = state.lock();
    let mut out = serde_json::to_value(&g.stats).unwrap_or_default();
    let obj = out.as_object_mut().expect("stats serialise as an object");
    for extra in [state.concurrency.report(), g.retry.report()] {
        if let Value::Object(m) = extra {
            obj.extend(m);
        }
    }
    obj.insert("faults".into(), g.faults.report());
    let now = std::time::Instant::now();
    let live = g.tokens.values().filter(|t| !t.dead && t.expires > now).count();
    obj.insert("tokens_live".into(), json!(live));
    obj.insert("expire_next_token_uses".into(), json!(g.config.expire_next_token_uses));
    obj.insert(
        "uptime_ms".into(),
        json!(now.duration_since(state.started).as_millis() as u64),
    );
    Reply::json(StatusCode::OK, &out)
}

fn reset_stats(state: &GoogleState) {
    let mut g = state.lock();
    g.stats = Default::default();
    g.retry.clear();
    state.concurrency.reset();
}

fn reset(state: &GoogleState, req: &Request) -> Reply {
    let keep = req.query_param("keep_config") == Some("true");
    reset_stats(state);
    let mut g = state.lock();
    g.users.clear();
    g.tokens.clear();
    // Credentials survive a reset: tests reset between cases, and keys are slow to make.
    let mut config = if keep {
        g.config.clone()
    } else {
        state.startup_config().clone()
    };
    config.service_accounts = g.config.service_accounts.clone();
    match g.apply_config(config) {
        Ok(()) => Reply::empty(StatusCode::NO_CONTENT),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e),
    }
}
