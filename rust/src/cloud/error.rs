//! A cloud call's failure, with what a person needs to act on it and what the retry
//! logic needs to decide. Never carries a secret: messages are built from URLs without
//! credentials, statuses and the service's own error code and text.

use std::time::Duration;

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct CloudError {
    /// Stable machine-readable kind: `options`, `tls`, `network`, `timeout`, `auth`,
    /// `throttled`, `unavailable`, `http`, `invalid-response`, `cancelled`, ...
    pub kind: &'static str,
    pub message: String,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// The service's own error code (`ImageNotFound`, `Authorization_RequestDenied`).
    pub code: Option<String>,
    /// Whether trying again later may succeed.
    pub transient: bool,
    /// How long the server asked us to wait, when it did.
    pub retry_after: Option<Duration>,
}

impl CloudError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> CloudError {
        CloudError {
            kind,
            message: message.into(),
            status: None,
            code: None,
            transient: false,
            retry_after: None,
        }
    }

    /// A failure worth retrying (network trouble, a busy server).
    pub fn transient(kind: &'static str, message: impl Into<String>) -> CloudError {
        CloudError {
            transient: true,
            ..CloudError::new(kind, message)
        }
    }

    /// Bad options or input: nothing was sent.
    pub fn options(message: impl Into<String>) -> CloudError {
        CloudError::new("options", message)
    }

    pub fn cancelled() -> CloudError {
        CloudError::new(crate::cancel::CANCELLED, "not sent: the run was cancelled")
    }

    pub fn with_status(mut self, status: u16) -> CloudError {
        self.status = Some(status);
        self
    }

    pub fn with_code(mut self, code: impl Into<String>) -> CloudError {
        self.code = Some(code.into());
        self
    }
}
