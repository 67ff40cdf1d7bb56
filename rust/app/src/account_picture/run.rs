//! A whole sync run: the sources, the registry and the users, one result per user as
//! each is done. Shared by the CLI and the `account-picture` job.

use std::collections::BTreeMap;

use serde::Serialize;

use super::current_user::current_user;
use super::item::SyncItem;
use super::layout::Layout;
use super::registry::open_registry;
use super::request::SyncRequest;
use super::sizes::DEFAULT_QUALITY;
use super::source::{Lookup, PhotoSource, SourceKind, UserRef};
use super::source_directory::DirectorySource;
use super::source_file::FileSource;
use super::sync::Syncer;
use super::AccountPictureError;
use adphoto_core::cancel::Cancel;
use adphoto_core::photo::Converter;

#[derive(Debug, Default, Serialize)]
pub struct SyncTotals {
    /// Users per status (`written`, `unchanged`, `no-photo`, ...).
    pub statuses: BTreeMap<String, usize>,
    /// Users that need attention (no photo anywhere, or failed).
    pub failures: usize,
}

/// A source that cannot answer in this run, and says why for every user.
struct Unavailable {
    kind: SourceKind,
    reason: String,
}

impl PhotoSource for Unavailable {
    fn kind(&self) -> SourceKind {
        self.kind
    }
    fn fetch(&mut self, _user: &UserRef) -> Result<Lookup, String> {
        Ok(Lookup::Absent(self.reason.clone()))
    }
}

/// The sources the request asks for, in its order.
pub fn open_sources(request: &SyncRequest) -> Vec<Box<dyn PhotoSource>> {
    let mut sources: Vec<Box<dyn PhotoSource>> = Vec::new();
    let mut seen = Vec::new();
    for &kind in &request.sources {
        if seen.contains(&kind) {
            continue;
        }
        seen.push(kind);
        let source: Box<dyn PhotoSource> = match (kind, &request.directory) {
            (SourceKind::File, _) => Box::new(FileSource::new(request.photo_dir.clone(), request.limits)),
            (SourceKind::JpegPhoto | SourceKind::ThumbnailPhoto, Some(directory)) => Box::new(DirectorySource::new(
                kind,
                crate::DirectorySpec::Ldap(directory.clone()),
            )),
            (SourceKind::JpegPhoto | SourceKind::ThumbnailPhoto, None) => Box::new(Unavailable {
                kind,
                reason: "no directory server given".into(),
            }),
            (SourceKind::Graph, _) => match &request.graph {
                Some(graph) => Box::new(DirectorySource::new(kind, crate::DirectorySpec::Graph(graph.clone()))),
                None => Box::new(Unavailable {
                    kind,
                    reason: "no Microsoft 365 tenant given".into(),
                }),
            },
        };
        sources.push(source);
    }
    sources
}

/// Syncs (or rolls back) every user of the request, handing each result to `on_item`
/// as soon as it is known. `Err` only when the run cannot start at all.
pub fn run_sync(
    request: &SyncRequest,
    cancel: &Cancel,
    mut on_item: impl FnMut(&SyncItem),
) -> Result<SyncTotals, AccountPictureError> {
    let mut syncer = prepare(request)?;
    let users = if request.users.is_empty() {
        vec![current_user().map_err(AccountPictureError::Usage)?]
    } else {
        request.users.clone()
    };
    let mut totals = SyncTotals::default();
    for user in &users {
        if cancel.is_cancelled() {
            break;
        }
        let item = if request.rollback {
            syncer.roll_back(user)
        } else {
            syncer.sync(user)
        };
        *totals.statuses.entry(item.status.name().to_string()).or_default() += 1;
        if item.status.needs_attention() {
            totals.failures += 1;
        }
        on_item(&item);
    }
    Ok(totals)
}

/// The syncer for a request: checks the options before any user is touched.
pub fn prepare(request: &SyncRequest) -> Result<Syncer, AccountPictureError> {
    let quality = request.quality.unwrap_or(DEFAULT_QUALITY);
    if !(1..=100).contains(&quality) {
        return Err(AccountPictureError::Usage(format!(
            "quality {quality} is outside 1..100"
        )));
    }
    if request.sources.is_empty() && !request.rollback {
        return Err(AccountPictureError::Usage("no photo source to try".into()));
    }
    let layout = Layout::for_run(request.root.as_deref()).map_err(AccountPictureError::Usage)?;
    let registry = open_registry(&layout).map_err(AccountPictureError::Usage)?;
    let converter = Converter::new().map_err(|e| AccountPictureError::Usage(e.to_string()))?;
    Ok(Syncer {
        layout,
        registry,
        sources: open_sources(request),
        converter,
        quality,
        limits: request.limits,
        what_if: request.what_if,
        force: request.force,
        #[cfg(feature = "fault-injection")]
        crash_after: None,
    })
}
