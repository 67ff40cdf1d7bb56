//! Pairs photo files with users, never by guessing: by naming templates over user
//! attributes, or by explicit rows (identity, path) from a mapping CSV.

mod explicit;
mod file_key;
mod identity_index;
mod index;
mod outcome;
mod report;
mod suggest;
mod template;
mod templates_match;

pub use explicit::{
    mapping_from_pairs, match_mapping, parse_mapping, read_mapping, read_mapping_as, MapPair, MapRow, Mapping,
    MappingError,
};
pub use file_key::FileKey;
pub use identity_index::IdentityIndex;
pub use outcome::{FileMatch, MatchKind, MatchResult, MatchedBy, Suggestion};
pub use report::{match_rows, MatchRow};
pub use template::{Template, TemplateError, DEFAULT_TEMPLATES};
pub use templates_match::match_files;
