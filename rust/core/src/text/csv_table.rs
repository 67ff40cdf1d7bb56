//! Reads the CSVs administrators have: `Export-Csv` (with or without `#TYPE`), Excel
//! (`;` in many locales), hand-edited files with stray spaces and blank lines.

use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;
use thiserror::Error;

use super::csv_cell::restore_formula;
use super::decode::decode_text_as;
use super::trim::trim_unescaped;

#[derive(Debug, Error)]
#[error("{path}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct CsvError {
    pub path: String,
    pub line: Option<u64>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// Line number in the file, for messages.
    pub line: u64,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    /// Header names as written, trimmed.
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
    pub warnings: Vec<String>,
}

impl CsvTable {
    /// The position of the first header equal (ignoring case) to one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
    }
}

/// The largest CSV read: a million users fit in a fraction of it, `/dev/zero` does not.
pub const MAX_CSV_BYTES: u64 = 512 << 20;

pub fn read_csv(path: &Path) -> Result<CsvTable, CsvError> {
    read_csv_as(path, None)
}

/// Reads a CSV in the encoding the administrator named (unless it has a byte-order
/// mark); detected when `None`.
pub fn read_csv_as(path: &Path, encoding: Option<&'static Encoding>) -> Result<CsvTable, CsvError> {
    let fail = |message: String| CsvError {
        path: path.display().to_string(),
        line: None,
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(fail("is a folder, not a CSV file".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CSV_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_CSV_BYTES {
        return Err(fail(format!(
            "larger than {} MB: not a CSV ADPhoto reads",
            MAX_CSV_BYTES >> 20
        )));
    }
    parse_csv_as(&bytes, &path.display().to_string(), encoding)
}

/// Parses CSV bytes; `name` only labels error messages.
pub fn parse_csv(bytes: &[u8], name: &str) -> Result<CsvTable, CsvError> {
    parse_csv_as(bytes, name, None)
}

/// Parses CSV bytes in the encoding named (see `read_csv_as`). Values lose the spaces
/// around them (not a space their own format escapes, as in `CN=x\ `) and the
/// apostrophe that keeps a spreadsheet from running them as formulas.
pub fn parse_csv_as(bytes: &[u8], name: &str, encoding: Option<&'static Encoding>) -> Result<CsvTable, CsvError> {
    let (text, encoding_note) = decode_text_as(bytes, encoding);
    let fail = |line: Option<u64>, message: String| CsvError {
        path: name.to_string(),
        line,
        message,
    };
    // Windows PowerShell's Export-Csv writes a type line first unless told not to.
    let mut skipped_lines = 0u64;
    let mut body = text.as_str();
    loop {
        let first = body.lines().next().unwrap_or_default();
        if first.trim().is_empty() && !body.is_empty() || first.starts_with("#TYPE") || first.starts_with("#Fields") {
            body = body.split_once('\n').map(|(_, r)| r).unwrap_or_default();
            skipped_lines += 1;
            continue;
        }
        break;
    }
    let header_line = body.lines().next().unwrap_or_default();
    if header_line.trim().is_empty() {
        return Err(fail(
            None,
            "the file is empty; expected a header line such as SamAccountName,Path".into(),
        ));
    }
    let delimiter = guess_delimiter(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| fail(Some(skipped_lines + 1), e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() + skipped_lines);
            fail(line, e.to_string())
        })?;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let line = record.position().map(|p| first_text_line(body, p)).unwrap_or(0) + skipped_lines;
        rows.push(CsvRow {
            line,
            values: record
                .iter()
                .map(|v| restore_formula(trim_unescaped(v)).to_string())
                .collect(),
        });
    }
    Ok(CsvTable {
        headers,
        rows,
        warnings: encoding_note.into_iter().collect(),
    })
}

/// The line a record's text starts on: the reader reports where it started looking,
/// which is before any blank lines it skipped.
fn first_text_line(body: &str, p: &csv::Position) -> u64 {
    let start = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(body.len());
    let blank = body[start..]
        .bytes()
        .take_while(|b| matches!(b, b'\n' | b'\r'))
        .filter(|b| *b == b'\n')
        .count();
    p.line() + blank as u64
}

/// The separator the header line uses: `,` unless `;` or a tab is clearly meant
/// (Excel writes `;` where the decimal separator is a comma).
fn guess_delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powershell_export_with_type_line_bom_and_quotes() {
        let csv = "\u{feff}#TYPE Selected.Microsoft.ActiveDirectory.Management.ADUser\r\n\
                   \"SamAccountName\",\"GivenName\",\"Surname\"\r\n\
                   \"jsmith\",\"John\",\"Smith, Jr.\"\r\n";
        let t = parse_csv(csv.as_bytes(), "users.csv").unwrap();
        assert_eq!(t.headers, ["SamAccountName", "GivenName", "Surname"]);
        assert_eq!(t.rows[0].values, ["jsmith", "John", "Smith, Jr."]);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.column(&["surname", "sn"]), Some(2));
    }

    #[test]
    fn semicolons_stray_spaces_and_blank_lines() {
        let csv = "\n AD_user ; path_to_file \n\n  jsmith ;  C:\\Photos\\j smith.jpg  \n;\n anne ; a.jpg\n";
        let t = parse_csv(csv.as_bytes(), "map.csv").unwrap();
        assert_eq!(t.headers, ["AD_user", "path_to_file"]);
        let values: Vec<_> = t.rows.iter().map(|r| r.values.clone()).collect();
        assert_eq!(
            values,
            [vec!["jsmith", "C:\\Photos\\j smith.jpg"], vec!["anne", "a.jpg"]]
        );
        assert_eq!((t.rows[0].line, t.rows[1].line), (4, 6));
    }

    #[test]
    fn tabs_and_empty_files() {
        let t = parse_csv(b"mail\tpath\na@b.c\tx.jpg\n", "t.tsv").unwrap();
        assert_eq!(t.rows[0].values, ["a@b.c", "x.jpg"]);
        let e = parse_csv(b"\n\n", "empty.csv").unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
    }

    #[test]
    fn a_broken_quote_names_its_line() {
        let e = parse_csv(b"a,b\n\"x,y\n", "bad.csv");
        // The csv crate treats an unterminated quote as running to the end; either a
        // clean row or an error with a line number is acceptable, never a panic.
        if let Err(e) = e {
            assert!(e.line.is_some());
        }
    }
}
