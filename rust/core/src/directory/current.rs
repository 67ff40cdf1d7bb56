//! What a directory knows of a user's photo before anything is written.

use crate::error::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Current {
    /// The user has no photo.
    Absent,
    /// Every value the attribute holds (never empty: no value is `Absent`).
    Photo(Vec<Vec<u8>>),
    /// There is a photo but it could not be read, so it cannot be backed up: it is
    /// never replaced.
    Unreadable(Error),
    /// The directory cannot read back at all (an LDIF file written blind): nothing to
    /// compare with and nothing to back up.
    Unknown,
}

impl Current {
    /// `Absent` for no values, `Photo` otherwise.
    pub fn from_values(values: Vec<Vec<u8>>) -> Current {
        let values: Vec<Vec<u8>> = values.into_iter().filter(|v| !v.is_empty()).collect();
        if values.is_empty() {
            Current::Absent
        } else {
            Current::Photo(values)
        }
    }

    /// The values, when known (none for `Absent`).
    pub fn values(&self) -> Option<&[Vec<u8>]> {
        match self {
            Current::Absent => Some(&[]),
            Current::Photo(v) => Some(v),
            Current::Unreadable(_) | Current::Unknown => None,
        }
    }

    /// The first value: what a single-photo service shows.
    pub fn first(&self) -> Option<&[u8]> {
        match self {
            Current::Photo(v) => v.first().map(Vec::as_slice),
            _ => None,
        }
    }

    pub fn has_photo(&self) -> bool {
        matches!(self, Current::Photo(_) | Current::Unreadable(_))
    }

    /// Total bytes of the known values.
    pub fn bytes(&self) -> u64 {
        self.values().map_or(0, |v| v.iter().map(|p| p.len() as u64).sum())
    }
}
