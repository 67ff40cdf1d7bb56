//! Matching a folder of photo files to users by naming templates, in one pass over
//! users (building a hash index per template) and one over files.

use std::path::PathBuf;

use super::file_key::FileKey;
use super::index::{Hit, KeyIndex};
use super::outcome::{FileMatch, MatchKind, MatchResult, MatchedBy};
use super::suggest::Suggester;
use super::template::Template;
use crate::users::UserTable;

/// Pairs `files` with users of `table`. Templates are tried in order for each file;
/// the first that the file's name fits decides, whether it fits one user (matched)
/// or several (ambiguous: a later template is not asked, that would be a guess).
pub fn match_files(table: &UserTable, templates: &[Template], files: &[PathBuf]) -> MatchResult {
    let indexes: Vec<KeyIndex> = templates.iter().map(|t| index_template(table, t)).collect();
    let mut results = Vec::with_capacity(files.len());
    let mut unmatched = Vec::new();
    for file in files {
        let key = FileKey::of(file);
        let found = indexes
            .iter()
            .zip(templates)
            .find_map(|(index, template)| key.candidates().find_map(|k| index.get(k)).map(|hit| (hit, template)));
        let m = match found {
            Some((Hit::One(user), template)) => {
                let mut m = FileMatch::new(file.clone(), MatchKind::Matched);
                m.user = Some(*user);
                m.by = Some(MatchedBy::Template(template.text.clone()));
                m
            }
            Some((Hit::Many(users), template)) => {
                let mut m = FileMatch::new(file.clone(), MatchKind::Ambiguous);
                m.candidates = users.clone();
                m.by = Some(MatchedBy::Template(template.text.clone()));
                m.detail = Some(format!("the name fits {} users under {}", users.len(), template.text));
                m
            }
            None => {
                unmatched.push(results.len());
                FileMatch::new(file.clone(), MatchKind::Unmatched)
            }
        };
        results.push(m);
    }
    if !unmatched.is_empty() {
        let suggester = Suggester::new(indexes.iter().flat_map(|ix| {
            ix.iter().flat_map(|(k, hit)| match hit {
                Hit::One(u) => vec![(k.as_str(), *u)],
                Hit::Many(us) => us.iter().map(|u| (k.as_str(), *u)).collect(),
            })
        }));
        for i in unmatched {
            let key = FileKey::of(&results[i].file);
            let probe = key.short.as_deref().unwrap_or(&key.full);
            results[i].suggestions = suggester.suggest(probe);
        }
    }
    MatchResult::resolve(results, table.len())
}

fn index_template(table: &UserTable, template: &Template) -> KeyIndex {
    let columns = template.columns(table);
    let mut index = KeyIndex::with_capacity(table.len());
    if columns.iter().any(Option::is_none) {
        return index; // the source has no such attribute: nobody fits this template
    }
    for user in table.ids() {
        if let Some(key) = template.key(table, &columns, user) {
            index.insert(key, user);
        }
    }
    index
}
