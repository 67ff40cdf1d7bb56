//! The result of syncing one user: what happened, from which source, and what Windows
//! will be pointed at.

use serde::Serialize;

use super::source::SourceKind;
use adphoto_core::error::{Error, ErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyncStatus {
    /// The set and/or the registry values were written.
    Written,
    /// The set already comes from this source with this recipe, and the registry points
    /// at it: nothing was written.
    Unchanged,
    /// What-if: would be written.
    WouldWrite,
    /// No source has a photo: the current picture is left alone.
    NoPhoto,
    /// The previous set was put back.
    RolledBack,
    /// What-if: the previous set would be put back.
    WouldRollBack,
    /// Nothing was changed, for the reason in `error`.
    Failed,
}

impl SyncStatus {
    pub fn name(self) -> &'static str {
        match self {
            SyncStatus::Written => "written",
            SyncStatus::Unchanged => "unchanged",
            SyncStatus::WouldWrite => "would-write",
            SyncStatus::NoPhoto => "no-photo",
            SyncStatus::RolledBack => "rolled-back",
            SyncStatus::WouldRollBack => "would-roll-back",
            SyncStatus::Failed => "failed",
        }
    }

    /// Needs an administrator's attention (the CLI's exit code 1).
    pub fn needs_attention(self) -> bool {
        matches!(self, SyncStatus::NoPhoto | SyncStatus::Failed)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    pub kind: SourceKind,
    pub origin: String,
    pub sha256: String,
    /// The source's stored dimensions (when it was decoded in this run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// A source that had nothing (or nothing usable), and why.
#[derive(Debug, Clone, Serialize)]
pub struct Tried {
    pub source: SourceKind,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The registry value name (`Image32`).
    pub value: String,
    /// The path the value holds (where Windows looks).
    pub path: String,
    pub size: u32,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncItem {
    pub sid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    pub status: SyncStatus,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tried: Vec<Tried>,
    /// The folder the pictures are in, on this machine.
    pub folder: String,
    pub registry_key: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

impl SyncItem {
    pub fn new(sid: &str, user: Option<&str>, status: SyncStatus, reason: impl Into<String>) -> SyncItem {
        SyncItem {
            sid: sid.to_string(),
            user: user.map(str::to_string),
            status,
            reason: reason.into(),
            source: None,
            tried: Vec::new(),
            folder: String::new(),
            registry_key: String::new(),
            files: Vec::new(),
            warnings: Vec::new(),
            error: None,
        }
    }

    pub fn failed(mut self, kind: ErrorKind, message: impl Into<String>) -> SyncItem {
        let message = message.into();
        self.status = SyncStatus::Failed;
        if self.reason.is_empty() {
            self.reason = message.clone();
        }
        self.error = Some(Error::new(kind, message));
        self
    }
}
