//! A target's refusal or failure, with what a person needs to act on it.

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct TargetError {
    /// Stable machine-readable kind: `io`, `no-dn`, `access-denied`, ...
    pub kind: &'static str,
    pub message: String,
    /// The protocol's own code when there is one (an LDAP result code, an HTTP status).
    pub code: Option<i64>,
    /// Whether trying again later may succeed.
    pub transient: bool,
}

impl TargetError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> TargetError {
        TargetError {
            kind,
            message: message.into(),
            code: None,
            transient: false,
        }
    }

    /// A change left unsent because the run was cancelled (a resume sends it).
    pub fn cancelled() -> TargetError {
        TargetError::new(crate::cancel::CANCELLED, "not sent: the run was cancelled")
    }
}
