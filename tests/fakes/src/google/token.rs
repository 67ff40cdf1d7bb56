//! `POST /token`: Google's OAuth 2.0 JWT-bearer grant for service accounts
//! (developers.google.com/identity/protocols/oauth2/service-account), with
//! domain-wide delegation: the assertion's `sub` names the user to act as.

use hyper::StatusCode;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::api::{check_window, decide_fault, Dialect};
use super::errors::oauth_error;
use super::{GoogleState, TokenInfo};
use crate::common::clock::unix_now;
use crate::common::faults::RequestClass;
use crate::common::http::{form_value, Outcome, Reply, Request};
use crate::common::ids::access_token;
use crate::common::jwt::Jwt;
use crate::common::stats::bump;

pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// Google allows assertions of at most an hour.
const MAX_LIFETIME_SECS: i64 = 3600;
const SKEW_SECS: i64 = 300;
const TIME_MESSAGE: &str = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the assertion and use a clock with skew to account for clock differences between systems.";

pub async fn handle(state: Arc<GoogleState>, req: Request) -> Outcome {
    let form = req.form();
    // Before verification the only name we have for the caller is the claimed issuer.
    let client = form_value(&form, "assertion")
        .and_then(|a| Jwt::parse(a).ok())
        .and_then(|j| j.claim_str("iss").map(str::to_string))
        .unwrap_or_else(|| "anonymous".into());
    let latency = {
        let mut g = state.lock();
        bump(&mut g.stats.requests, &format!("{} /token", req.method));
        g.config.latency_ms
    };
    if req.method != hyper::Method::POST {
        return oauth_error(StatusCode::METHOD_NOT_ALLOWED, "invalid_request", "Use POST.").into();
    }
    if let Some(stop) = check_window(&state, &client, RequestClass::Token, &req, Dialect::OAuth) {
        return stop;
    }
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(stop) = decide_fault(&state, &client, RequestClass::Token, true, Dialect::OAuth) {
        return stop;
    }
    let own_uri = format!("{}/token", req.base_url(&state.base_url));
    let reply = issue(&state, &form, &own_uri);
    let mut g = state.lock();
    if reply.status.is_success() {
        g.stats.tokens_issued += 1;
    } else {
        g.stats.token_errors += 1;
    }
    reply.into()
}

fn invalid_grant(description: &str) -> Reply {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

fn unauthorized_client(detail: &str) -> Reply {
    oauth_error(
        StatusCode::UNAUTHORIZED,
        "unauthorized_client",
        &format!("Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested. ({detail})"),
    )
}

fn issue(state: &GoogleState, form: &[(String, String)], own_uri: &str) -> Reply {
    match form_value(form, "grant_type") {
        Some(GRANT_TYPE) => {}
        Some(other) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                &format!("Invalid grant_type: {other}"),
            )
        }
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing required parameter: grant_type",
            )
        }
    }
    let Some(assertion) = form_value(form, "assertion").filter(|a| !a.is_empty()) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: assertion",
        );
    };
    let jwt = match Jwt::parse(assertion) {
        Ok(j) => j,
        Err(e) => return invalid_grant(&format!("Invalid JWT: {e}")),
    };
    if jwt.alg() != "RS256" {
        return invalid_grant("Invalid JWT Signature.");
    }
    let mut g = state.lock();
    let Some(iss) = jwt.claim_str("iss") else {
        return invalid_grant("Invalid JWT: missing 'iss' claim.");
    };
    let Some(account) = g.accounts.get(iss).cloned() else {
        return invalid_grant("Invalid grant: account not found");
    };
    if let (Some(expected), Some(kid)) = (&account.private_key_id, jwt.header_str("kid")) {
        if expected != kid {
            return invalid_grant("Invalid JWT Signature.");
        }
    }
    if jwt.verify(&account.key).is_err() {
        return invalid_grant("Invalid JWT Signature.");
    }
    let aud = jwt.claim_str("aud").unwrap_or("");
    if aud != own_uri && aud != state.token_uri() {
        return invalid_grant(&format!(
            "Invalid JWT: Failed audience check. The right audience is {}",
            state.token_uri()
        ));
    }
    let now = unix_now();
    let (Some(iat), Some(exp)) = (jwt.claim_time("iat"), jwt.claim_time("exp")) else {
        return invalid_grant(TIME_MESSAGE);
    };
    if exp <= iat || exp - iat > MAX_LIFETIME_SECS || iat > now + SKEW_SECS || exp < now - SKEW_SECS {
        return invalid_grant(TIME_MESSAGE);
    }
    let scopes: Vec<String> = jwt
        .claim_str("scope")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if scopes.is_empty() {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "Empty or missing scope not allowed.",
        );
    }
    if let Some(s) = scopes.iter().find(|s| !g.config.delegated_scopes.contains(s)) {
        return unauthorized_client(&format!(
            "scope {s} is not granted to this client by domain-wide delegation"
        ));
    }
    if !scopes
        .iter()
        .any(|s| s == super::config::SCOPE_USER || s == super::config::SCOPE_USER_READONLY)
    {
        return unauthorized_client("the admin.directory.user scope is required");
    }
    let Some(sub) = jwt.claim_str("sub").filter(|s| !s.is_empty()) else {
        return unauthorized_client("no 'sub' claim: domain-wide delegation needs a user to impersonate");
    };
    if !g.config.admins.iter().any(|a| a.eq_ignore_ascii_case(sub)) {
        return unauthorized_client(&format!("{sub} is not an administrator this client may impersonate"));
    }
    let lifetime = g.config.token_lifetime_secs;
    let token = access_token("ya29.fake-");
    g.tokens.insert(
        token.clone(),
        TokenInfo {
            client_email: iss.to_string(),
            subject: sub.to_ascii_lowercase(),
            scopes,
            expires: Instant::now() + Duration::from_secs(lifetime),
            dead: false,
        },
    );
    Reply::json(
        StatusCode::OK,
        &json!({ "access_token": token, "expires_in": lifetime, "token_type": "Bearer" }),
    )
}
