//! `POST /{tenant}/oauth2/v2.0/token`: the Entra ID client credentials grant, with a
//! client secret or a certificate-signed client assertion (RFC 7523 private_key_jwt).
//! Checks follow learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
//! and …/certificate-credentials.

use hyper::{Method, StatusCode};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::api::{check_window, decide_fault, ErrorStyle};
use super::errors::aad_error;
use super::{GraphState, TokenInfo};
use crate::common::clock::unix_now;
use crate::common::faults::RequestClass;
use crate::common::http::{form_value, Outcome, Reply, Request};
use crate::common::ids::access_token;
use crate::common::jwt::{Jwt, JwtError};
use crate::common::stats::bump;

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const STATS_KEY: &str = "POST /{tenant}/oauth2/v2.0/token";
/// Clock skew Entra tolerates on assertion times.
const SKEW_SECS: i64 = 300;

/// `/{tenant}/oauth2/v2.0/token`
pub fn is_token_path(path: &str) -> bool {
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    segs.len() == 4 && !segs[0].is_empty() && segs[1] == "oauth2" && segs[2] == "v2.0" && segs[3] == "token"
}

pub async fn handle(state: Arc<GraphState>, req: Request) -> Outcome {
    let tenant = req
        .path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    let form = req.form();
    let client = form_value(&form, "client_id").unwrap_or("anonymous").to_string();
    let latency = {
        let mut g = state.lock();
        bump(&mut g.stats.requests, STATS_KEY);
        g.config.latency_ms
    };
    if req.method != Method::POST {
        return aad_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "invalid_request",
            900561,
            "The endpoint only accepts POST requests.",
        )
        .into();
    }
    if let Some(stop) = check_window(&state, &client, RequestClass::Token, &req, ErrorStyle::Aad) {
        return stop;
    }
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(stop) = decide_fault(&state, &client, RequestClass::Token, true, ErrorStyle::Aad) {
        return stop;
    }
    let base = req.base_url(&state.base_url);
    let reply = issue(&state, &tenant, &form, &base);
    let mut g = state.lock();
    if reply.status.is_success() {
        g.stats.tokens_issued += 1;
    } else {
        g.stats.token_errors += 1;
    }
    reply.into()
}

fn issue(state: &GraphState, tenant: &str, form: &[(String, String)], base: &str) -> Reply {
    let mut g = state.lock();
    let field = |name: &str| form_value(form, name).filter(|v| !v.is_empty());

    if let Some(expected) = &g.config.tenant {
        if !tenant.eq_ignore_ascii_case(expected) {
            return aad_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                90002,
                &format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
            );
        }
    }
    match field("grant_type") {
        Some("client_credentials") => {}
        Some(other) => {
            return aad_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                70003,
                &format!("The app requested an unsupported grant type '{other}'."),
            )
        }
        None => {
            return aad_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'grant_type'.",
            )
        }
    }
    let Some(client_id) = field("client_id") else {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        );
    };
    match field("scope") {
        Some(scope) if scope.split_whitespace().count() == 1 && scope.ends_with("/.default") => {}
        Some(scope) => {
            return aad_error(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                1002012,
                &format!("The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."),
            )
        }
        None => {
            return aad_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'scope'.",
            )
        }
    }
    let Some(app) = g.apps.get(client_id).cloned() else {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."),
        );
    };

    match (field("client_secret"), field("client_assertion")) {
        (Some(_), Some(_)) => {
            return aad_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                50027,
                "Only one credential may be sent: 'client_secret' or 'client_assertion', not both.",
            )
        }
        (None, None) => {
            return aad_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )
        }
        (Some(secret), None) => {
            if app.secret.as_deref() != Some(secret) {
                return aad_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'.".replace("{client_id}", client_id).as_str(),
                );
            }
        }
        (None, Some(assertion)) => {
            let token_url = format!("{base}/{tenant}/oauth2/v2.0/token");
            if let Err(reply) = check_assertion(&app, client_id, field("client_assertion_type"), assertion, &token_url)
            {
                return reply;
            }
        }
    }

    let lifetime = g.config.token_lifetime_secs;
    let token = access_token("graph-fake.");
    g.tokens.insert(
        token.clone(),
        TokenInfo {
            client_id: client_id.to_string(),
            expires: Instant::now() + Duration::from_secs(lifetime),
            dead: false,
        },
    );
    Reply::json(
        StatusCode::OK,
        &json!({
            "token_type": "Bearer",
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": token,
        }),
    )
}

fn check_assertion(
    app: &super::ParsedApp,
    client_id: &str,
    assertion_type: Option<&str>,
    assertion: &str,
    token_url: &str,
) -> Result<(), Reply> {
    let invalid_client = |code: u32, msg: &str| aad_error(StatusCode::UNAUTHORIZED, "invalid_client", code, msg);
    if assertion_type != Some(ASSERTION_TYPE) {
        return Err(aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            700026,
            &format!("Client assertion type must be '{ASSERTION_TYPE}'."),
        ));
    }
    let jwt = Jwt::parse(assertion).map_err(|e| {
        aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            50027,
            &format!("JWT token is invalid or malformed ({e})."),
        )
    })?;
    let Some(key) = &app.key else {
        return Err(invalid_client(
            700027,
            &format!("Client assertion failed signature validation: no certificate credential is registered on application '{client_id}'."),
        ));
    };
    if let Some(cert) = &app.cert {
        let matches = jwt.header_str("x5t") == Some(cert.x5t.as_str())
            || jwt.header_str("x5t#S256") == Some(cert.x5t_s256.as_str());
        if !matches {
            return Err(invalid_client(
                700027,
                "The certificate with identifier used to sign the client assertion is not registered on application.",
            ));
        }
    }
    match jwt.verify(key) {
        Ok(()) => {}
        Err(JwtError::UnsupportedAlgorithm(alg)) => {
            return Err(aad_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                5002738,
                &format!("Invalid JWT token. '{alg}' is not a supported signature algorithm. Supported signing algorithms are: 'RS256, PS256'."),
            ))
        }
        Err(_) => return Err(invalid_client(700027, "Client assertion failed signature validation.")),
    }
    if jwt.claim_str("iss") != Some(client_id) || jwt.claim_str("sub") != Some(client_id) {
        return Err(invalid_client(
            700021,
            "Client assertion application identifier doesn't match 'client_id' parameter. The 'iss' and 'sub' claims must both be the client id.",
        ));
    }
    if jwt.claim_str("aud") != Some(token_url) {
        return Err(invalid_client(
            700023,
            &format!("Client assertion audience claim does not match Realm issuer. Expected '{token_url}'."),
        ));
    }
    if jwt.claim_str("jti").is_none_or(str::is_empty) {
        return Err(aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            50027,
            "JWT token is invalid or malformed: the 'jti' claim is required.",
        ));
    }
    let now = unix_now();
    let Some(exp) = jwt.claim_time("exp") else {
        return Err(invalid_client(
            700024,
            "Client assertion is not within its valid time range: no 'exp' claim.",
        ));
    };
    if exp + SKEW_SECS < now || jwt.claim_time("nbf").is_some_and(|nbf| nbf - SKEW_SECS > now) {
        return Err(invalid_client(
            700024,
            &format!("Client assertion is not within its valid time range. Current time: {now}, assertion valid until {exp}."),
        ));
    }
    Ok(())
}
