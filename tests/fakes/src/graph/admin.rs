//! `/_admin/…`: the unauthenticated back door tests use to seed users, change
//! behaviour at run time and read counters. Nothing here is throttled or counted.

use hyper::{Method, StatusCode};
use serde_json::{json, Value};

use super::config::{merge, AppCredential};
use super::GraphState;
use crate::common::http::{json_body, Reply, Request};
use crate::common::keys;

fn error(status: StatusCode, message: &str) -> Reply {
    Reply::json(status, &json!({ "error": message }))
}

pub fn handle(state: &GraphState, req: &Request) -> Reply {
    let segs: Vec<&str> = req.path.trim_matches('/').split('/').skip(1).collect();
    match (&req.method, segs.as_slice()) {
        (&Method::GET, ["config"]) => config(state),
        (&Method::PUT | &Method::PATCH | &Method::POST, ["config"]) => set_config(state, req),
        (&Method::GET, ["users"]) => list_users(state),
        (&Method::POST, ["users"]) => seed_users(state, req),
        (&Method::DELETE, ["users"]) => {
            state.lock().users.clear();
            Reply::empty(StatusCode::NO_CONTENT)
        }
        (&Method::GET, ["users", key, "photo"]) => user_photo(state, key),
        (&Method::POST, ["apps"]) => set_apps(state, req),
        (&Method::POST, ["apps", client_id, "certificate"]) => generate_certificate(state, client_id),
        (&Method::POST, ["tokens", "revoke"]) => {
            let mut g = state.lock();
            g.tokens.values_mut().for_each(|t| t.dead = true);
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

fn config(state: &GraphState) -> Reply {
    let g = state.lock();
    Reply::json(StatusCode::OK, &serde_json::to_value(&g.config).unwrap_or_default())
}

fn set_config(state: &GraphState, req: &Request) -> Reply {
    let patch = match json_body(req) {
        Ok(p) => p,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e),
    };
    let mut g = state.lock();
    let applied = merge(&g.config, &patch).and_then(|c| g.apply_config(c));
    match applied {
        Ok(()) => Reply::json(StatusCode::OK, &serde_json::to_value(&g.config).unwrap_or_default()),
        Err(e) => error(StatusCode::BAD_REQUEST, &e),
    }
}

fn list_users(state: &GraphState) -> Reply {
    let g = state.lock();
    let users: Vec<Value> = g
        .users
        .all()
        .iter()
        .map(|u| {
            json!({
                "id": u.id,
                "userPrincipalName": u.user_principal_name,
                "mail": u.mail,
                "givenName": u.given_name,
                "surname": u.surname,
                "employeeId": u.employee_id,
                "displayName": u.display_name,
                "accountEnabled": u.account_enabled,
                "photo": u.photo.as_ref().map(|p| p.summary()),
            })
        })
        .collect();
    Reply::json(StatusCode::OK, &Value::Array(users))
}

/// Body: a JSON array of users, or `{"users": [...]}`. Users are added, or replaced
/// when the id or UPN is already known. Answers the ids in order.
fn seed_users(state: &GraphState, req: &Request) -> Reply {
    let body = match json_body(req) {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e),
    };
    match super::seed(state, body) {
        Ok(ids) => Reply::json(StatusCode::OK, &json!({ "ids": ids })),
        Err(e) => error(StatusCode::BAD_REQUEST, &e),
    }
}

/// The stored bytes, untouched by faults, for byte-for-byte assertions.
fn user_photo(state: &GraphState, key: &str) -> Reply {
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return error(StatusCode::NOT_FOUND, "no such user");
    };
    match &g.users.get(idx).photo {
        Some(p) => Reply::bytes(StatusCode::OK, p.content_type, p.bytes.clone()),
        None => error(StatusCode::NOT_FOUND, "user has no photo"),
    }
}

/// Body: one app or an array of apps; each replaces any app with the same client id.
fn set_apps(state: &GraphState, req: &Request) -> Reply {
    let body = match json_body(req) {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e),
    };
    let list = if body.is_array() {
        body
    } else {
        Value::Array(vec![body])
    };
    let apps: Vec<AppCredential> = match serde_json::from_value(list) {
        Ok(a) => a,
        Err(e) => return error(StatusCode::BAD_REQUEST, &format!("apps: {e}")),
    };
    let mut g = state.lock();
    let mut config = g.config.clone();
    for app in apps {
        config.apps.retain(|a| a.client_id != app.client_id);
        config.apps.push(app);
    }
    match g.apply_config(config) {
        Ok(()) => Reply::json(
            StatusCode::OK,
            &serde_json::to_value(&g.config.apps).unwrap_or_default(),
        ),
        Err(e) => error(StatusCode::BAD_REQUEST, &e),
    }
}

/// Make a key pair and self-signed certificate, register the certificate on the app
/// (creating the app if needed) and hand the private half to the caller.
fn generate_certificate(state: &GraphState, client_id: &str) -> Reply {
    let key = match keys::generate_rsa_key(keys::DEFAULT_BITS) {
        Ok(k) => k,
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e),
    };
    let cert_pem = match keys::self_signed_certificate(&key, &format!("adphoto-fake {client_id}")) {
        Ok(c) => c,
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e),
    };
    let info = match keys::parse_certificate(&cert_pem) {
        Ok(i) => i,
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e),
    };
    let mut g = state.lock();
    let mut config = g.config.clone();
    let existing = config.apps.iter().position(|a| a.client_id == client_id);
    let secret = existing.and_then(|i| config.apps[i].client_secret.clone());
    config.apps.retain(|a| a.client_id != client_id);
    config.apps.push(AppCredential {
        client_id: client_id.to_string(),
        client_secret: secret,
        public_key_pem: None,
        certificate_pem: Some(cert_pem.clone()),
    });
    if let Err(e) = g.apply_config(config) {
        return error(StatusCode::INTERNAL_SERVER_ERROR, &e);
    }
    Reply::json(
        StatusCode::OK,
        &json!({
            "client_id": client_id,
            "private_key_pem": keys::private_key_pem(&key),
            "public_key_pem": keys::public_key_pem(&key.to_public_key()),
            "certificate_pem": cert_pem,
            "x5t": info.x5t,
            "x5t_s256": info.x5t_s256,
        }),
    )
}

fn stats(state: &GraphState) -> Reply {
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

/// Counters, violations and peaks go back to zero; users, tokens, config and the
/// position of each fault rule stay.
fn reset_stats(state: &GraphState) {
    let mut g = state.lock();
    g.stats = Default::default();
    g.retry.clear();
    state.concurrency.reset();
}

/// Back to a fresh server: no users or tokens, zero stats, and (unless
/// `?keep_config=true`) the configuration it started with, apps excepted.
fn reset(state: &GraphState, req: &Request) -> Reply {
    let keep = req.query_param("keep_config") == Some("true");
    reset_stats(state);
    let mut g = state.lock();
    g.users.clear();
    g.tokens.clear();
    let config = if keep {
        g.config.clone()
    } else {
        state.startup_config().clone()
    };
    match g.apply_config(config) {
        Ok(()) => Reply::empty(StatusCode::NO_CONTENT),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e),
    }
}
