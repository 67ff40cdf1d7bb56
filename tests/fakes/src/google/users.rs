//! users.list and users.get. Paging is by opaque `pageToken`; a token only works with
//! the same customer/domain/query/order it was issued for, as a real cursor would.

use base64::Engine;
use hyper::StatusCode;
use serde_json::{json, Map, Value};

use super::errors::{bad_request, forbidden, invalid, not_found};
use super::store::GUser;
use super::{fields, query, GoogleState};
use crate::common::http::{Reply, Request};
use crate::common::ids::sha256_hex;

const MAX_RESULTS: usize = 500;

fn range_error(name: &str, v: &str) -> Reply {
    invalid(&format!(
        "Invalid value '{v}' for {name}. Values must be within the range: [1, {MAX_RESULTS}]"
    ))
}

fn page_token(offset: usize, fingerprint: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{offset}:{fingerprint}"))
}

fn read_page_token(token: &str, fingerprint: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (offset, fp) = text.split_once(':')?;
    (fp == fingerprint).then(|| offset.parse().ok()).flatten()
}

/// Apply `fields=` if the request has it.
fn select(req: &Request, body: Value) -> Reply {
    match req.query_param("fields") {
        None => Reply::json(StatusCode::OK, &body),
        Some(spec) => match fields::parse(spec) {
            Ok(sel) => Reply::json(StatusCode::OK, &sel.apply(&body)),
            Err(e) => invalid(&e),
        },
    }
}

pub fn list(state: &GoogleState, req: &Request, base: &str) -> Reply {
    let g = state.lock();
    let customer = req.query_param("customer").filter(|s| !s.is_empty());
    let domain = req.query_param("domain").filter(|s| !s.is_empty());
    if customer.is_none() && domain.is_none() {
        return bad_request();
    }
    if let Some(c) = customer {
        if c != "my_customer" && c != g.config.customer_id {
            return forbidden();
        }
    }
    if let Some(d) = domain {
        if !g.domains().contains(&d.to_ascii_lowercase()) {
            return forbidden();
        }
    }
    let max = match req.query_param("maxResults") {
        None => g.config.default_page_size.clamp(1, MAX_RESULTS),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=MAX_RESULTS).contains(&n) => n,
            _ => return range_error("maxResults", v),
        },
    };
    let order_by = req.query_param("orderBy");
    if let Some(o) = order_by {
        if !["email", "givenName", "familyName"].contains(&o) {
            return invalid(&format!(
                "Invalid value '{o}' for orderBy. Allowed: email, givenName, familyName"
            ));
        }
    }
    let descending = match req.query_param("sortOrder").map(str::to_ascii_uppercase).as_deref() {
        None | Some("ASCENDING") => false,
        Some("DESCENDING") => true,
        Some(o) => return invalid(&format!("Invalid value '{o}' for sortOrder.")),
    };
    if let Some(p) = req.query_param("projection") {
        if !["basic", "full", "custom"].contains(&p.to_ascii_lowercase().as_str()) {
            return invalid(&format!("Invalid value '{p}' for projection."));
        }
    }
    let clauses = match query::parse(req.query_param("query").unwrap_or("")) {
        Ok(c) => c,
        Err(e) => return invalid(&e),
    };
    let fingerprint = sha256_hex(
        format!(
            "{customer:?}|{domain:?}|{:?}|{order_by:?}|{descending}|{:?}",
            req.query_param("query"),
            req.query_param("showDeleted")
        )
        .as_bytes(),
    )[..16]
        .to_string();
    let offset = match req.query_param("pageToken").filter(|s| !s.is_empty()) {
        None => 0,
        Some(t) => match read_page_token(t, &fingerprint) {
            Some(o) => o,
            None => return invalid("Invalid Input: pageToken does not belong to this query"),
        },
    };
    let show_deleted = req.query_param("showDeleted") == Some("true");
    let mut matched: Vec<&GUser> = g
        .users
        .all()
        .iter()
        .filter(|_| !show_deleted)
        .filter(|u| {
            domain.is_none_or(|d| {
                u.primary_email
                    .rsplit('@')
                    .next()
                    .is_some_and(|ud| ud.eq_ignore_ascii_case(d))
            })
        })
        .filter(|u| query::matches(u, &clauses))
        .collect();
    if let Some(o) = order_by {
        let key = |u: &GUser| match o {
            "email" => u.primary_email.to_lowercase(),
            "givenName" => u.given_name.to_lowercase(),
            _ => u.family_name.to_lowercase(),
        };
        matched.sort_by_key(|u| key(u));
        if descending {
            matched.reverse();
        }
    }
    let page: Vec<Value> = matched
        .iter()
        .skip(offset)
        .take(max)
        .map(|u| u.to_json(base, &g.config.customer_id))
        .collect();
    let mut body = Map::new();
    body.insert("kind".into(), json!("admin#directory#users"));
    body.insert("etag".into(), json!(format!("\"fake-users-{fingerprint}-{offset}\"")));
    // Like the real API, an empty page has no "users" member at all.
    if !page.is_empty() {
        body.insert("users".into(), Value::Array(page));
    }
    if offset + max < matched.len() {
        body.insert("nextPageToken".into(), json!(page_token(offset + max, &fingerprint)));
    }
    select(req, Value::Object(body))
}

pub fn get(state: &GoogleState, req: &Request, key: &str, base: &str) -> Reply {
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return not_found("userKey");
    };
    select(req, g.users.get(idx).to_json(base, &g.config.customer_id))
}
