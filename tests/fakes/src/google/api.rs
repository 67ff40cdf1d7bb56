//! Directory API requests under `/admin/directory/v1`: routing, the bearer and scope
//! checks, and the same throttling pipeline as the Graph fake (Retry-After windows
//! when a rule sends one, concurrency limit, latency, fault rules).

use hyper::{Method, StatusCode};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::config::{GoogleFault, SCOPE_USER};
use super::errors::{self, fault, token_fault};
use super::{photos, users, GoogleState};
use crate::common::faults::RequestClass;
use crate::common::http::{Outcome, Reply, Request};
use crate::common::stats::bump;

pub const PREFIX: &str = "/admin/directory/v1/";

#[derive(Debug, Clone)]
pub enum Target {
    ListUsers,
    GetUser(String),
    PhotoGet(String),
    PhotoPut(String),
    PhotoDelete(String),
}

#[derive(Debug, Clone)]
pub struct Route {
    pub target: Target,
    pub class: RequestClass,
    pub key: String,
}

pub fn route(method: &Method, rest: &str) -> Result<Route, Reply> {
    let segs: Vec<&str> = rest.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let m = method.as_str();
    let make = |target, class, template: &str| {
        Ok(Route {
            target,
            class,
            key: format!("{m} /admin/directory/v1{template}"),
        })
    };
    let not_allowed = || {
        Err(errors::google_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "global",
            "httpMethodNotAllowed",
            "Method not allowed on this resource.",
        ))
    };
    let key = |i: usize| segs[i].to_string();
    match segs.as_slice() {
        ["users"] => match *method {
            Method::GET => make(Target::ListUsers, RequestClass::Users, "/users"),
            _ => not_allowed(),
        },
        ["users", _] => match *method {
            Method::GET => make(Target::GetUser(key(1)), RequestClass::Users, "/users/{userKey}"),
            _ => not_allowed(),
        },
        ["users", _, "photos", "thumbnail"] => match *method {
            Method::GET => make(
                Target::PhotoGet(key(1)),
                RequestClass::PhotoRead,
                "/users/{userKey}/photos/thumbnail",
            ),
            Method::PUT | Method::PATCH => make(
                Target::PhotoPut(key(1)),
                RequestClass::PhotoWrite,
                "/users/{userKey}/photos/thumbnail",
            ),
            Method::DELETE => make(
                Target::PhotoDelete(key(1)),
                RequestClass::PhotoWrite,
                "/users/{userKey}/photos/thumbnail",
            ),
            _ => not_allowed(),
        },
        _ => Err(errors::not_found(&format!("/admin/directory/v1/{}", segs.join("/")))),
    }
}

/// API errors or token-endpoint (OAuth) errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Api,
    OAuth,
}

fn refusal(dialect: Dialect, kind: GoogleFault, retry_after: Option<u64>) -> Reply {
    match dialect {
        Dialect::Api => fault(kind, retry_after),
        Dialect::OAuth => token_fault(kind, retry_after),
    }
}

fn reason(kind: GoogleFault) -> &'static str {
    match kind {
        GoogleFault::UserRateLimitExceeded => "userRateLimitExceeded",
        GoogleFault::QuotaExceeded => "quotaExceeded",
        GoogleFault::RateLimitExceeded => "rateLimitExceeded",
        GoogleFault::BackendError => "backendError",
        GoogleFault::InternalError => "internalError",
        GoogleFault::Drop => "drop",
    }
}

/// Count and (when enforcing) refuse a request that came back inside a Retry-After.
pub fn check_window(
    state: &GoogleState,
    client: &str,
    class: RequestClass,
    req: &Request,
    dialect: Dialect,
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
    let kind = GoogleFault::UserRateLimitExceeded;
    g.retry.refused(client, class.resource(), 403, Some(secs), now);
    g.stats.rate_limited(reason(kind));
    Some(refusal(dialect, kind, Some(secs)).into())
}

pub fn decide_fault(
    state: &GoogleState,
    client: &str,
    class: RequestClass,
    allow_drop: bool,
    dialect: Dialect,
) -> Option<Outcome> {
    let now = Instant::now();
    let mut g = state.lock();
    let fired = g.faults.decide(class, |k| allow_drop || *k != GoogleFault::Drop)?;
    if fired.kind == GoogleFault::Drop {
        return Some(Outcome::Drop);
    }
    let reply = refusal(dialect, fired.kind, fired.retry_after_secs);
    if fired.kind.is_rate_limit() {
        g.stats.rate_limited(reason(fired.kind));
    }
    g.retry.refused(
        client,
        class.resource(),
        reply.status.as_u16(),
        fired.retry_after_secs,
        now,
    );
    Some(reply.into())
}

/// The token behind the request, or the 401 to send.
pub fn authenticate(state: &GoogleState, req: &Request) -> Result<super::TokenInfo, Reply> {
    let Some(token) = req.bearer_token() else {
        return Err(errors::invalid_credentials());
    };
    let mut guard = state.lock();
    let g = &mut *guard;
    let force = g.config.expire_next_token_uses > 0;
    let Some(info) = g.tokens.get_mut(token) else {
        return Err(errors::invalid_credentials());
    };
    if info.dead || info.expires <= Instant::now() {
        return Err(errors::invalid_credentials());
    }
    if force {
        info.dead = true;
        g.config.expire_next_token_uses -= 1;
        g.stats.forced_expiries += 1;
        return Err(errors::invalid_credentials());
    }
    Ok(info.clone())
}

pub async fn handle(state: Arc<GoogleState>, req: Request) -> Outcome {
    let rest = req.path[PREFIX.len() - 1..].to_string();
    let route = match route(&req.method, &rest) {
        Ok(r) => r,
        Err(reply) => return reply.into(),
    };
    let (limit, latency) = {
        let mut g = state.lock();
        bump(&mut g.stats.requests, &route.key);
        (g.config.max_concurrent, g.config.latency_ms)
    };
    let token = match authenticate(&state, &req) {
        Ok(t) => t,
        Err(reply) => return reply.into(),
    };
    if route.class == RequestClass::PhotoWrite && !token.scopes.iter().any(|s| s == SCOPE_USER) {
        return errors::insufficient_scopes().into();
    }
    let client = token.client();
    let slot = state.concurrency.enter(&client, limit);
    if let Some(stop) = check_window(&state, &client, route.class, &req, Dialect::Api) {
        return stop;
    }
    if !slot.admitted {
        let mut g = state.lock();
        g.stats.rate_limited("quotaExceeded");
        g.retry
            .refused(&client, route.class.resource(), 403, None, Instant::now());
        return fault(GoogleFault::QuotaExceeded, None).into();
    }
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(stop) = decide_fault(&state, &client, route.class, true, Dialect::Api) {
        return stop;
    }
    let base = req.base_url(&state.base_url);
    let reply = match &route.target {
        Target::ListUsers => users::list(&state, &req, &base),
        Target::GetUser(key) => users::get(&state, &req, key, &base),
        Target::PhotoGet(key) => photos::get(&state, key),
        Target::PhotoPut(key) => photos::put(&state, &req, key),
        Target::PhotoDelete(key) => photos::delete(&state, key),
    };
    drop(slot);
    reply.into()
}
