//! Graph's error bodies: `{"error":{"code","message","innerError":{…}}}` as documented
//! on learn.microsoft.com/graph/errors, and Entra's OAuth errors for the token
//! endpoint (`error`, `error_description` with an AADSTS code, `error_codes`, …).

use hyper::StatusCode;
use serde_json::json;

use crate::common::clock::rfc3339_now;
use crate::common::http::Reply;
use crate::common::ids::guid;

pub fn graph_error(status: StatusCode, code: &str, message: &str) -> Reply {
    let request_id = guid();
    Reply::json(
        status,
        &json!({
            "error": {
                "code": code,
                "message": message,
                "innerError": {
                    "date": rfc3339_now(),
                    "request-id": request_id,
                    "client-request-id": request_id,
                }
            }
        }),
    )
    .with_header("request-id", &request_id)
}

/// The single message for any unusable token, as the brief and Graph both word it.
pub fn invalid_token() -> Reply {
    graph_error(
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
        "Access token has expired or is not yet valid.",
    )
    .with_header(
        "www-authenticate",
        "Bearer realm=\"\", error=\"invalid_token\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"",
    )
}

pub fn missing_token() -> Reply {
    graph_error(
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
        "Access token is empty.",
    )
    .with_header("www-authenticate", "Bearer realm=\"\"")
}

/// Graph's documented throttling response.
pub fn too_many_requests(retry_after_secs: u64) -> Reply {
    let request_id = guid();
    Reply::json(
        StatusCode::TOO_MANY_REQUESTS,
        &json!({
            "error": {
                "code": "TooManyRequests",
                "message": "Please retry again later.",
                "innerError": {
                    "code": "429",
                    "date": rfc3339_now(),
                    "message": "Please retry after",
                    "request-id": request_id,
                    "status": "429"
                }
            }
        }),
    )
    .with_header("retry-after", &retry_after_secs.to_string())
}

pub fn service_unavailable(retry_after_secs: Option<u64>) -> Reply {
    let reply = graph_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "serviceNotAvailable",
        "The service is temporarily unavailable for maintenance or is overloaded. You may repeat the request after a delay.",
    );
    match retry_after_secs {
        Some(s) => reply.with_header("retry-after", &s.to_string()),
        None => reply,
    }
}

/// What Graph answers an app without the permission a request needs.
pub fn forbidden() -> Reply {
    graph_error(
        StatusCode::FORBIDDEN,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
    )
}

pub fn user_not_found(key: &str) -> Reply {
    graph_error(
        StatusCode::NOT_FOUND,
        "Request_ResourceNotFound",
        &format!("Resource '{key}' does not exist or one of its queried reference-property objects are not present."),
    )
}

pub fn image_not_found() -> Reply {
    graph_error(
        StatusCode::NOT_FOUND,
        "ImageNotFound",
        "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.",
    )
}

pub fn bad_request(code: &str, message: &str) -> Reply {
    graph_error(StatusCode::BAD_REQUEST, code, message)
}

/// An Entra ID token-endpoint error.
pub fn aad_error(status: StatusCode, error: &str, aadsts: u32, description: &str) -> Reply {
    let trace = guid();
    let correlation = guid();
    let ts = rfc3339_now().replace('T', " ") + "Z";
    Reply::json(
        status,
        &json!({
            "error": error,
            "error_description": format!(
                "AADSTS{aadsts}: {description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {ts}"
            ),
            "error_codes": [aadsts],
            "timestamp": ts,
            "trace_id": trace,
            "correlation_id": correlation,
            "error_uri": format!("https://login.microsoftonline.com/error?code={aadsts}"),
        }),
    )
}
