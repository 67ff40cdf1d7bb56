//! The action planned for one file or user.

use serde::Serialize;

use crate::matching::MatchKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A new or changed photo will be written.
    Write,
    /// The target already has exactly this photo: nothing is sent.
    SkipUnchanged,
    /// The file's name fits no user.
    NoMatch,
    /// The file's name fits several users.
    Ambiguous,
    /// Several files fit the user.
    Duplicate,
    /// A mapping row names a missing file.
    MissingFile,
    /// A mapping row is incomplete.
    InvalidRow,
    /// The file cannot be made into a photo (corrupt, unsupported, ...).
    InvalidImage,
    /// No file fits this user (reported, nothing to do).
    NoPhoto,
    /// The user's photo will be removed.
    Remove,
    /// The user has a photo that could not be read (so not backed up): it is left
    /// alone.
    Unreadable,
    /// The photo is not the one ADPhoto last wrote there: someone else changed it
    /// since (a user, another tool, a sync engine). Left alone unless forced.
    ChangedElsewhere,
    /// Filling gaps only (`--only-missing`): the user already has a photo.
    SkipHasPhoto,
    /// The source photo is smaller than the one the target has: a worse photo never
    /// replaces a better one unless asked.
    SkipWorse,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Write => "write",
            Action::SkipUnchanged => "skip-unchanged",
            Action::NoMatch => "no-match",
            Action::Ambiguous => "ambiguous",
            Action::Duplicate => "duplicate",
            Action::MissingFile => "missing-file",
            Action::InvalidRow => "invalid-row",
            Action::InvalidImage => "invalid-image",
            Action::NoPhoto => "no-photo",
            Action::Remove => "remove",
            Action::Unreadable => "unreadable",
            Action::ChangedElsewhere => "changed-elsewhere",
            Action::SkipHasPhoto => "skip-has-photo",
            Action::SkipWorse => "skip-worse",
        }
    }

    /// Whether the item needs the administrator's attention (and fails the run's
    /// exit code). A user without a photo is information, not a failure.
    pub fn is_problem(self) -> bool {
        !matches!(
            self,
            Action::Write
                | Action::SkipUnchanged
                | Action::NoPhoto
                | Action::Remove
                | Action::ChangedElsewhere
                | Action::SkipHasPhoto
                | Action::SkipWorse
        )
    }

    /// Whether applying the item changes the target.
    pub fn changes_target(self) -> bool {
        matches!(self, Action::Write | Action::Remove)
    }

    pub fn for_match(kind: MatchKind) -> Action {
        match kind {
            MatchKind::Matched => Action::Write,
            MatchKind::Ambiguous => Action::Ambiguous,
            MatchKind::Duplicate => Action::Duplicate,
            MatchKind::Unmatched => Action::NoMatch,
            MatchKind::MissingFile => Action::MissingFile,
            MatchKind::InvalidRow => Action::InvalidRow,
            MatchKind::NoPhoto => Action::NoPhoto,
        }
    }
}
