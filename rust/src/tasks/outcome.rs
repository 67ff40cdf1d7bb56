//! The result line of one task item (one user got, removed, restored...).

use serde::Serialize;

use crate::convert_batch::ErrorReport;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskItem {
    /// What was asked for: the identity, or the backup's user.
    pub user: String,
    /// `done`, `skipped`, `failed`, or `would-do` under --what-if.
    pub status: String,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
}

impl TaskItem {
    pub fn new(user: impl Into<String>, status: &str, reason: impl Into<String>) -> TaskItem {
        TaskItem {
            user: user.into(),
            status: status.to_string(),
            reason: reason.into(),
            dn: None,
            key: None,
            bytes: None,
            path: None,
            error: None,
        }
    }

    pub fn failed(user: impl Into<String>, kind: &str, message: impl Into<String>) -> TaskItem {
        let message = message.into();
        let mut item = TaskItem::new(user, "failed", message.clone());
        item.error = Some(ErrorReport::new(kind, message));
        item
    }

    pub fn is_failure(&self) -> bool {
        self.status == "failed"
    }
}
