//! What a `sync` run is asked to do.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::request::PhotoOverrides;

/// Copy photos from one service to others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncRequest {
    /// Templates pairing users across services, tried in order (`{employeeID}`,
    /// `{mail}`); none: employee id where both have one, else UPN or mail.
    pub patterns: Vec<String>,
    /// A mapping CSV pairing users instead (`Source,Target`, a row per pair; see
    /// `map_csv`). Not with `patterns`.
    pub map: Option<PathBuf>,
    /// The mapping CSV's encoding when it has no byte-order mark (detected when absent).
    pub encoding: Option<String>,
    /// Fill gaps only: users who have a photo in the target are left alone.
    pub only_missing: bool,
    /// Let a smaller source photo replace a larger one.
    pub allow_smaller: bool,
    /// Write even what is unchanged, and replace photos someone else changed since
    /// ADPhoto wrote them.
    pub force: bool,
    /// The photo profile's quality, budget and decoding limits (framing and sizes are
    /// the target's: a copied photo is already framed, and is never enlarged).
    pub photo: PhotoOverrides,
    /// Conversion threads per target (0: one per core).
    pub workers: usize,
    /// Folder for the run's backups and journals, a part per target; reusing one
    /// resumes its run.
    pub run_folder: Option<PathBuf>,
    /// The run folder must hold an earlier run.
    pub resume: bool,
}
