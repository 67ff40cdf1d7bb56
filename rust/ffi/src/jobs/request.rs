//! What a job is asked to do: the JSON a caller sends to `adphoto_job_start`. Each task
//! is the request of one use case; the directory fields are `DirectorySpec`s.

use std::path::PathBuf;

use serde::Deserialize;

use adphoto_app::account_picture::SyncRequest;
use adphoto_app::{DirectorySpec, MatchRequest, PhotoOverrides, SetRequest};
use adphoto_core::matching::MapPair;

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
    AccountPicture(SyncRequest),
    /// Photos copied from one service to others.
    Sync(super::sync_task::SyncTask),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchTask {
    /// Where the users come from.
    pub users: DirectorySpec,
    #[serde(default)]
    pub photos: Vec<PathBuf>,
    #[serde(default)]
    pub map: Option<PathBuf>,
    #[serde(default)]
    pub pairs: Vec<MapPair>,
    #[serde(default)]
    pub patterns: Vec<String>,
    /// The mapping CSV's encoding, when it has no byte-order mark and is not UTF-8.
    #[serde(default)]
    pub encoding: Option<String>,
}

impl MatchTask {
    pub fn request(&self) -> MatchRequest {
        MatchRequest {
            photos: self.photos.clone(),
            map: self.map.clone(),
            pairs: self.pairs.clone(),
            patterns: self.patterns.clone(),
            encoding: self.encoding.clone(),
        }
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

/// Where a `set` job writes: the directory the users come from, or an LDIF file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum TargetSpec {
    #[default]
    Directory,
    Ldif {
        path: PathBuf,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetTask {
    /// Where the users come from (and, unless `target` says otherwise, where photos go).
    pub users: DirectorySpec,
    #[serde(default)]
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
    /// The mapping CSV's encoding, when it has no byte-order mark and is not UTF-8.
    #[serde(default)]
    pub encoding: Option<String>,
    #[serde(default)]
    pub photo: PhotoOverrides,
    #[serde(default)]
    pub force: bool,
    #[serde(default)]
    pub workers: usize,
    #[serde(default)]
    pub run_folder: Option<PathBuf>,
    #[serde(default)]
    pub resume: bool,
    #[serde(default)]
    pub no_cache: bool,
    #[serde(default)]
    pub mode: Mode,
}

impl SetTask {
    /// The directory the run writes to.
    pub fn directory(&self) -> DirectorySpec {
        let mut users = self.users.clone();
        users.set_attribute(&self.attribute);
        match &self.target {
            TargetSpec::Directory => users,
            TargetSpec::Ldif { path } => DirectorySpec::Ldif {
                path: path.clone(),
                attribute: self.attribute.clone(),
                users: Box::new(users),
            },
        }
    }

    pub fn request(&self) -> SetRequest {
        SetRequest {
            matching: MatchRequest {
                photos: self.photos.clone(),
                map: self.map.clone(),
                pairs: self.pairs.clone(),
                patterns: self.patterns.clone(),
                encoding: self.encoding.clone(),
            },
            photo: self.photo.clone(),
            force: self.force,
            workers: self.workers,
            run_folder: self.run_folder.clone(),
            resume: self.resume,
            no_cache: self.no_cache || self.force,
        }
    }
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
