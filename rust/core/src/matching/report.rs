//! Match results as one flat, serialisable row each: what `adphoto match --json`
//! prints and what `Find-ADPhotoMatch` returns.

use serde::Serialize;

use super::outcome::{FileMatch, MatchKind, MatchResult};
use crate::users::{UserId, UserTable};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchRow {
    /// `matched`, `ambiguous`, `duplicate`, `unmatched`, `missing-file`,
    /// `invalid-row`, or `no-photo` for a user without any file.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The identity a mapping row or pair named, as given (also when it fits no user).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    #[serde(skip)]
    pub user_id: Option<UserId>,
}

impl MatchRow {
    pub fn of_file(m: &FileMatch, table: &UserTable) -> MatchRow {
        let describe = |u: &UserId| table.describe(*u);
        let message = m.detail.clone().or_else(|| match m.kind {
            MatchKind::Unmatched if m.suggestions.is_empty() => Some("the name fits no user".to_string()),
            MatchKind::Unmatched => Some(format!(
                "the name fits no user; did you mean {}?",
                m.suggestions
                    .iter()
                    .map(|s| describe(&s.user))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            MatchKind::Duplicate => Some(format!(
                "{} other file(s) fit the same user; none is used",
                m.others.len()
            )),
            _ => None,
        });
        MatchRow {
            kind: m.kind,
            file: Some(m.file.display().to_string()).filter(|f| !f.is_empty()),
            user: m.user.as_ref().map(describe),
            dn: m.user.and_then(|u| table.dn(u)).map(str::to_string),
            by: m.by.as_ref().map(|b| b.to_string()),
            candidates: m.candidates.iter().map(describe).collect(),
            others: m.others.iter().map(|p| p.display().to_string()).collect(),
            suggestions: m.suggestions.iter().map(|s| describe(&s.user)).collect(),
            message,
            identity: m.identity.clone(),
            user_id: m.user,
        }
    }

    pub fn of_user_without_photo(user: UserId, table: &UserTable) -> MatchRow {
        MatchRow {
            kind: MatchKind::NoPhoto,
            file: None,
            user: Some(table.describe(user)),
            dn: table.dn(user).map(str::to_string),
            by: None,
            candidates: Vec::new(),
            others: Vec::new(),
            suggestions: Vec::new(),
            message: Some("no photo file fits this user".into()),
            identity: None,
            user_id: Some(user),
        }
    }
}

/// Every row of a result: files in input order, then users without a photo.
pub fn match_rows(result: &MatchResult, table: &UserTable) -> Vec<MatchRow> {
    result
        .files
        .iter()
        .map(|f| MatchRow::of_file(f, table))
        .chain(
            result
                .users_without_photo
                .iter()
                .map(|u| MatchRow::of_user_without_photo(*u, table)),
        )
        .collect()
}
