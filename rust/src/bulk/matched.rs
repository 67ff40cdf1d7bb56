//! Reads the users and pairs them with photo files.

use std::path::PathBuf;

use super::error::BulkError;
use super::request::MatchRequest;
use crate::inputs::{find_photo_files, FoundFile};
use crate::matching::{
    mapping_from_pairs, match_files, match_mapping, read_mapping_as, FileMatch, MatchKind, MatchResult, Template,
    DEFAULT_TEMPLATES,
};
use crate::text::encoding_named;
use crate::users::{UserSource, UserTable};

/// Users and the result of matching photos to them.
pub struct Matched {
    pub table: UserTable,
    pub result: MatchResult,
    /// Notes for the administrator (encoding guesses, unreadable folders).
    pub warnings: Vec<String>,
    /// Where the users came from, for messages.
    pub source: String,
}

pub fn match_users(source: &mut dyn UserSource, request: &MatchRequest) -> Result<Matched, BulkError> {
    let explicit_patterns = !request.patterns.is_empty();
    let texts: Vec<String> = if explicit_patterns {
        request.patterns.clone()
    } else {
        DEFAULT_TEMPLATES.iter().map(|s| s.to_string()).collect()
    };
    let templates: Vec<Template> = texts
        .iter()
        .map(|t| Template::parse(t).map_err(|e| BulkError::new("pattern", e.to_string())))
        .collect::<Result<_, _>>()?;
    let template_attributes: Vec<String> = templates
        .iter()
        .flat_map(|t| t.attributes().map(str::to_string))
        .collect();

    let mut required = request.required_attributes.clone();
    let mut optional = Vec::new();
    // A pattern the administrator wrote must work: a missing attribute is a typo to
    // report. The default patterns simply skip what the source lacks.
    let explicit_pairs = request.map.is_some() || !request.pairs.is_empty();
    if explicit_patterns && !explicit_pairs {
        required.extend(template_attributes);
    } else {
        optional.extend(template_attributes);
    }
    optional.extend(crate::users::IDENTITY_ATTRIBUTES.iter().map(|s| s.to_string()));
    required.sort();
    required.dedup();

    let table = source
        .load(&required, &optional)
        .map_err(|e| BulkError::new("users", e.message))?;
    let mut warnings = source.warnings();
    let source = source.describe();

    let sources = [
        !request.photos.is_empty(),
        request.map.is_some(),
        !request.pairs.is_empty(),
    ];
    if sources.iter().filter(|s| **s).count() > 1 {
        return Err(BulkError::new(
            "options",
            "give one of: photo folders, a mapping CSV, or (identity, path) pairs",
        ));
    }
    let result = match &request.map {
        _ if !request.pairs.is_empty() => {
            let result = match_mapping(&table, &mapping_from_pairs(&request.pairs));
            warnings.extend(result.notes.iter().cloned());
            result
        }
        Some(map) => {
            let encoding = request
                .encoding
                .as_deref()
                .map(encoding_named)
                .transpose()
                .map_err(|e| BulkError::new("options", e))?;
            let mapping = read_mapping_as(map, encoding).map_err(|e| BulkError::new("mapping", e.0))?;
            warnings.extend(mapping.warnings.iter().cloned());
            let result = match_mapping(&table, &mapping);
            warnings.extend(result.notes.iter().cloned());
            result
        }
        None if request.photos.is_empty() => {
            return Err(BulkError::new(
                "options",
                "no photos given (--photos DIR or --map map.csv)",
            ))
        }
        None => {
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
            let mut result = match_files(&table, &templates, &files);
            result.files.extend(unreadable);
            result
        }
    };
    Ok(Matched {
        table,
        result,
        warnings,
        source,
    })
}
