//! What matching concluded for each file and each user.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::users::UserId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// Exactly one user, and that user has no other file.
    Matched,
    /// The name fits several users; nobody gets this file.
    Ambiguous,
    /// Several files fit the same user; none of them is used.
    Duplicate,
    /// The name fits nobody.
    Unmatched,
    /// A mapping row names a file that does not exist.
    MissingFile,
    /// A mapping row lacks an identity or a path.
    InvalidRow,
    /// A user no file fits (a row of its own in reports, never a file's kind).
    NoPhoto,
}

impl MatchKind {
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Matched => "matched",
            MatchKind::Ambiguous => "ambiguous",
            MatchKind::Duplicate => "duplicate",
            MatchKind::Unmatched => "unmatched",
            MatchKind::MissingFile => "missing-file",
            MatchKind::InvalidRow => "invalid-row",
            MatchKind::NoPhoto => "no-photo",
        }
    }
}

/// How a file was paired with its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchedBy {
    /// Shared by every file the template paired (no copy per file).
    Template(Arc<str>),
    Mapping {
        column: String,
        line: u64,
    },
}

impl std::fmt::Display for MatchedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MatchedBy::Template(t) => write!(f, "{t}"),
            MatchedBy::Mapping { column, line } => write!(f, "mapping line {line} ({column})"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub user: UserId,
    /// The user's key that nearly matched.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMatch {
    pub file: PathBuf,
    pub kind: MatchKind,
    /// The user of a `Matched` or `Duplicate` file.
    pub user: Option<UserId>,
    /// The users an `Ambiguous` name fits.
    pub candidates: Vec<UserId>,
    /// For a `Duplicate`: the other files that fit the same user.
    pub others: Vec<PathBuf>,
    pub by: Option<MatchedBy>,
    /// Closest users for an `Unmatched` name.
    pub suggestions: Vec<Suggestion>,
    /// Human explanation for kinds that need one.
    pub detail: Option<String>,
    /// The identity an explicit mapping row gave, as written.
    pub identity: Option<String>,
}

impl FileMatch {
    pub fn new(file: PathBuf, kind: MatchKind) -> FileMatch {
        FileMatch {
            file,
            kind,
            user: None,
            candidates: Vec::new(),
            others: Vec::new(),
            by: None,
            suggestions: Vec::new(),
            detail: None,
            identity: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatchResult {
    /// One entry per file (or mapping row), in input order.
    pub files: Vec<FileMatch>,
    /// Users that no file fits, in table order.
    pub users_without_photo: Vec<UserId>,
    /// Notes for the administrator (rows listed twice).
    pub notes: Vec<String>,
}

impl MatchResult {
    /// Turns files that claim the same user into duplicates and lists the users
    /// nobody claimed.
    pub fn resolve(mut files: Vec<FileMatch>, user_count: usize) -> MatchResult {
        // Claims per user, in a flat array: a hash map per run of 100,000 files costs
        // more than the rest of this function.
        let mut claims = vec![0u32; user_count];
        for f in &files {
            if let (MatchKind::Matched, Some(u)) = (f.kind, f.user) {
                if let Some(c) = claims.get_mut(u as usize) {
                    *c += 1;
                }
            }
        }
        let mut shared: HashMap<UserId, Vec<usize>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            if let (MatchKind::Matched, Some(u)) = (f.kind, f.user) {
                if claims.get(u as usize).is_some_and(|c| *c > 1) {
                    shared.entry(u).or_default().push(i);
                }
            }
        }
        for indexes in shared.into_values() {
            let paths: Vec<PathBuf> = indexes.iter().map(|i| files[*i].file.clone()).collect();
            for i in &indexes {
                let f = &mut files[*i];
                f.kind = MatchKind::Duplicate;
                f.others = paths.iter().filter(|p| **p != f.file).cloned().collect();
            }
        }
        // A user whose only files are duplicates still has photos: they are reported
        // with the duplicates, not as "no photo".
        let users_without_photo = (0..user_count as UserId).filter(|u| claims[*u as usize] == 0).collect();
        MatchResult {
            files,
            users_without_photo,
            notes: Vec::new(),
        }
    }

    /// The usable pairs.
    pub fn pairs(&self) -> impl Iterator<Item = (UserId, &FileMatch)> {
        self.files
            .iter()
            .filter(|f| f.kind == MatchKind::Matched)
            .filter_map(|f| f.user.map(|u| (u, f)))
    }

    pub fn count(&self, kind: MatchKind) -> usize {
        self.files.iter().filter(|f| f.kind == kind).count()
    }
}
