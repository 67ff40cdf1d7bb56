//! `POST /v1.0/$batch` (learn.microsoft.com/graph/json-batching): up to 20 requests,
//! each answered in `responses` with its own status, headers and body. Items pass the
//! same Retry-After check and fault rules as top-level requests, so a single item can
//! come back 429 with its own Retry-After while its neighbours succeed.

use base64::Engine;
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use hyper::{Method, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

use super::api::{check_window, decide_fault, execute, route, ErrorStyle, Target};
use super::errors::bad_request;
use super::GraphState;
use crate::common::http::{json_body, Outcome, Reply, Request};
use crate::common::stats::bump;

pub fn handle(state: &GraphState, req: &Request, client: &str, base: &str) -> Reply {
    let body = match json_body(req) {
        Ok(b) => b,
        Err(why) => return bad_request("BadRequest", &format!("Invalid batch payload: {why}.")),
    };
    let Some(items) = body.get("requests").and_then(Value::as_array) else {
        return bad_request("BadRequest", "Invalid batch payload: a 'requests' array is required.");
    };
    let max = state.lock().config.max_batch_requests;
    if items.is_empty() {
        return bad_request(
            "BadRequest",
            "Invalid batch payload: 'requests' must contain at least one request.",
        );
    }
    if items.len() > max {
        return bad_request(
            "BadRequest",
            &format!(
                "Invalid batch payload: {} requests sent; the maximum number of requests in a batch is {max}.",
                items.len()
            ),
        );
    }
    let mut seen = HashSet::new();
    for item in items {
        let id = item.get("id").and_then(Value::as_str);
        let method = item.get("method").and_then(Value::as_str);
        let url = item.get("url").and_then(Value::as_str);
        let (Some(id), Some(_), Some(_)) = (id, method, url) else {
            return bad_request(
                "BadRequest",
                "Invalid batch payload: every request needs string 'id', 'method' and 'url' properties.",
            );
        };
        if !seen.insert(id.to_string()) {
            return bad_request(
                "BadRequest",
                &format!("Invalid batch payload: duplicate request id '{id}'."),
            );
        }
    }
    let responses: Vec<Value> = items.iter().map(|item| run_item(state, item, client, base)).collect();
    Reply::json(StatusCode::OK, &json!({ "responses": responses }))
}

fn run_item(state: &GraphState, item: &Value, client: &str, base: &str) -> Value {
    let id = item["id"].as_str().unwrap_or_default().to_string();
    let reply = item_reply(state, item, client, base);
    state.lock().stats.status(reply.status.as_u16());
    item_json(&id, reply)
}

fn item_reply(state: &GraphState, item: &Value, client: &str, base: &str) -> Reply {
    let method = match Method::from_bytes(item["method"].as_str().unwrap_or("").to_ascii_uppercase().as_bytes()) {
        Ok(m) => m,
        Err(_) => return bad_request("BadRequest", "Invalid HTTP method in batch request."),
    };
    let url = item["url"].as_str().unwrap_or("");
    if url.starts_with("http://") || url.starts_with("https://") {
        return bad_request(
            "BadRequest",
            "Batch request URLs must be relative to the version, like /users/{id}.",
        );
    }
    let mut headers = HeaderMap::new();
    if let Some(h) = item.get("headers").and_then(Value::as_object) {
        for (k, v) in h {
            if let (Ok(name), Some(Ok(value))) = (
                HeaderName::from_bytes(k.as_bytes()),
                v.as_str().map(HeaderValue::from_str),
            ) {
                headers.insert(name, value);
            }
        }
    }
    let body = match item_body(item, &headers) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let path_and_query = format!("/v1.0/{}", url.trim_start_matches('/'));
    let sub = Request::new(method, &path_and_query, headers, body.into());
    let route = match route(&sub.method, &sub.path["/v1.0".len()..]) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    if matches!(route.target, Target::Batch) {
        return bad_request("BadRequest", "A $batch request cannot contain another $batch.");
    }
    bump(&mut state.lock().stats.batch_items, &route.key);
    let refused = check_window(state, client, route.class, &sub, ErrorStyle::Graph)
        .or_else(|| decide_fault(state, client, route.class, false, ErrorStyle::Graph));
    match refused {
        Some(Outcome::Reply(r)) => r,
        Some(Outcome::Drop) => bad_request("BadRequest", "internal: batch items cannot drop"),
        None => execute(state, &route.target, &sub, base),
    }
}

/// JSON bodies travel as JSON; binary ones (a photo) as a base64 string, with the
/// item's Content-Type saying what the bytes are.
fn item_body(item: &Value, headers: &HeaderMap) -> Result<Vec<u8>, Reply> {
    let Some(body) = item.get("body") else {
        return Ok(Vec::new());
    };
    let ct = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.contains("json") || ct.is_empty() {
        if ct.is_empty() {
            return Err(bad_request(
                "BadRequest",
                "A batch request with a body must have a Content-Type header.",
            ));
        }
        return Ok(serde_json::to_vec(body).unwrap_or_default());
    }
    match body.as_str() {
        Some(s) => base64::engine::general_purpose::STANDARD
            .decode(s)
            .map_err(|_| bad_request("BadRequest", "A binary batch body must be a base64 string.")),
        None => Err(bad_request(
            "BadRequest",
            "A binary batch body must be a base64 string.",
        )),
    }
}

/// `Content-Type` rather than `content-type`, as Graph writes item headers.
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn item_json(id: &str, reply: Reply) -> Value {
    let mut headers = Map::new();
    for (name, value) in &reply.headers {
        if let Ok(v) = value.to_str() {
            headers.insert(title_case(name.as_str()), json!(v));
        }
    }
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    out.insert("status".into(), json!(reply.status.as_u16()));
    out.insert("headers".into(), Value::Object(headers));
    if !reply.body.is_empty() {
        let is_json = reply.content_type().is_some_and(|c| c.contains("json"));
        let body = if is_json {
            serde_json::from_slice(&reply.body).unwrap_or(Value::Null)
        } else {
            json!(base64::engine::general_purpose::STANDARD.encode(&reply.body))
        };
        out.insert("body".into(), body);
    }
    Value::Object(out)
}
