//! What a review sheet shows: independent of the CLI and of any target's types, so
//! every run can build one.

/// An image to show, as its file bytes (JPEG or PNG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl Image {
    pub fn jpeg(bytes: Vec<u8>) -> Image {
        Image {
            mime: "image/jpeg",
            bytes,
        }
    }

    /// The MIME type from the content: only formats every browser shows are embedded.
    pub fn sniffed(bytes: Vec<u8>) -> Option<Image> {
        let mime = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(b"GIF8") {
            "image/gif"
        } else {
            return None;
        };
        Some(Image { mime, bytes })
    }
}

/// What the target has now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CurrentPhoto {
    /// Not read (a target written blind, such as an LDIF file).
    #[default]
    Unknown,
    /// The user has no photo there.
    None,
    Photo(Image),
}

/// One target's side of a card: the photo it will get and the one it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetView {
    /// Names the target and size: "Active Directory thumbnailPhoto (96x96)".
    pub target: String,
    /// The photo as the target will get it; `None` when nothing would be written.
    pub new_photo: Option<Image>,
    pub current: CurrentPhoto,
    /// A line under the photos: "4711 bytes, quality 90", "unchanged".
    pub note: Option<String>,
}

/// A warning or finding, with a stable kind to filter on (`no-face`, `blurred`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: String,
    pub message: String,
}

/// One user (or one file that fits nobody).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    /// The user as people know them (display name, account, or the file's name).
    pub title: String,
    /// Second line: account, DN, e-mail.
    pub subtitle: Option<String>,
    /// The photo file, as given.
    pub file: Option<String>,
    /// The action or match state: write, unchanged, invalid-image, unmatched, ...
    /// (filtered on; the sheet lists every status present).
    pub status: String,
    /// Why, in words.
    pub reason: String,
    pub findings: Vec<Finding>,
    pub views: Vec<TargetView>,
}

/// The whole sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewSheet {
    pub title: String,
    /// A line under the title: where the users and photos came from, when.
    pub subtitle: String,
    pub cards: Vec<Card>,
}
