//! Matching a folder of photo files to users by naming templates, in one pass over
//! users (building a hash index per template, the templates in parallel) and one over
//! files.

use std::path::PathBuf;
use std::sync::Arc;

use super::file_key::FileKey;
use super::index::{Hit, KeyIndex};
use super::outcome::{FileMatch, MatchKind, MatchResult, MatchedBy, Suggestion};
use super::suggest::Suggester;
use super::template::Template;
use crate::users::UserTable;

/// Pairs `files` with users of `table`. Templates are tried in order for each file;
/// the first that the file's name fits decides, whether it fits one user (matched)
/// or several (ambiguous: a later template is not asked, that would be a guess).
pub fn match_files(table: &UserTable, templates: &[Template], files: &[PathBuf]) -> MatchResult {
    let indexes: Vec<KeyIndex> = std::thread::scope(|s| {
        let handles: Vec<_> = templates.iter().map(|t| s.spawn(|| index_template(table, t))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    // Suggestions need an index of every key; build it on another core while the
    // files are looked up, in case any file fits nobody.
    let (results, unmatched, suggester) = std::thread::scope(|s| {
        let suggester = s.spawn(|| suggester_for(&indexes));
        let (results, unmatched) = look_up(&indexes, templates, files);
        let suggester = if unmatched.is_empty() {
            None
        } else {
            suggester.join().ok()
        };
        (results, unmatched, suggester)
    });
    let mut results = results;
    if let Some(suggester) = suggester {
        for (i, suggestions) in suggest_all(&suggester, &unmatched) {
            results[i].suggestions = suggestions;
        }
    }
    MatchResult::resolve(results, table.len())
}

fn look_up(indexes: &[KeyIndex], templates: &[Template], files: &[PathBuf]) -> (Vec<FileMatch>, Vec<(usize, String)>) {
    let names: Vec<Arc<str>> = templates.iter().map(|t| Arc::from(t.text.as_str())).collect();
    let mut results = Vec::with_capacity(files.len());
    let mut unmatched = Vec::new();
    for file in files {
        let key = FileKey::of(file);
        let found = indexes
            .iter()
            .zip(&names)
            .find_map(|(index, template)| key.candidates().find_map(|k| index.get(k)).map(|hit| (hit, template)));
        let m = match found {
            Some((Hit::One(user), template)) => {
                let mut m = FileMatch::new(file.clone(), MatchKind::Matched);
                m.user = Some(user);
                m.by = Some(MatchedBy::Template(template.clone()));
                m
            }
            Some((Hit::Many(users), template)) => {
                // The message is written when reported: formatting one per file here
                // would cost more than the matching itself.
                let mut m = FileMatch::new(file.clone(), MatchKind::Ambiguous);
                m.candidates = users.to_vec();
                m.by = Some(MatchedBy::Template(template.clone()));
                m
            }
            None => {
                unmatched.push((results.len(), key.short.unwrap_or(key.full)));
                FileMatch::new(file.clone(), MatchKind::Unmatched)
            }
        };
        results.push(m);
    }
    (results, unmatched)
}

/// Every key that names exactly one user (suggesting an ambiguous name would not help).
fn suggester_for(indexes: &[KeyIndex]) -> Suggester<'_> {
    Suggester::new(indexes.iter().flat_map(|ix| {
        ix.iter().filter_map(|(k, hit)| match hit {
            Hit::One(u) => Some((k, u)),
            Hit::Many(_) => None,
        })
    }))
}

/// Suggestions for every unmatched key, computed on all cores.
fn suggest_all(suggester: &Suggester<'_>, unmatched: &[(usize, String)]) -> Vec<(usize, Vec<Suggestion>)> {
    let workers = crate::parallel::default_workers().min(unmatched.len()).max(1);
    let chunk = unmatched.len().div_ceil(workers).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = unmatched
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut scratch = suggester.scratch();
                    part.iter()
                        .map(|(i, key)| (*i, suggester.suggest(key, &mut scratch)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

fn index_template(table: &UserTable, template: &Template) -> KeyIndex {
    let columns = template.columns(table);
    let mut index = KeyIndex::with_capacity(table.len());
    if columns.iter().any(Option::is_none) {
        return index; // the source has no such attribute: nobody fits this template
    }
    let (mut text, mut key) = (String::new(), String::new());
    for user in table.ids() {
        if template.key_into(table, &columns, user, &mut text, &mut key) {
            index.insert(&key, user);
        }
    }
    index
}
