//! Where a user's picture comes from, best first: a local HD file, the directory's
//! `jpegPhoto`, the Microsoft Graph photo, then `thumbnailPhoto` (96 pixels: the last
//! resort, upscaled with a warning).
//!
//! Each source implements `PhotoSource`. Microsoft Graph has its place in the order but
//! no implementation here yet: when the Graph client exists, implement `PhotoSource` for
//! it (`GET /users/{id}/photo/$value`) and return it from `run::open_sources` for
//! `SourceKind::Graph`; nothing else changes.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The kinds of source, in the default order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// A photo file: given per user, or found by name in a folder.
    #[serde(rename = "file")]
    File,
    /// The directory's `jpegPhoto` (usually the HD photo).
    #[serde(rename = "jpegPhoto")]
    JpegPhoto,
    /// The Microsoft Graph photo (up to 648x648).
    #[serde(rename = "graph")]
    Graph,
    /// The directory's `thumbnailPhoto` (96x96).
    #[serde(rename = "thumbnailPhoto")]
    ThumbnailPhoto,
}

impl SourceKind {
    /// The sources in the default order of preference. (A function, not a constant:
    /// cbindgen reads the whole crate, and a constant of this type would put
    /// `SourceKind` into the C header.)
    pub fn default_order() -> [SourceKind; 4] {
        [
            SourceKind::File,
            SourceKind::JpegPhoto,
            SourceKind::Graph,
            SourceKind::ThumbnailPhoto,
        ]
    }

    pub fn name(self) -> &'static str {
        match self {
            SourceKind::File => "file",
            SourceKind::JpegPhoto => "jpegPhoto",
            SourceKind::Graph => "graph",
            SourceKind::ThumbnailPhoto => "thumbnailPhoto",
        }
    }
}

impl std::str::FromStr for SourceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SourceKind::default_order()
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown source '{s}' (expected file, jpegPhoto, graph or thumbnailPhoto)"))
    }
}

/// The user whose picture is synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRef {
    /// The account's SID: names the folder and the registry key.
    pub sid: String,
    /// The account name (sAMAccountName, or DOMAIN\name): looked up in the directory and
    /// used as the file name in a photo folder.
    #[serde(default)]
    pub user: Option<String>,
    /// This user's photo file, ahead of any other source.
    #[serde(default)]
    pub photo: Option<PathBuf>,
}

impl UserRef {
    /// The account name without a `DOMAIN\` prefix, as the directory and file names
    /// know it.
    pub fn account_name(&self) -> Option<&str> {
        let user = self.user.as_deref()?.trim();
        let name = user.rsplit_once('\\').map_or(user, |(_, n)| n).trim();
        (!name.is_empty()).then_some(name)
    }

    /// How to name the user in messages.
    pub fn describe(&self) -> String {
        match self.user.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => format!("{u} ({})", self.sid),
            None => self.sid.clone(),
        }
    }
}

/// A photo a source has for a user.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub kind: SourceKind,
    /// Where it came from (a path, a DN), for people.
    pub origin: String,
    pub bytes: Vec<u8>,
}

/// What a source says about a user.
pub enum Lookup {
    Found(Fetched),
    /// Nothing here, and why (the next source is tried).
    Absent(String),
}

pub trait PhotoSource {
    fn kind(&self) -> SourceKind;

    /// The user's photo, or why there is none. `Err` means the source itself failed
    /// (unreachable, unreadable): the sync stops for this user rather than fall back to
    /// a worse source and flip the picture back and forth between logons.
    fn fetch(&mut self, user: &UserRef) -> Result<Lookup, String>;
}
