//! Google's refusals in an administrator's words, with the HTTP status and Google's
//! `reason` kept, and whether waiting and trying again can help.

use serde::Deserialize;

use crate::targets::TargetError;
use crate::users::UserSourceError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleFailure {
    /// Stable kind: `usage`, `auth`, `access-denied`, `not-found`, `invalid`,
    /// `too-large`, `throttled`, `unavailable`, `google`, `cancelled`.
    pub kind: &'static str,
    pub message: String,
    /// The HTTP status, when Google answered.
    pub code: Option<u16>,
    /// Google's own reason (`userRateLimitExceeded`, `notFound`...), when it gave one.
    pub reason: Option<String>,
    /// Worth trying again after a wait (quota, rate limits, 5xx, a lost connection).
    pub transient: bool,
}

impl std::fmt::Display for GoogleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GoogleFailure {}

impl GoogleFailure {
    pub fn new(kind: &'static str, message: impl Into<String>) -> GoogleFailure {
        GoogleFailure {
            kind,
            message: message.into(),
            code: None,
            reason: None,
            transient: false,
        }
    }

    pub fn usage(message: impl Into<String>) -> GoogleFailure {
        GoogleFailure::new("usage", message)
    }

    pub fn unavailable(message: impl Into<String>) -> GoogleFailure {
        GoogleFailure {
            transient: true,
            ..GoogleFailure::new("unavailable", message)
        }
    }

    pub fn cancelled() -> GoogleFailure {
        GoogleFailure::new(crate::cancel::CANCELLED, "not sent: the run was cancelled")
    }

    /// An API answer that is not a success; `what` says what was attempted.
    pub fn from_response(status: u16, body: &[u8], what: &str) -> GoogleFailure {
        let (reason, text) = api_error(body);
        let detail = match (&reason, &text) {
            (Some(r), Some(t)) => format!("{t} ({status} {r})"),
            (None, Some(t)) => format!("{t} ({status})"),
            (Some(r), None) => format!("HTTP {status} {r}"),
            (None, None) => format!("HTTP {status}"),
        };
        let (kind, transient, advice) = classify(status, reason.as_deref());
        GoogleFailure {
            kind,
            message: format!("{what}: {detail}{advice}"),
            code: Some(status),
            reason,
            transient,
        }
    }

    pub fn into_target_error(self) -> TargetError {
        TargetError {
            kind: self.kind,
            message: self.message,
            code: self.code.map(i64::from),
            transient: self.transient,
        }
    }

    pub fn into_source_error(self) -> UserSourceError {
        UserSourceError {
            kind: if self.kind == "usage" { "options" } else { "google" },
            message: self.message,
        }
    }
}

/// What an error status means here: (kind, worth retrying, advice for the message).
/// Google answers its per-user and per-project rate limits with 403, not 429, and
/// documents exponential backoff for them and for 5xx
/// (developers.google.com/workspace/admin/directory/v1/limits).
pub fn classify(status: u16, reason: Option<&str>) -> (&'static str, bool, &'static str) {
    const RATE_REASONS: [&str; 4] = [
        "userRateLimitExceeded",
        "quotaExceeded",
        "rateLimitExceeded",
        "dailyLimitExceeded",
    ];
    match (status, reason) {
        (403, Some(r)) if RATE_REASONS.contains(&r) => ("throttled", r != "dailyLimitExceeded", ""),
        (429, _) => ("throttled", true, ""),
        (401, _) => ("auth", false, ""),
        (403, Some("insufficientPermissions")) => (
            "access-denied",
            false,
            "; grant the scope https://www.googleapis.com/auth/admin.directory.user to the service account's \
             client ID under domain-wide delegation",
        ),
        (403, _) => (
            "access-denied",
            false,
            "; the --subject must be an administrator allowed to manage these users",
        ),
        (404, _) => ("not-found", false, ""),
        (413, _) => ("too-large", false, ""),
        (400, _) => ("invalid", false, ""),
        (500..=599, _) => ("unavailable", true, ""),
        _ => ("google", false, ""),
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
            let f = GoogleFailure::from_response(403, &body(403, reason), "update photo");
            assert_eq!((f.kind, f.transient), ("throttled", true), "{reason}");
            assert_eq!(f.reason.as_deref(), Some(reason));
        }
        let daily = GoogleFailure::from_response(403, &body(403, "dailyLimitExceeded"), "x");
        assert!(!daily.transient);
        let forbidden = GoogleFailure::from_response(403, &body(403, "forbidden"), "x");
        assert_eq!((forbidden.kind, forbidden.transient), ("access-denied", false));
        for status in [500, 502, 503] {
            assert!(GoogleFailure::from_response(status, b"<html>", "x").transient);
        }
        let missing = GoogleFailure::from_response(404, &body(404, "notFound"), "get photo");
        assert_eq!(missing.kind, "not-found");
        assert_eq!(missing.message, "get photo: m (404 notFound)");
    }
}
