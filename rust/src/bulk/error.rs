//! Problems that stop a run before it starts: nothing has been done when one occurs.

use thiserror::Error;

#[derive(Debug, Error)]
#[error("{message}")]
pub struct BulkError {
    /// Stable machine-readable kind: `users`, `mapping`, `pattern`, `target`, `options`.
    pub kind: &'static str,
    pub message: String,
}

impl BulkError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> BulkError {
        BulkError {
            kind,
            message: message.into(),
        }
    }
}
