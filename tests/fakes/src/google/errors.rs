//! Google's JSON error shape (`{"error":{"code","message","errors":[{message,domain,
//! reason}]}}`, developers.google.com/workspace/admin/directory/v1/limits) and the
//! OAuth token endpoint's `{"error","error_description"}`.

use hyper::StatusCode;
use serde_json::json;

use super::config::GoogleFault;
use crate::common::http::Reply;

pub fn google_error(status: StatusCode, domain: &str, reason: &str, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({
            "error": {
                "code": status.as_u16(),
                "message": message,
                "errors": [{ "message": message, "domain": domain, "reason": reason }],
            }
        }),
    )
}

pub fn invalid_credentials() -> Reply {
    Reply::json(
        StatusCode::UNAUTHORIZED,
        &json!({
            "error": {
                "code": 401,
                "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                "errors": [{
                    "message": "Invalid Credentials",
                    "domain": "global",
                    "reason": "authError",
                    "location": "Authorization",
                    "locationType": "header",
                }],
            }
        }),
    )
    .with_header("www-authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")
}

pub fn insufficient_scopes() -> Reply {
    google_error(
        StatusCode::FORBIDDEN,
        "global",
        "insufficientPermissions",
        "Request had insufficient authentication scopes.",
    )
}

pub fn not_found(what: &str) -> Reply {
    google_error(
        StatusCode::NOT_FOUND,
        "global",
        "notFound",
        &format!("Resource Not Found: {what}"),
    )
}

pub fn invalid(message: &str) -> Reply {
    google_error(StatusCode::BAD_REQUEST, "global", "invalid", message)
}

pub fn bad_request() -> Reply {
    google_error(StatusCode::BAD_REQUEST, "global", "badRequest", "Bad Request")
}

pub fn forbidden() -> Reply {
    google_error(
        StatusCode::FORBIDDEN,
        "global",
        "forbidden",
        "Not Authorized to access this resource/api",
    )
}

/// The answer a fault rule (or the concurrency limit) gives an API request.
pub fn fault(kind: GoogleFault, retry_after: Option<u64>) -> Reply {
    let reply = match kind {
        GoogleFault::UserRateLimitExceeded => google_error(
            StatusCode::FORBIDDEN,
            "usageLimits",
            "userRateLimitExceeded",
            "User Rate Limit Exceeded",
        ),
        GoogleFault::QuotaExceeded => google_error(
            StatusCode::FORBIDDEN,
            "usageLimits",
            "quotaExceeded",
            "Quota exceeded: the limit of concurrent requests for this operation has been reached.",
        ),
        GoogleFault::RateLimitExceeded => google_error(
            StatusCode::FORBIDDEN,
            "usageLimits",
            "rateLimitExceeded",
            "Rate Limit Exceeded",
        ),
        GoogleFault::BackendError => google_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "global",
            "backendError",
            "The service is currently unavailable.",
        ),
        GoogleFault::InternalError => google_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "global",
            "internalError",
            "Internal error encountered.",
        ),
        GoogleFault::Drop => google_error(StatusCode::INTERNAL_SERVER_ERROR, "global", "internalError", "drop"),
    };
    match retry_after {
        Some(s) => reply.with_header("retry-after", &s.to_string()),
        None => reply,
    }
}

/// A token-endpoint error.
pub fn oauth_error(status: StatusCode, error: &str, description: &str) -> Reply {
    Reply::json(status, &json!({ "error": error, "error_description": description }))
}

/// What a fault rule does to the token endpoint, in OAuth error form.
pub fn token_fault(kind: GoogleFault, retry_after: Option<u64>) -> Reply {
    let reply = if kind.is_rate_limit() {
        oauth_error(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            "Rate limit exceeded.",
        )
    } else if kind == GoogleFault::BackendError {
        oauth_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "temporarily_unavailable",
            "Backend Error",
        )
    } else {
        oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "internal_failure", "Backend Error")
    };
    match retry_after {
        Some(s) => reply.with_header("retry-after", &s.to_string()),
        None => reply,
    }
}
