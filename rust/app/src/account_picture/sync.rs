//! Syncing one user: pick the best source, skip when nothing changed, otherwise render
//! every size, replace the set atomically and point the registry at it.

use std::collections::BTreeMap;

use super::item::{FileReport, SourceReport, SyncItem, SyncStatus, Tried};
use super::layout::Layout;
use super::manifest::Manifest;
use super::registry::{PictureRegistry, Values};
use super::render::{render_set, RenderedSet};
use super::sid::check_sid;
use super::sizes::{recipe, value_name};
use super::source::{Fetched, Lookup, PhotoSource, UserRef};
use super::writer::{NewSet, SetWriter, PREVIOUS_FOLDER};
use adphoto_core::digest::sha256_hex;
use adphoto_core::error::ErrorKind;
use adphoto_core::photo::{Converter, Limits, ACCOUNT_PICTURE_SIZES};

pub struct Syncer {
    pub layout: Layout,
    pub registry: Box<dyn PictureRegistry>,
    pub sources: Vec<Box<dyn PhotoSource>>,
    pub converter: Converter,
    pub quality: u8,
    pub limits: Limits,
    pub what_if: bool,
    pub force: bool,
    /// Test hook: the set writer stops dead after this many steps.
    #[cfg(feature = "fault-injection")]
    pub crash_after: Option<usize>,
}

/// A source's photo that rendered, with what it became.
struct Chosen {
    fetched: Fetched,
    sha256: String,
    rendered: Option<RenderedSet>,
}

impl Syncer {
    /// The registry values that point Windows at the user's set.
    fn expected_values(&self, sid: &str) -> Values {
        ACCOUNT_PICTURE_SIZES
            .iter()
            .map(|&size| (value_name(size), self.layout.value_path(sid, size)))
            .collect()
    }

    fn registry_is_current(&self, sid: &str, expected: &Values) -> Result<bool, String> {
        let actual = self.registry.read(sid)?;
        Ok(expected.iter().all(|(name, value)| actual.get(name) == Some(value)))
    }

    fn writer(&self, sid: &str) -> SetWriter {
        let writer = SetWriter::new(&self.layout.user_folder(sid));
        #[cfg(feature = "fault-injection")]
        let writer = match self.crash_after {
            Some(n) => writer.crash_after(n),
            None => writer,
        };
        writer
    }

    /// The start of every operation on one user: the checked SID (`None` when it is not
    /// one) and the item that reports on the user, failed until the operation says otherwise
    /// (for a SID that is not one, already finished).
    fn start(&self, user: &UserRef) -> (Option<String>, SyncItem) {
        match check_sid(&user.sid) {
            Ok(sid) => {
                let mut item = SyncItem::new(&sid, user.user.as_deref(), SyncStatus::Failed, "");
                item.folder = self.layout.user_folder(&sid).display().to_string();
                item.registry_key = self.layout.registry_key(&sid);
                (Some(sid), item)
            }
            Err(e) => {
                let item = SyncItem::new(&user.sid, user.user.as_deref(), SyncStatus::Failed, "");
                (None, item.failed(e.kind(), e.to_string()))
            }
        }
    }

    pub fn sync(&mut self, user: &UserRef) -> SyncItem {
        let (sid, mut item) = self.start(user);
        let Some(sid) = sid else { return item };
        let folder = self.layout.user_folder(&sid);
        let expected = self.expected_values(&sid);
        let recipe = recipe(self.quality);
        let current = Manifest::complete_set(&folder);

        // The first source that has a usable photo wins; an empty one passes to the next.
        let mut chosen = None;
        for source in self.sources.iter_mut() {
            let kind = source.kind();
            let fetched = match source.fetch(user) {
                Ok(Lookup::Found(f)) => f,
                Ok(Lookup::Absent(reason)) => {
                    item.tried.push(Tried { source: kind, reason });
                    continue;
                }
                Err(e) => {
                    item.reason = format!("the {} source failed; the current picture is left alone", kind.name());
                    return item.failed(ErrorKind::SourceFailed, e);
                }
            };
            let sha256 = sha256_hex(&fetched.bytes);
            let same = current
                .as_ref()
                .is_some_and(|m| m.recipe == recipe && m.source_sha256 == sha256);
            if same && !self.force {
                chosen = Some(Chosen {
                    fetched,
                    sha256,
                    rendered: None,
                });
                break;
            }
            match render_set(&mut self.converter, &fetched.bytes, self.quality, &self.limits) {
                Ok(rendered) => {
                    chosen = Some(Chosen {
                        fetched,
                        sha256,
                        rendered: Some(rendered),
                    });
                    break;
                }
                Err(e) => item.tried.push(Tried {
                    source: kind,
                    reason: format!("{} is not a usable photo: {e}", fetched.origin),
                }),
            }
        }
        let Some(chosen) = chosen else {
            item.status = SyncStatus::NoPhoto;
            item.reason = if item.tried.is_empty() {
                "no photo source is configured; the current picture is left alone".into()
            } else {
                let why: Vec<String> = item
                    .tried
                    .iter()
                    .map(|t| format!("{}: {}", t.source.name(), t.reason))
                    .collect();
                format!("no photo found; the current picture is left alone ({})", why.join("; "))
            };
            return item;
        };
        item.source = Some(SourceReport {
            kind: chosen.fetched.kind,
            origin: chosen.fetched.origin.clone(),
            sha256: chosen.sha256.clone(),
            width: chosen.rendered.as_ref().map(|r| r.source.width),
            height: chosen.rendered.as_ref().map(|r| r.source.height),
        });
        let registry_current = match self.registry_is_current(&sid, &expected) {
            Ok(c) => c,
            Err(e) => return item.failed(ErrorKind::RegistryFailed, e),
        };

        let Some(rendered) = chosen.rendered else {
            // Same source, same recipe, files intact: at most the registry needs repair
            // (someone picked another picture in Settings, or a run stopped before it).
            if registry_current {
                item.status = SyncStatus::Unchanged;
                item.reason = format!("unchanged since the last sync (from {})", chosen.fetched.kind.name());
                return item;
            }
            item.reason = "the pictures are current; the registry values do not point at them".into();
            return self.write_registry(item, &sid, &expected);
        };

        item.warnings = rendered.warnings.clone();
        item.files = rendered
            .files
            .iter()
            .map(|f| FileReport {
                value: value_name(f.size),
                path: self.layout.value_path(&sid, f.size),
                size: f.size,
                bytes: f.jpeg.len() as u64,
            })
            .collect();
        item.reason = match &current {
            None => format!("new set from {}", chosen.fetched.kind.name()),
            Some(m) if m.recipe != recipe => format!("rebuilt from {} with new settings", chosen.fetched.kind.name()),
            Some(_) if self.force => format!("rewritten from {} (forced)", chosen.fetched.kind.name()),
            Some(_) => format!("the photo from {} changed", chosen.fetched.kind.name()),
        };
        if self.what_if {
            item.status = SyncStatus::WouldWrite;
            return item;
        }
        let set = NewSet {
            manifest: Manifest {
                recipe,
                source_kind: chosen.fetched.kind.name().to_string(),
                source_origin: chosen.fetched.origin.clone(),
                source_sha256: chosen.sha256.clone(),
                files: rendered
                    .files
                    .iter()
                    .map(|f| (f.name.clone(), sha256_hex(&f.jpeg)))
                    .collect::<BTreeMap<_, _>>(),
            },
            files: rendered.files.into_iter().map(|f| (f.name, f.jpeg)).collect(),
        };
        if let Err(e) = self.writer(&sid).replace(&set) {
            return item.failed(ErrorKind::WriteFailed, format!("{}: {e}", folder.display()));
        }
        if registry_current {
            item.status = SyncStatus::Written;
            return item;
        }
        self.write_registry(item, &sid, &expected)
    }

    fn write_registry(&mut self, mut item: SyncItem, sid: &str, expected: &Values) -> SyncItem {
        if self.what_if {
            item.status = SyncStatus::WouldWrite;
            return item;
        }
        match self.registry.write(sid, expected) {
            Ok(()) => {
                item.status = SyncStatus::Written;
                item
            }
            Err(e) => item.failed(ErrorKind::RegistryFailed, e),
        }
    }

    /// Puts the previous set back (and keeps the current one as the new previous, so a
    /// second rollback undoes the first).
    pub fn roll_back(&mut self, user: &UserRef) -> SyncItem {
        let (sid, mut item) = self.start(user);
        let Some(sid) = sid else { return item };
        let folder = self.layout.user_folder(&sid);
        let previous = folder.join(PREVIOUS_FOLDER);
        let Some(set) = NewSet::read_complete(&previous) else {
            return item.failed(
                ErrorKind::NoPreviousSet,
                format!("there is no complete previous set in {}", previous.display()),
            );
        };
        item.source = Some(SourceReport {
            kind: set
                .manifest
                .source_kind
                .parse()
                .unwrap_or(super::source::SourceKind::File),
            origin: set.manifest.source_origin.clone(),
            sha256: set.manifest.source_sha256.clone(),
            width: None,
            height: None,
        });
        item.reason = format!("the previous set (from {}) is put back", set.manifest.source_kind);
        if self.what_if {
            item.status = SyncStatus::WouldRollBack;
            return item;
        }
        if let Err(e) = self.writer(&sid).replace(&set) {
            return item.failed(ErrorKind::WriteFailed, format!("{}: {e}", folder.display()));
        }
        let expected = self.expected_values(&sid);
        match self.registry.write(&sid, &expected) {
            Ok(()) => {
                item.status = SyncStatus::RolledBack;
                item
            }
            Err(e) => item.failed(ErrorKind::RegistryFailed, e),
        }
    }
}
