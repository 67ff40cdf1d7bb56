//! Graph v1.0 requests: routing, the bearer check, and the throttling pipeline every
//! request passes through (Retry-After enforcement, concurrency limit, latency, rules).
//! `$batch` items reuse the routing, the window check, the rules and `execute`.

use hyper::{Method, StatusCode};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::config::GraphFault;
use super::errors::{self, aad_error, graph_error};
use super::{batch, photo, users, GraphState};
use crate::common::faults::RequestClass;
use crate::common::http::{Outcome, Reply, Request};
use crate::common::stats::bump;

/// What a Graph path addresses.
#[derive(Debug, Clone)]
pub enum Target {
    ListUsers,
    GetUser(String),
    PhotoMeta(String),
    PhotoValue(String),
    PhotoPut(String),
    PhotoDelete(String),
    Batch,
}

#[derive(Debug, Clone)]
pub struct Route {
    pub target: Target,
    pub class: RequestClass,
    /// "METHOD template" for stats.
    pub key: String,
}

/// Route `rest`, the path after `/v1.0`.
pub fn route(method: &Method, rest: &str) -> Result<Route, Reply> {
    let segs: Vec<&str> = rest.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let m = method.as_str();
    let make = |target, class, template: &str| {
        Ok(Route {
            target,
            class,
            key: format!("{m} /v1.0{template}"),
        })
    };
    let not_allowed = || {
        Err(graph_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "Request_BadRequest",
            "Specified HTTP method is not allowed for the request target.",
        ))
    };
    let key = |i: usize| segs[i].to_string();
    match segs.as_slice() {
        ["users"] => match *method {
            Method::GET => make(Target::ListUsers, RequestClass::Users, "/users"),
            _ => not_allowed(),
        },
        ["users", _] => match *method {
            Method::GET => make(Target::GetUser(key(1)), RequestClass::Users, "/users/{id}"),
            _ => not_allowed(),
        },
        ["users", _, "photo"] => match *method {
            Method::GET => make(Target::PhotoMeta(key(1)), RequestClass::PhotoRead, "/users/{id}/photo"),
            Method::DELETE => make(
                Target::PhotoDelete(key(1)),
                RequestClass::PhotoWrite,
                "/users/{id}/photo",
            ),
            _ => not_allowed(),
        },
        ["users", _, "photo", "$value"] => match *method {
            Method::GET => make(
                Target::PhotoValue(key(1)),
                RequestClass::PhotoRead,
                "/users/{id}/photo/$value",
            ),
            Method::PUT | Method::PATCH => make(
                Target::PhotoPut(key(1)),
                RequestClass::PhotoWrite,
                "/users/{id}/photo/$value",
            ),
            Method::DELETE => make(
                Target::PhotoDelete(key(1)),
                RequestClass::PhotoWrite,
                "/users/{id}/photo/$value",
            ),
            _ => not_allowed(),
        },
        ["$batch"] => match *method {
            Method::POST => make(Target::Batch, RequestClass::Batch, "/$batch"),
            _ => not_allowed(),
        },
        _ => Err(errors::bad_request(
            "BadRequest",
            &format!("Resource not found for the segment '{}'.", segs.first().unwrap_or(&"")),
        )),
    }
}

/// Which error dialect a refusal is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStyle {
    Graph,
    /// The token endpoint speaks OAuth/Entra errors.
    Aad,
}

fn throttled(style: ErrorStyle, secs: u64) -> Reply {
    match style {
        ErrorStyle::Graph => errors::too_many_requests(secs),
        ErrorStyle::Aad => aad_error(
            StatusCode::TOO_MANY_REQUESTS,
            "temporarily_unavailable",
            90055,
            "The request was throttled. Retry after the time given in the Retry-After header.",
        )
        .with_header("retry-after", &secs.to_string()),
    }
}

fn unavailable(style: ErrorStyle, secs: Option<u64>) -> Reply {
    match style {
        ErrorStyle::Graph => errors::service_unavailable(secs),
        ErrorStyle::Aad => {
            let r = aad_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                90033,
                "A transient error has occurred. Please try again.",
            );
            match secs {
                Some(s) => r.with_header("retry-after", &s.to_string()),
                None => r,
            }
        }
    }
}

/// A request arrived: if the client is still inside a Retry-After we gave it, count
/// the violation and (when enforcing) refuse it again for the time that remains.
pub fn check_window(
    state: &GraphState,
    client: &str,
    class: RequestClass,
    req: &Request,
    style: ErrorStyle,
) -> Option<Outcome> {
    let now = Instant::now();
    let mut g = state.lock();
    let grace = Duration::from_millis(g.config.retry_after_grace_ms);
    let reaction = Duration::from_millis(g.config.retry_after_reaction_ms);
    let open = g.retry.arrive(
        client,
        class.resource(),
        req.method.as_str(),
        &req.path,
        now,
        grace,
        reaction,
    )?;
    if !g.config.enforce_retry_after {
        return None;
    }
    let secs = open.remaining_secs.max(1);
    g.retry.refused(client, class.resource(), 429, Some(secs), now);
    Some(throttled(style, secs).into())
}

/// Run the fault rules for this request. `allow_drop` is false for `$batch` items,
/// which cannot hang up a connection on their own.
pub fn decide_fault(
    state: &GraphState,
    client: &str,
    class: RequestClass,
    allow_drop: bool,
    style: ErrorStyle,
) -> Option<Outcome> {
    let now = Instant::now();
    let mut g = state.lock();
    let fired = g.faults.decide(class, |k| allow_drop || *k != GraphFault::Drop)?;
    let resource = class.resource();
    Some(match fired.kind {
        GraphFault::Throttle => {
            let secs = fired.retry_after_secs.unwrap_or(g.config.default_retry_after_secs);
            g.retry.refused(client, resource, 429, Some(secs), now);
            throttled(style, secs).into()
        }
        GraphFault::Unavailable => {
            g.retry.refused(client, resource, 503, fired.retry_after_secs, now);
            unavailable(style, fired.retry_after_secs).into()
        }
        GraphFault::Drop => Outcome::Drop,
        GraphFault::Forbidden => match style {
            ErrorStyle::Graph => errors::forbidden().into(),
            ErrorStyle::Aad => aad_error(
                StatusCode::FORBIDDEN,
                "unauthorized_client",
                700016,
                "The application is not allowed to sign in to this tenant.",
            )
            .into(),
        },
    })
}

/// The app behind the request's bearer token, or the 401 to send.
pub fn authenticate(state: &GraphState, req: &Request) -> Result<String, Reply> {
    let Some(token) = req.bearer_token() else {
        return Err(errors::missing_token());
    };
    let mut guard = state.lock();
    let g = &mut *guard;
    let now = Instant::now();
    let force = g.config.expire_next_token_uses > 0;
    let Some(info) = g.tokens.get_mut(token) else {
        return Err(errors::invalid_token());
    };
    if info.dead || info.expires <= now {
        return Err(errors::invalid_token());
    }
    if force {
        info.dead = true;
        g.config.expire_next_token_uses -= 1;
        g.stats.forced_expiries += 1;
        return Err(errors::invalid_token());
    }
    Ok(info.client_id.clone())
}

/// A top-level `/v1.0/...` request.
pub async fn handle(state: Arc<GraphState>, req: Request) -> Outcome {
    let rest = req.path["/v1.0".len()..].to_string();
    let route = match route(&req.method, &rest) {
        Ok(r) => r,
        Err(reply) => return reply.into(),
    };
    let (limit, latency, concurrency_secs) = {
        let mut g = state.lock();
        bump(&mut g.stats.requests, &route.key);
        (
            g.config.max_concurrent_per_app,
            g.config.latency_ms,
            g.config.concurrency_retry_after_secs,
        )
    };
    let client = match authenticate(&state, &req) {
        Ok(c) => c,
        Err(reply) => return reply.into(),
    };
    // Held until the answer is built, so in-flight counts cover the latency too.
    let slot = state.concurrency.enter(&client, limit);
    if let Some(stop) = check_window(&state, &client, route.class, &req, ErrorStyle::Graph) {
        return stop;
    }
    if !slot.admitted {
        let mut g = state.lock();
        g.retry.refused(
            &client,
            route.class.resource(),
            429,
            Some(concurrency_secs),
            Instant::now(),
        );
        return errors::too_many_requests(concurrency_secs).into();
    }
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(stop) = decide_fault(&state, &client, route.class, true, ErrorStyle::Graph) {
        return stop;
    }
    let base = req.base_url(&state.base_url);
    let reply = match &route.target {
        Target::Batch => batch::handle(&state, &req, &client, &base),
        _ => execute(&state, &route.target, &req, &base),
    };
    drop(slot);
    reply.into()
}

/// Carry out a routed, admitted request.
pub fn execute(state: &GraphState, target: &Target, req: &Request, base: &str) -> Reply {
    match target {
        Target::ListUsers => users::list(state, req, base),
        Target::GetUser(key) => users::get(state, req, key, base),
        Target::PhotoMeta(key) => photo::meta(state, key, base),
        Target::PhotoValue(key) => photo::value(state, key),
        Target::PhotoPut(key) => photo::put(state, req, key),
        Target::PhotoDelete(key) => photo::delete(state, key),
        Target::Batch => errors::bad_request("BadRequest", "A $batch request cannot contain another $batch."),
    }
}
