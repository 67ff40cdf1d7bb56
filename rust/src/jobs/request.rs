//! What a job is asked to do: the JSON a caller sends to `adphoto_job_start`.

use std::path::PathBuf;

use serde::Deserialize;

use super::directory::DirectorySpec;
use crate::bulk::{MatchRequest, PhotoOverrides, TargetSpec, UsersSpec};
use crate::matching::MapPair;

#[derive(Debug, Deserialize)]
#[serde(tag = "task", rename_all = "kebab-case")]
pub enum JobRequest {
    Match(MatchTask),
    Set(SetTask),
    Get(GetTask),
    Export(ExportTask),
    Remove(RemoveTask),
    Restore(RestoreTask),
    Report(ReportTask),
    /// Windows account pictures (see `account_picture::SyncRequest`).
    AccountPicture(crate::account_picture::SyncRequest),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchTask {
    pub users: UsersSpec,
    #[serde(default)]
    pub photos: Vec<PathBuf>,
    #[serde(default)]
    pub map: Option<PathBuf>,
    #[serde(default)]
    pub pairs: Vec<MapPair>,
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl MatchTask {
    pub fn matching(&self) -> MatchRequest {
        matching(&self.photos, &self.map, &self.pairs, &self.patterns)
    }
}

/// How far a `set` job goes on its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Plan, then write every change.
    #[default]
    Apply,
    /// Plan only (what-if).
    Plan,
    /// Plan, then wait for the caller to say which changes to write.
    Confirm,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetTask {
    pub users: UsersSpec,
    #[serde(default = "directory_target")]
    pub target: TargetSpec,
    #[serde(default = "default_attribute")]
    pub attribute: String,
    #[serde(default)]
    pub photos: Vec<PathBuf>,
    #[serde(default)]
    pub map: Option<PathBuf>,
    #[serde(default)]
    pub pairs: Vec<MapPair>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub photo: PhotoOverrides,
    #[serde(default)]
    pub force: bool,
    #[serde(default)]
    pub workers: usize,
    #[serde(default)]
    pub run_folder: Option<PathBuf>,
    #[serde(default)]
    pub no_cache: bool,
    #[serde(default)]
    pub mode: Mode,
}

impl SetTask {
    pub fn matching(&self) -> MatchRequest {
        matching(&self.photos, &self.map, &self.pairs, &self.patterns)
    }
}

fn matching(photos: &[PathBuf], map: &Option<PathBuf>, pairs: &[MapPair], patterns: &[String]) -> MatchRequest {
    MatchRequest {
        photos: photos.to_vec(),
        map: map.clone(),
        pairs: pairs.to_vec(),
        patterns: patterns.to_vec(),
        encoding: None,
        required_attributes: Vec::new(),
    }
}

fn directory_target() -> TargetSpec {
    TargetSpec::Directory
}

fn default_attribute() -> String {
    "thumbnailPhoto".into()
}

/// The plan items a caller confirmed (`None`: every change).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    pub items: Option<Vec<usize>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GetTask {
    pub directory: DirectorySpec,
    pub identities: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportTask {
    pub directory: DirectorySpec,
    pub out_dir: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveTask {
    pub directory: DirectorySpec,
    pub identities: Vec<String>,
    #[serde(default)]
    pub what_if: bool,
    #[serde(default)]
    pub backup_dir: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestoreTask {
    pub directory: DirectorySpec,
    pub backup_dir: PathBuf,
    #[serde(default)]
    pub identities: Vec<String>,
    #[serde(default)]
    pub what_if: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTask {
    pub directory: DirectorySpec,
    #[serde(default)]
    pub csv: Option<PathBuf>,
}
