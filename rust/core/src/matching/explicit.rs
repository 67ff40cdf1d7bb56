//! Explicit mappings: CSV rows that name a user and a file (`AD_user,path_to_file`,
//! `mail,path`, ...). They bypass naming templates but not the "never guess" rules.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use thiserror::Error;

use super::index::{Hit, KeyIndex};
use super::outcome::{FileMatch, MatchKind, MatchResult, MatchedBy};
use super::suggest::Suggester;
use crate::inputs::RealFile;
use crate::text::{match_key, parse_csv_as, read_csv_as, trim_unescaped, CsvTable};
use crate::users::{canonical_attribute, UserId, UserTable, IDENTITY_ATTRIBUTES};

/// Column names that hold the user, most specific first. A column named after one
/// attribute is looked up in that attribute only; the generic ones in every identity.
const IDENTITY_COLUMNS: [&str; 13] = [
    "AD_user",
    "Identity",
    "SamAccountName",
    "UserPrincipalName",
    "mail",
    "EmailAddress",
    "EmployeeID",
    "DistinguishedName",
    "ObjectGUID",
    "User",
    "UserName",
    "Login",
    "Id",
];
const PATH_COLUMNS: [&str; 9] = [
    "path_to_file",
    "Path",
    "FullName",
    "File",
    "FileName",
    "Photo",
    "PhotoPath",
    "Picture",
    "Image",
];

#[derive(Debug, Error)]
#[error("{0}")]
pub struct MappingError(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRow {
    pub line: u64,
    pub identity: String,
    pub path: PathBuf,
    /// Why the row is unusable as it stands (an empty cell).
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Mapping {
    /// The identity column as written in the file.
    pub identity_column: String,
    /// Every data row, in file order.
    pub rows: Vec<MapRow>,
    pub warnings: Vec<String>,
}

/// One explicit pair given directly (PowerShell's pipeline: `Import-Csv | Set-ADPhotoBulk`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapPair {
    /// Any identity: account name, UPN, mail, employee ID, DN.
    pub identity: String,
    /// An absolute path (relative ones are taken from the process's folder).
    pub path: PathBuf,
}

/// Pairs given directly, checked like the rows of a mapping CSV (trimmed; an empty
/// identity or path is an invalid row). `line` is the pair's position, from 1.
pub fn mapping_from_pairs(pairs: &[MapPair]) -> Mapping {
    let rows = pairs
        .iter()
        .zip(1u64..)
        .map(|(pair, line)| {
            let who = trim_unescaped(&pair.identity);
            let file = PathBuf::from(pair.path.to_string_lossy().trim());
            let problem = if who.is_empty() {
                Some(format!("item {line}: the identity is empty"))
            } else if file.as_os_str().is_empty() {
                Some(format!("item {line}: the path is empty"))
            } else {
                None
            };
            MapRow {
                line,
                identity: who.to_string(),
                path: file,
                problem,
            }
        })
        .collect();
    Mapping {
        identity_column: "Identity".into(),
        rows,
        warnings: Vec::new(),
    }
}

/// Reads a mapping CSV; relative paths are taken relative to the CSV's own folder.
pub fn read_mapping(path: &Path) -> Result<Mapping, MappingError> {
    read_mapping_as(path, None)
}

/// Reads a mapping CSV in the encoding named (detected when `None`).
pub fn read_mapping_as(path: &Path, encoding: Option<&'static Encoding>) -> Result<Mapping, MappingError> {
    let csv = read_csv_as(path, encoding).map_err(|e| MappingError(e.to_string()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    mapping_from_table(&csv, base, &path.display().to_string())
}

/// A mapping CSV's bytes (relative paths taken from `base`; `name` labels messages).
pub fn parse_mapping(
    bytes: &[u8],
    base: &Path,
    name: &str,
    encoding: Option<&'static Encoding>,
) -> Result<Mapping, MappingError> {
    let csv = parse_csv_as(bytes, name, encoding).map_err(|e| MappingError(e.to_string()))?;
    mapping_from_table(&csv, base, name)
}

fn mapping_from_table(csv: &CsvTable, base: &Path, name: &str) -> Result<Mapping, MappingError> {
    let identity = csv.column(&IDENTITY_COLUMNS).ok_or_else(|| {
        MappingError(format!(
            "{name} has no user column; name one of: {} (its columns: {})",
            IDENTITY_COLUMNS.join(", "),
            csv.headers.join(", ")
        ))
    })?;
    let path_col = csv.column(&PATH_COLUMNS).ok_or_else(|| {
        MappingError(format!(
            "{name} has no file column; name one of: {} (its columns: {})",
            PATH_COLUMNS.join(", "),
            csv.headers.join(", ")
        ))
    })?;
    let mut rows = Vec::new();
    for row in &csv.rows {
        let value = |i: usize| row.values.get(i).map(|s| trim_unescaped(s)).unwrap_or_default();
        let (who, file) = (value(identity), value(path_col));
        let problem = if who.is_empty() {
            Some(format!("line {}: {} is empty", row.line, csv.headers[identity]))
        } else if file.is_empty() {
            Some(format!("line {}: {} is empty", row.line, csv.headers[path_col]))
        } else {
            None
        };
        let file = PathBuf::from(file.trim_matches('"'));
        rows.push(MapRow {
            line: row.line,
            identity: who.to_string(),
            path: if file.is_absolute() || file.as_os_str().is_empty() {
                file
            } else {
                base.join(file)
            },
            problem,
        });
    }
    Ok(Mapping {
        identity_column: csv.headers[identity].clone(),
        rows,
        warnings: csv.warnings.clone(),
    })
}

/// Pairs each mapping row with the user its identity names.
pub fn match_mapping(table: &UserTable, mapping: &Mapping) -> MatchResult {
    let column = canonical_attribute(&mapping.identity_column);
    let only: Option<&str> = IDENTITY_ATTRIBUTES.iter().copied().find(|a| *a == column);
    let indexes: Vec<(&str, KeyIndex)> = IDENTITY_ATTRIBUTES
        .iter()
        .filter(|a| only.is_none_or(|o| o == **a))
        .filter_map(|a| table.column(a).map(|c| (*a, index_identity(table, a, c))))
        .collect();
    let mut files: Vec<FileMatch> = Vec::with_capacity(mapping.rows.len());
    let mut unmatched = Vec::new();
    // The same user and the same real file on two rows is one pairing, not a duplicate.
    let mut pairings: HashMap<(UserId, RealFile), u64> = HashMap::new();
    let mut notes = Vec::new();
    for row in &mapping.rows {
        if let Some(problem) = &row.problem {
            let mut m = FileMatch::new(row.path.clone(), MatchKind::InvalidRow);
            m.detail = Some(problem.clone());
            m.identity = Some(row.identity.clone()).filter(|i| !i.is_empty());
            m.by = Some(MatchedBy::Mapping {
                column: mapping.identity_column.clone(),
                line: row.line,
            });
            files.push(m);
            continue;
        }
        let mut users: Vec<UserId> = Vec::new();
        for (attribute, index) in &indexes {
            match index.get(&identity_key(attribute, &row.identity)) {
                Some(Hit::One(u)) => users.push(u),
                Some(Hit::Many(us)) => users.extend_from_slice(us),
                None => {}
            }
        }
        users.sort_unstable();
        users.dedup();
        if let ([user], Ok(file)) = (users.as_slice(), RealFile::of(&row.path)) {
            if let Some(first) = pairings.get(&(*user, file.clone())) {
                notes.push(format!(
                    "line {}: the same user and the same file as line {first}, listed twice; counted once",
                    row.line
                ));
                continue;
            }
            pairings.insert((*user, file), row.line);
        }
        let kind = match users.len() {
            _ if !row.path.is_file() => MatchKind::MissingFile,
            0 => MatchKind::Unmatched,
            1 => MatchKind::Matched,
            _ => MatchKind::Ambiguous,
        };
        let mut m = FileMatch::new(row.path.clone(), kind);
        m.identity = Some(row.identity.clone());
        m.by = Some(MatchedBy::Mapping {
            column: mapping.identity_column.clone(),
            line: row.line,
        });
        match kind {
            MatchKind::Matched => m.user = users.first().copied(),
            MatchKind::Ambiguous => {
                m.detail = Some(format!("'{}' names {} users", row.identity, users.len()));
                m.candidates = users;
            }
            MatchKind::MissingFile => {
                m.user = (users.len() == 1).then(|| users[0]);
                m.detail = Some(format!("line {}: {}", row.line, describe_missing(&row.path)));
            }
            _ => {
                m.detail = Some(format!("line {}: no user '{}'", row.line, row.identity));
                unmatched.push((files.len(), row.identity.clone()));
            }
        }
        files.push(m);
    }
    if !unmatched.is_empty() {
        let suggester = Suggester::new(indexes.iter().filter(|(a, _)| !is_opaque(a)).flat_map(|(_, ix)| {
            ix.iter().filter_map(|(k, hit)| match hit {
                Hit::One(u) => Some((k, u)),
                Hit::Many(_) => None,
            })
        }));
        let mut scratch = suggester.scratch();
        for (i, identity) in unmatched {
            files[i].suggestions = suggester.suggest(&match_key(&identity), &mut scratch);
        }
    }
    let mut result = MatchResult::resolve(files, table.len());
    result.notes = notes;
    result
}

/// What a mapping row's path is, when it is not a photo file to read.
fn describe_missing(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => "the path is a folder, not a photo file".into(),
        Ok(m) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                let t = m.file_type();
                if t.is_fifo() {
                    return "the path is a named pipe (FIFO), not a photo file".into();
                }
                if t.is_char_device() || t.is_block_device() {
                    return "the path is a device (such as /dev/zero), not a photo file".into();
                }
                if t.is_socket() {
                    return "the path is a socket, not a photo file".into();
                }
            }
            let _ = m;
            "the path is not a regular file".into()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "no such file".into(),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ENAMETOOLONG) => format!(
            "the path is too long ({} characters; the system allows fewer)",
            path.as_os_str().len()
        ),
        Err(e) => format!("the file cannot be read: {e}"),
    }
}

fn index_identity(table: &UserTable, attribute: &str, column: usize) -> KeyIndex {
    let mut index = KeyIndex::with_capacity(table.len());
    for user in table.ids() {
        if let Some(v) = table.get(user, column) {
            index.insert(&identity_key(attribute, v), user);
        }
    }
    index
}

/// GUIDs and DNs are compared in their canonical forms; names by their match key.
pub(super) fn identity_key(attribute: &str, value: &str) -> String {
    match attribute {
        "objectguid" | "entryuuid" | "id" => value
            .chars()
            .filter(|c| !matches!(c, '{' | '}' | '-'))
            .collect::<String>()
            .to_ascii_lowercase(),
        // RDNs joined by a character no key holds, so `a\,b` and `a\ ` + `,b` differ.
        "distinguishedname" => {
            let parts: Vec<String> = split_dn(value).iter().map(|rdn| match_key(&hex_escapes(rdn))).collect();
            parts.join("\u{1f}")
        }
        _ => match_key(value),
    }
}

/// Splits a DN at its unescaped commas, trimming the space people put after them.
fn split_dn(dn: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in dn.chars() {
        if escaped {
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            current.push(c);
            escaped = true;
        } else if c == ',' {
            parts.push(tidy_rdn(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    parts.push(tidy_rdn(&current));
    parts
}

/// `OU = Staff ` → `OU=Staff`; an escaped space (`CN=x\ `) is part of the value.
fn tidy_rdn(rdn: &str) -> String {
    match rdn.split_once('=') {
        Some((kind, value)) => format!("{}={}", kind.trim(), trim_unescaped(value)),
        None => trim_unescaped(rdn).to_string(),
    }
}

/// Every escaped character written as its hex pair (`\ ` and `\20` are one space, `\,`
/// and `\2C` one comma), so that a key neither trims an escaped space nor confuses
/// two spellings of one DN.
fn hex_escapes(rdn: &str) -> String {
    let mut out = String::with_capacity(rdn.len() + 8);
    let mut chars = rdn.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(h) if h.is_ascii_hexdigit() && chars.peek().is_some_and(|n| n.is_ascii_hexdigit()) => {
                out.push('\\');
                out.push(h.to_ascii_lowercase());
                out.extend(chars.next().map(|n| n.to_ascii_lowercase()));
            }
            Some(escaped) => {
                let mut buf = [0u8; 4];
                for b in escaped.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{b:02x}"));
                }
            }
            None => out.push('\\'),
        }
    }
    out
}

pub(super) fn is_opaque(attribute: &str) -> bool {
    matches!(attribute, "objectguid" | "entryuuid" | "id" | "distinguishedname")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_keys_ignore_formatting() {
        assert_eq!(
            identity_key("objectguid", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}"),
            identity_key("objectguid", "3f2504e04f8911d39a0c0305e82c3301")
        );
        assert_eq!(
            identity_key("distinguishedname", "CN=Smith\\, John, OU = Staff,DC=example,DC=edu"),
            identity_key("distinguishedname", "cn=smith\\, john,ou=staff,dc=example,dc=edu")
        );
        assert_eq!(identity_key("samaccountname", " JSmith "), "jsmith");
    }

    #[test]
    fn escaped_spaces_and_commas_stay_apart_in_dn_keys() {
        let spaced = identity_key("distinguishedname", "CN=trailing2\\ ,OU=People,DC=x");
        let comma = identity_key("distinguishedname", "CN=trailing2\\,OU=People,DC=x");
        let bare = identity_key("distinguishedname", "CN=trailing2,OU=People,DC=x");
        assert_ne!(spaced, comma);
        assert_ne!(spaced, bare);
        assert_eq!(
            spaced,
            identity_key("distinguishedname", "cn=TRAILING2\\20, ou=people,dc=x")
        );
        assert_eq!(
            comma,
            identity_key("distinguishedname", "CN=trailing2\\2cOU=People,DC=x")
        );
    }
}
