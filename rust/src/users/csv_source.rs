//! Users from a CSV export (`Get-ADUser -Filter * -Properties mail,EmployeeID |
//! Export-Csv`, `Get-MgUser -All | Export-Csv`, or a spreadsheet).

use std::path::PathBuf;

use super::source::{UserSource, UserSourceError};
use super::table::UserTable;
use crate::text::{encoding_named, read_csv_as};

pub struct CsvUsers {
    pub path: PathBuf,
    /// The encoding the administrator named (a label such as `windows-1250`).
    pub encoding: Option<String>,
    /// Non-fatal notes from reading the file (encoding guesses).
    pub warnings: Vec<String>,
}

impl CsvUsers {
    pub fn new(path: impl Into<PathBuf>) -> CsvUsers {
        CsvUsers {
            path: path.into(),
            encoding: None,
            warnings: Vec::new(),
        }
    }

    pub fn with_encoding(mut self, encoding: Option<String>) -> CsvUsers {
        self.encoding = encoding;
        self
    }
}

impl UserSource for CsvUsers {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }

    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    fn load(&mut self, required: &[String], _optional: &[String]) -> Result<UserTable, UserSourceError> {
        let encoding = self
            .encoding
            .as_deref()
            .map(encoding_named)
            .transpose()
            .map_err(|message| UserSourceError { kind: "csv", message })?;
        let csv = read_csv_as(&self.path, encoding).map_err(|e| UserSourceError {
            kind: "csv",
            message: e.to_string(),
        })?;
        self.warnings = csv.warnings.clone();
        let mut table = UserTable::new(&csv.headers);
        let missing: Vec<&String> = required.iter().filter(|a| table.column(a).is_none()).collect();
        if !missing.is_empty() {
            return Err(UserSourceError {
                kind: "missing-column",
                message: format!(
                    "{} has no column for {} (its columns: {})",
                    self.path.display(),
                    missing.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "),
                    csv.headers.join(", ")
                ),
            });
        }
        // Columns that fold onto the same attribute (Surname and sn): keep the first.
        let mut seen = std::collections::HashSet::new();
        let keep: Vec<bool> = csv
            .headers
            .iter()
            .map(|h| seen.insert(crate::users::canonical_attribute(h)))
            .collect();
        for row in csv.rows {
            let values = row
                .values
                .into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(v, _)| Some(v))
                .collect();
            table.push(values, row.line);
        }
        Ok(table)
    }
}
