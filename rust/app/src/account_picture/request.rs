//! What a sync is asked to do: the JSON of the `account-picture` job, and what the
//! `adphoto account-picture` options build.

use std::path::PathBuf;

use serde::Deserialize;

use super::source::{SourceKind, UserRef};
use adphoto_core::photo::Limits;
use adphoto_graph::GraphOptions;
use adphoto_ldap::LdapOptions;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncRequest {
    /// The users; none means the user running the sync (Windows only).
    #[serde(default)]
    pub users: Vec<UserRef>,
    /// A folder of HD photos named after the account (`jsmith.jpg`) or the SID.
    #[serde(default)]
    pub photo_dir: Option<PathBuf>,
    /// The directory `jpegPhoto` and `thumbnailPhoto` are read from (its `attribute`
    /// is ignored: each source names its own).
    #[serde(default)]
    pub directory: Option<LdapOptions>,
    /// The Microsoft 365 tenant the `graph` source reads (the 648-pixel photo Teams
    /// shows), the user looked up by the account name (a UPN on Entra-joined computers).
    #[serde(default)]
    pub graph: Option<GraphOptions>,
    /// Which sources to try, in order (default: file, jpegPhoto, graph, thumbnailPhoto).
    #[serde(default = "default_sources")]
    pub sources: Vec<SourceKind>,
    /// Write under this folder (standing for C:\) and into a registry stand-in file
    /// instead of the machine's ProgramData and registry.
    #[serde(default)]
    pub root: Option<PathBuf>,
    #[serde(default)]
    pub quality: Option<u8>,
    #[serde(default)]
    pub limits: Limits,
    /// Report what would be written; write nothing.
    #[serde(default)]
    pub what_if: bool,
    /// Rewrite the set even when nothing changed.
    #[serde(default)]
    pub force: bool,
    /// Put the previous set back instead of syncing.
    #[serde(default)]
    pub rollback: bool,
}

fn default_sources() -> Vec<SourceKind> {
    SourceKind::default_order().to_vec()
}

impl Default for SyncRequest {
    fn default() -> Self {
        SyncRequest {
            users: Vec::new(),
            photo_dir: None,
            directory: None,
            graph: None,
            sources: default_sources(),
            root: None,
            quality: None,
            limits: Limits::default(),
            what_if: false,
            force: false,
            rollback: false,
        }
    }
}
