//! `match`: read the users of a directory and pair photo files with them.

use std::path::PathBuf;

use super::request::MatchRequest;
use super::sink::{Event, Sink};
use adphoto_core::directory::{Directory, Users, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::inputs::{find_photo_files, FoundFile};
use adphoto_core::matching::{
    mapping_from_pairs, match_files, match_mapping, match_rows, read_mapping_as, FileMatch, MatchKind, MatchResult,
    Template, DEFAULT_TEMPLATES,
};
use adphoto_core::text::encoding_named;
use adphoto_core::users::{UserTable, IDENTITY_ATTRIBUTES};

/// Users and the result of matching photos to them.
pub struct Matched {
    pub users: Users,
    pub result: MatchResult,
    /// Notes for the administrator (encoding guesses, unreadable folders, templates
    /// that cannot match in this directory).
    pub warnings: Vec<String>,
    /// Where the users came from, for messages.
    pub source: String,
}

impl Matched {
    /// Whether every file found exactly one user.
    pub fn is_clean(&self) -> bool {
        self.result.files.iter().all(|f| f.kind == MatchKind::Matched)
    }
}

/// Reads the users (with the attributes the templates and `required` need) and
/// matches the request's photos to them.
pub fn match_users(dir: &mut dyn Directory, request: &MatchRequest, required: &[String]) -> Result<Matched> {
    let sources = [
        !request.photos.is_empty(),
        request.map.is_some(),
        !request.pairs.is_empty(),
    ];
    match sources.iter().filter(|s| **s).count() {
        0 => return Err(Error::options("no photos given (--photos DIR or --map map.csv)")),
        1 => {}
        _ => {
            return Err(Error::options(
                "give one of: photo folders, a mapping CSV, or (identity, path) pairs",
            ))
        }
    }
    let texts: Vec<String> = if request.patterns.is_empty() {
        DEFAULT_TEMPLATES.iter().map(|s| s.to_string()).collect()
    } else {
        request.patterns.clone()
    };
    let templates: Vec<Template> = texts
        .iter()
        .map(|t| Template::parse(t).map_err(|e| Error::new(ErrorKind::Pattern, e.to_string())))
        .collect::<Result<_>>()?;
    // Templates are tried in order, and one whose attributes a directory lacks simply
    // matches nothing there: one list serves AD and Microsoft 365 alike.
    let mut optional: Vec<String> = templates
        .iter()
        .flat_map(|t| t.attributes().map(str::to_string))
        .collect();
    optional.extend(IDENTITY_ATTRIBUTES.iter().map(|s| s.to_string()));
    let wanted = Wanted {
        required: required.to_vec(),
        optional,
    };
    // Users that cannot be read stop the run before it starts (exit code 2), whatever
    // the reason: nothing has been done.
    let users = dir.list_users(&wanted).map_err(|e| {
        if e.kind().is_usage() || e.is_cancelled() {
            e
        } else {
            e.with_kind(ErrorKind::Users)
        }
    })?;
    let mut warnings = dir.warnings();
    if !request.patterns.is_empty() && request.map.is_none() && request.pairs.is_empty() {
        warnings.extend(unusable_templates(&templates, &users.table, &dir.describe()));
    }
    let result = if !request.pairs.is_empty() {
        let result = match_mapping(&users.table, &mapping_from_pairs(&request.pairs));
        warnings.extend(result.notes.iter().cloned());
        result
    } else if let Some(map) = &request.map {
        let encoding = request
            .encoding
            .as_deref()
            .map(encoding_named)
            .transpose()
            .map_err(Error::options)?;
        let mapping = read_mapping_as(map, encoding).map_err(|e| Error::new(ErrorKind::Mapping, e.0))?;
        warnings.extend(mapping.warnings.iter().cloned());
        let result = match_mapping(&users.table, &mapping);
        warnings.extend(result.notes.iter().cloned());
        result
    } else {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut unreadable = Vec::new();
        for found in find_photo_files(&request.photos, None) {
            match found {
                FoundFile::Photo(p) => files.push(p),
                FoundFile::Unreadable { path, error } => {
                    let mut m = FileMatch::new(path, MatchKind::MissingFile);
                    m.detail = Some(error);
                    unreadable.push(m);
                }
                FoundFile::Skipped { path, reason } => warnings.push(format!("{}: {reason}", path.display())),
            }
        }
        let mut result = match_files(&users.table, &templates, &files);
        result.files.extend(unreadable);
        result
    };
    Ok(Matched {
        users,
        result,
        warnings,
        source: dir.describe_users(),
    })
}

/// A note for each template that cannot match in this directory: an attribute it uses
/// is held by no user (a typo, or an attribute another service has).
fn unusable_templates(templates: &[Template], table: &UserTable, source: &str) -> Vec<String> {
    templates
        .iter()
        .filter_map(|t| {
            let missing: Vec<&str> = t
                .attributes()
                .filter(|a| {
                    table
                        .column(a)
                        .is_none_or(|c| table.ids().all(|u| table.get(u, c).is_none()))
                })
                .collect();
            (!missing.is_empty() && !table.is_empty()).then(|| {
                format!(
                    "the pattern {} matches nothing in {source}: no user has {}",
                    t.text,
                    missing.join(", ")
                )
            })
        })
        .collect()
}

/// The counts of a match, by kind, and how many files need attention.
pub struct MatchTotals {
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
    pub problems: usize,
}

/// `match` as a use case: every file's (and photo-less user's) row goes to the sink.
pub fn run_match(
    dir: &mut dyn Directory,
    request: &MatchRequest,
    sink: &mut dyn Sink,
) -> Result<(Matched, MatchTotals)> {
    let matched = match_users(dir, request, &[])?;
    for w in &matched.warnings {
        sink.emit(Event::Warning(w));
    }
    let mut totals = MatchTotals {
        by_kind: Default::default(),
        problems: 0,
    };
    for row in match_rows(&matched.result, &matched.users.table) {
        *totals.by_kind.entry(row.kind.name()).or_default() += 1;
        if row.file.is_some() && row.kind != MatchKind::Matched {
            totals.problems += 1;
        }
        sink.emit(Event::Match(&row));
    }
    Ok((matched, totals))
}
