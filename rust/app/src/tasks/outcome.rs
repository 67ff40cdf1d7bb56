//! The result line of one task item (one user got, removed, restored...).

use serde::Serialize;

use adphoto_core::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskStatus {
    Done,
    /// Nothing to do (no photo to remove, already as in the backup).
    Skipped,
    Failed,
    /// What-if: would be done.
    WouldDo,
}

impl TaskStatus {
    pub fn name(self) -> &'static str {
        match self {
            TaskStatus::Done => "done",
            TaskStatus::Skipped => "skipped",
            TaskStatus::Failed => "failed",
            TaskStatus::WouldDo => "would-do",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskItem {
    /// What was asked for: the identity, or the backup's user.
    pub user: String,
    pub status: TaskStatus,
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
    pub error: Option<Error>,
}

impl TaskItem {
    pub fn new(user: impl Into<String>, status: TaskStatus, reason: impl Into<String>) -> TaskItem {
        TaskItem {
            user: user.into(),
            status,
            reason: reason.into(),
            dn: None,
            key: None,
            bytes: None,
            path: None,
            error: None,
        }
    }

    pub fn failed(user: impl Into<String>, error: Error) -> TaskItem {
        let mut item = TaskItem::new(user, TaskStatus::Failed, error.message());
        item.error = Some(error);
        item
    }

    pub fn is_failure(&self) -> bool {
        self.status == TaskStatus::Failed
    }
}
