//! `GET /v1.0/users` (with `$select`, `$top`, `$filter` on a few properties and
//! `@odata.nextLink` paging) and `GET /v1.0/users/{id | userPrincipalName}`.

use base64::Engine;
use hyper::StatusCode;
use serde_json::{json, Map, Value};

use super::errors::{bad_request, user_not_found};
use super::store::{GraphUser, DEFAULT_PROPERTIES, SELECTABLE};
use super::GraphState;
use crate::common::http::{encode_query, Reply, Request};

/// Graph's documented maximum `$top` for users.
const MAX_TOP: usize = 999;

/// `$select` resolved to canonical property names (Graph matches them case-insensitively).
fn selected(req: &Request) -> Result<(Vec<String>, bool), Reply> {
    let Some(raw) = req.query_param("$select") else {
        return Ok((DEFAULT_PROPERTIES.iter().map(|s| s.to_string()).collect(), false));
    };
    let mut out = Vec::new();
    for name in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match SELECTABLE.iter().find(|p| p.eq_ignore_ascii_case(name)) {
            Some(p) => out.push(p.to_string()),
            None => {
                return Err(bad_request(
                    "Request_BadRequest",
                    &format!("Could not find a property named '{name}' on type 'microsoft.graph.user'."),
                ))
            }
        }
    }
    Ok((out, true))
}

/// `$filter=prop eq 'value'`: the one shape a photo sync needs to look a user up.
fn filter(req: &Request) -> Result<Option<(String, String)>, Reply> {
    let Some(raw) = req.query_param("$filter") else {
        return Ok(None);
    };
    let unsupported = || {
        bad_request(
            "Request_UnsupportedQuery",
            &format!("Unsupported query: $filter={raw}. The fake supports only \"property eq 'value'\"."),
        )
    };
    let mut parts = raw.trim().splitn(3, ' ');
    let (Some(prop), Some(op), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(unsupported());
    };
    if !op.eq_ignore_ascii_case("eq") {
        return Err(unsupported());
    }
    let Some(prop) = SELECTABLE.iter().find(|p| p.eq_ignore_ascii_case(prop)) else {
        return Err(unsupported());
    };
    let value = value.trim();
    if value.len() < 2 || !value.starts_with('\'') || !value.ends_with('\'') {
        return Err(unsupported());
    }
    // OData doubles a quote inside a string literal.
    let value = value[1..value.len() - 1].replace("''", "'");
    Ok(Some((prop.to_string(), value)))
}

fn matches(user: &GraphUser, f: &Option<(String, String)>) -> bool {
    match f {
        None => true,
        Some((prop, value)) => match user.property(prop) {
            Value::String(s) => s.eq_ignore_ascii_case(value),
            Value::Bool(b) => value.eq_ignore_ascii_case(&b.to_string()),
            _ => false,
        },
    }
}

fn encode_skiptoken(offset: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("fake-skip:{offset}"))
}

fn decode_skiptoken(token: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token).ok()?;
    String::from_utf8(raw).ok()?.strip_prefix("fake-skip:")?.parse().ok()
}

pub fn list(state: &GraphState, req: &Request, base: &str) -> Reply {
    let (props, explicit) = match selected(req) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let f = match filter(req) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let g = state.lock();
    let top = match req.query_param("$top") {
        None => g.config.default_page_size.clamp(1, MAX_TOP),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=MAX_TOP).contains(&n) => n,
            _ => {
                return bad_request(
                    "Request_UnsupportedQuery",
                    &format!("Invalid page size specified: '{v}'. Must be between 1 and {MAX_TOP} inclusive."),
                )
            }
        },
    };
    let offset = match req.query_param("$skiptoken") {
        None => 0,
        Some(t) => match decode_skiptoken(t) {
            Some(o) => o,
            None => return bad_request("Request_BadRequest", "Invalid $skiptoken value."),
        },
    };
    let all: Vec<&GraphUser> = g.users.all().iter().filter(|u| matches(u, &f)).collect();
    let page: Vec<Value> = all.iter().skip(offset).take(top).map(|u| u.to_json(&props)).collect();
    let context = if explicit {
        format!("{base}/v1.0/$metadata#users({})", props.join(","))
    } else {
        format!("{base}/v1.0/$metadata#users")
    };
    let mut body = Map::new();
    body.insert("@odata.context".into(), json!(context));
    if offset + top < all.len() {
        // Carry the caller's options forward, replacing only the skip token.
        let mut q: Vec<(String, String)> = req.query.iter().filter(|(k, _)| k != "$skiptoken").cloned().collect();
        q.push(("$skiptoken".into(), encode_skiptoken(offset + top)));
        body.insert(
            "@odata.nextLink".into(),
            json!(format!("{base}/v1.0/users?{}", encode_query(&q))),
        );
    }
    body.insert("value".into(), Value::Array(page));
    Reply::json(StatusCode::OK, &Value::Object(body))
}

pub fn get(state: &GraphState, req: &Request, key: &str, base: &str) -> Reply {
    let (props, _) = match selected(req) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return user_not_found(key);
    };
    let mut body = g.users.get(idx).to_json(&props);
    if let Some(o) = body.as_object_mut() {
        o.insert(
            "@odata.context".into(),
            json!(format!("{base}/v1.0/$metadata#users/$entity")),
        );
    }
    Reply::json(StatusCode::OK, &body)
}
