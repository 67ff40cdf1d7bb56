//! Google's refusals in an administrator's words, with the HTTP status and Google's
//! `reason` kept, and whether waiting and trying again can help.

use serde::Deserialize;

use adphoto_core::error::{Error, ErrorKind};

/// A request ADPhoto refuses before sending anything.
pub fn usage(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Options, message)
}

/// An API answer that is not a success; `what` says what was attempted. The HTTP
/// status is the error's code, Google's `reason` its service code.
pub fn from_response(status: u16, body: &[u8], what: &str) -> Error {
    let (reason, text) = api_error(body);
    let detail = match (&reason, &text) {
        (Some(r), Some(t)) => format!("{t} ({status} {r})"),
        (None, Some(t)) => format!("{t} ({status})"),
        (Some(r), None) => format!("HTTP {status} {r}"),
        (None, None) => format!("HTTP {status}"),
    };
    let (kind, transient, advice) = classify(status, reason.as_deref());
    let mut e = Error::new(kind, format!("{what}: {detail}{advice}"))
        .with_code(status)
        .transient(transient);
    if let Some(r) = reason {
        e = e.with_service_code(r);
    }
    e
}

/// What an error status means here: (kind, worth retrying, advice for the message).
/// Google answers its per-user and per-project rate limits with 403, not 429, and
/// documents exponential backoff for them and for 5xx
/// (developers.google.com/workspace/admin/directory/v1/limits).
pub fn classify(status: u16, reason: Option<&str>) -> (ErrorKind, bool, &'static str) {
    const RATE_REASONS: [&str; 4] = [
        "userRateLimitExceeded",
        "quotaExceeded",
        "rateLimitExceeded",
        "dailyLimitExceeded",
    ];
    match (status, reason) {
        (403, Some(r)) if RATE_REASONS.contains(&r) => (ErrorKind::Throttled, r != "dailyLimitExceeded", ""),
        (429, _) => (ErrorKind::Throttled, true, ""),
        (401, _) => (ErrorKind::Auth, false, ""),
        (403, Some("insufficientPermissions")) => (
            ErrorKind::AccessDenied,
            false,
            "; grant the scope https://www.googleapis.com/auth/admin.directory.user to the service account's \
             client ID under domain-wide delegation",
        ),
        (403, _) => (
            ErrorKind::AccessDenied,
            false,
            "; the --subject must be an administrator allowed to manage these users",
        ),
        (404, _) => (ErrorKind::NotFound, false, ""),
        (413, _) => (ErrorKind::TooLarge, false, ""),
        (400, _) => (ErrorKind::InvalidRequest, false, ""),
        (500..=599, _) => (ErrorKind::Unavailable, true, ""),
        _ => (ErrorKind::Google, false, ""),
    }
}

#[derive(Deserialize)]
struct Envelope {
    error: Option<ErrorBody>,
}

#[derive(Deserialize)]
struct ErrorBody {
    message: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    reason: Option<String>,
}

/// Google's `{"error": {"message", "errors": [{"reason"}]}}`, if the body is one.
fn api_error(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(Envelope { error: Some(e) }) = serde_json::from_slice::<Envelope>(body) else {
        return (None, None);
    };
    let reason = e.errors.into_iter().find_map(|i| i.reason);
    // Keep messages short: a proxy's HTML page is not a message.
    let message = e.message.map(|m| m.chars().take(300).collect::<String>());
    (reason, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: u16, reason: &str) -> Vec<u8> {
        format!(
            r#"{{"error":{{"code":{code},"message":"m","errors":[{{"domain":"usageLimits","reason":"{reason}"}}]}}}}"#
        )
        .into_bytes()
    }

    #[test]
    fn rate_limits_are_403s_worth_retrying() {
        for reason in ["userRateLimitExceeded", "quotaExceeded", "rateLimitExceeded"] {
            let f = from_response(403, &body(403, reason), "update photo");
            assert_eq!((f.kind(), f.is_transient()), (ErrorKind::Throttled, true), "{reason}");
            assert_eq!(f.service_code(), Some(reason));
        }
        let daily = from_response(403, &body(403, "dailyLimitExceeded"), "x");
        assert!(!daily.is_transient());
        let forbidden = from_response(403, &body(403, "forbidden"), "x");
        assert_eq!(
            (forbidden.kind(), forbidden.is_transient()),
            (ErrorKind::AccessDenied, false)
        );
        for status in [500, 502, 503] {
            assert!(from_response(status, b"<html>", "x").is_transient());
        }
        let missing = from_response(404, &body(404, "notFound"), "get photo");
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        assert_eq!(missing.message(), "get photo: m (404 notFound)");
    }
}
