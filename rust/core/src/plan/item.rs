//! One line of a plan, and later of a run's result.

use serde::Serialize;

use super::action::Action;
use crate::directory::UserEntry;
use crate::error::Error;
use crate::matching::MatchRow;
use crate::photo::{FramingReport, Quality};

/// What happened when an item was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApplyStatus {
    Written,
    Failed,
    /// Not sent: the run was cancelled first.
    Cancelled,
    /// Sent, but the answer never came (the server went away): it may have been
    /// applied. Resuming the run finds out and says so.
    InDoubt,
}

impl ApplyStatus {
    pub fn name(self) -> &'static str {
        match self {
            ApplyStatus::Written => "written",
            ApplyStatus::Failed => "failed",
            ApplyStatus::Cancelled => "cancelled",
            ApplyStatus::InDoubt => "in-doubt",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    pub action: Action,
    pub reason: String,
    #[serde(flatten)]
    pub matched: MatchRow,
    /// The user's stable id at the target (objectGUID, entryUUID, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Size of the photo to write.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// Size of the photo the target has now, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// How the square was chosen (on the face, or the centre and why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<FramingReport>,
    /// Sharpness, exposure and the findings (no-face, blurred, ...), with stable kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Quality>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplyStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
    /// A write an interrupted run sent without hearing back, found to have arrived.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The user at the target (where to write).
    #[serde(skip)]
    pub entry: Option<UserEntry>,
    /// The converted photo, kept between planning and writing.
    #[serde(skip)]
    pub photo: Option<Vec<u8>>,
    /// Checksum of the photo converted in this run (for the conversion cache).
    #[serde(skip)]
    pub converted_sha256: Option<String>,
}

impl PlanItem {
    pub fn new(action: Action, reason: impl Into<String>, matched: MatchRow) -> PlanItem {
        PlanItem {
            action,
            reason: reason.into(),
            matched,
            key: None,
            bytes: None,
            current_bytes: None,
            quality: None,
            warnings: Vec::new(),
            framing: None,
            verdict: None,
            status: None,
            error: None,
            confirmed: false,
            entry: None,
            photo: None,
            converted_sha256: None,
        }
    }

    /// A file that cannot be made into a photo, and why.
    pub fn invalid(matched: MatchRow, error: Error) -> PlanItem {
        let mut item = PlanItem::new(Action::InvalidImage, error.message().to_string(), matched);
        item.error = Some(error);
        item
    }

    /// Whether this item counts against the run (a problem, or a write that did not
    /// certainly happen).
    pub fn failed(&self) -> bool {
        self.action.is_problem()
            || matches!(
                self.status,
                Some(ApplyStatus::Failed | ApplyStatus::Cancelled | ApplyStatus::InDoubt)
            )
    }

    pub(super) fn fail(&mut self, error: Error) {
        self.status = Some(if error.is_cancelled() {
            ApplyStatus::Cancelled
        } else if error.is_in_doubt() {
            ApplyStatus::InDoubt
        } else {
            ApplyStatus::Failed
        });
        self.error = Some(error);
    }
}
