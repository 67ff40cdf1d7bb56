//! Graph's refusals in words, with Graph's own error code and message
//! (`{"error":{"code","message"}}`, learn.microsoft.com/graph/errors), and a stable
//! kind a script can test.

use adphoto_cloud::HttpResponse;
use adphoto_core::error::{Error, ErrorKind};

/// The error of a non-success answer to `what` (`upload the photo of jsmith@...`).
pub fn graph_failure(response: &HttpResponse, what: &str) -> Error {
    let body = response.json().unwrap_or_default();
    failure_from_parts(response.status, &body, what)
}

/// The same for a `$batch` item (its status and JSON body).
pub fn failure_from_parts(status: u16, body: &serde_json::Value, what: &str) -> Error {
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
        (404, "ImageNotFound") => ErrorKind::NoPhoto,
        (401, _) => ErrorKind::Auth,
        (403, _) => ErrorKind::AccessDenied,
        (404, _) => ErrorKind::NotFound,
        (413, _) => ErrorKind::TooLarge,
        (429, _) => ErrorKind::Throttled,
        (400, _) => ErrorKind::InvalidRequest,
        (503, _) | (500..=599, _) => ErrorKind::Unavailable,
        _ => ErrorKind::Http,
    };
    let detail = match (code.is_empty(), message.is_empty()) {
        (true, true) => format!("HTTP {status}"),
        (false, true) => format!("HTTP {status} {code}"),
        (true, false) => format!("HTTP {status}: {message}"),
        (false, false) => format!("HTTP {status} {code}: {message}"),
    };
    let hint = match kind {
        ErrorKind::AccessDenied => " (does the app have the User.ReadWrite.All or ProfilePhoto.ReadWrite.All application permission, with admin consent?)",
        ErrorKind::Auth => " (the token was refused twice; check the app's credentials and tenant)",
        _ => "",
    };
    let mut e = Error::new(kind, format!("{what}: {detail}{hint}")).with_code(status);
    if !code.is_empty() {
        e = e.with_service_code(code);
    }
    e.transient(matches!(status, 429 | 500..=599))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_codes_and_messages_are_kept() {
        let body = serde_json::json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."}});
        let e = failure_from_parts(403, &body, "upload the photo of a@b.c");
        assert_eq!(e.kind(), ErrorKind::AccessDenied);
        assert_eq!(e.service_code(), Some("Authorization_RequestDenied"));
        assert!(e
            .message()
            .starts_with("upload the photo of a@b.c: HTTP 403 Authorization_RequestDenied: Insufficient privileges"));
        let e = failure_from_parts(
            404,
            &serde_json::json!({"error": {"code": "ImageNotFound", "message": "x"}}),
            "read",
        );
        assert_eq!(e.kind(), ErrorKind::NoPhoto);
        let e = failure_from_parts(502, &serde_json::Value::Null, "read");
        assert!(e.is_transient() && e.message().ends_with("HTTP 502"));
        let t = failure_from_parts(413, &serde_json::Value::Null, "w");
        assert_eq!((t.kind(), t.code()), (ErrorKind::TooLarge, Some(413)));
    }
}
