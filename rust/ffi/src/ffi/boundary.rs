//! The one place panics stop: every entry point's body runs in `guard`, which turns a
//! panic into `ADPHOTO_INTERNAL` and any failure into a status plus a message kept for
//! `adphoto_last_error`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::last_error::remember;
use super::status::adphoto_status;

/// A failure to report: its status, a stable kind and a message for people.
#[derive(Debug, Clone)]
pub struct FfiError {
    pub status: adphoto_status,
    pub kind: String,
    pub message: String,
}

impl FfiError {
    /// `kind` is an error kind's name (`ErrorKind` or a boundary one like
    /// `null-pointer`).
    pub fn new(status: adphoto_status, kind: impl std::fmt::Display, message: impl Into<String>) -> FfiError {
        FfiError {
            status,
            kind: kind.to_string(),
            message: message.into(),
        }
    }

    pub fn null(what: &str) -> FfiError {
        FfiError::new(
            adphoto_status::ADPHOTO_NULL_POINTER,
            "null-pointer",
            format!("{what} is NULL"),
        )
    }
}

/// Runs an entry point's body; never unwinds.
pub fn guard(body: impl FnOnce() -> Result<adphoto_status, FfiError>) -> adphoto_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status)) => status,
        Ok(Err(error)) => {
            let status = error.status;
            remember(error);
            status
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            remember(FfiError::new(
                adphoto_status::ADPHOTO_INTERNAL,
                "internal",
                format!("internal error (please report it): {what}"),
            ));
            adphoto_status::ADPHOTO_INTERNAL
        }
    }
}

/// For entry points that return nothing (the free functions): a panic is swallowed.
pub fn guard_void(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}
