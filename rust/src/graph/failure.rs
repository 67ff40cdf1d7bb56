//! Graph's refusals in words, with Graph's own error code and message
//! (`{"error":{"code","message"}}`, learn.microsoft.com/graph/errors), and a stable
//! kind a script can test.

use crate::cloud::{CloudError, HttpResponse};
use crate::targets::TargetError;

/// The error of a non-success answer to `what` (`upload the photo of jsmith@...`).
pub fn graph_failure(response: &HttpResponse, what: &str) -> CloudError {
    let body = response.json().unwrap_or_default();
    failure_from_parts(response.status, &body, what)
}

/// The same for a `$batch` item (its status and JSON body).
pub fn failure_from_parts(status: u16, body: &serde_json::Value, what: &str) -> CloudError {
    let error = body.get("error");
    let code = error
        .and_then(|e| e.get("code"))
        .and_then(|c| c.as_str())
        .unwrap_or_default()
        .to_string();
    let message = error
        .and_then(|e| e.get("message"))
        .and_then(|m| m.as_str())
        .unwrap_or_default()
        .to_string();
    let kind = match (status, code.as_str()) {
        (404, "ImageNotFound") => "no-photo",
        (401, _) => "auth",
        (403, _) => "access-denied",
        (404, _) => "not-found",
        (413, _) => "too-large",
        (429, _) => "throttled",
        (400, _) => "invalid-request",
        (503, _) | (500..=599, _) => "unavailable",
        _ => "http",
    };
    let detail = match (code.is_empty(), message.is_empty()) {
        (true, true) => format!("HTTP {status}"),
        (false, true) => format!("HTTP {status} {code}"),
        (true, false) => format!("HTTP {status}: {message}"),
        (false, false) => format!("HTTP {status} {code}: {message}"),
    };
    let hint = match kind {
        "access-denied" => " (does the app have the User.ReadWrite.All or ProfilePhoto.ReadWrite.All application permission, with admin consent?)",
        "auth" => " (the token was refused twice; check the app's credentials and tenant)",
        _ => "",
    };
    let mut e = CloudError::new(kind, format!("{what}: {detail}{hint}")).with_status(status);
    if !code.is_empty() {
        e = e.with_code(code);
    }
    e.transient = matches!(status, 429 | 500..=599);
    e
}

pub fn into_target_error(e: CloudError) -> TargetError {
    TargetError {
        kind: e.kind,
        message: e.message,
        code: e.status.map(i64::from),
        transient: e.transient,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_codes_and_messages_are_kept() {
        let body = serde_json::json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."}});
        let e = failure_from_parts(403, &body, "upload the photo of a@b.c");
        assert_eq!(e.kind, "access-denied");
        assert_eq!(e.code.as_deref(), Some("Authorization_RequestDenied"));
        assert!(e
            .message
            .starts_with("upload the photo of a@b.c: HTTP 403 Authorization_RequestDenied: Insufficient privileges"));
        let e = failure_from_parts(
            404,
            &serde_json::json!({"error": {"code": "ImageNotFound", "message": "x"}}),
            "read",
        );
        assert_eq!(e.kind, "no-photo");
        let e = failure_from_parts(502, &serde_json::Value::Null, "read");
        assert!(e.transient && e.message.ends_with("HTTP 502"));
        let t = into_target_error(failure_from_parts(413, &serde_json::Value::Null, "w"));
        assert_eq!((t.kind, t.code), ("too-large", Some(413)));
    }
}
