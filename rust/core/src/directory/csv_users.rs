//! Users from a CSV export (`Get-ADUser -Filter * -Properties mail,EmployeeID |
//! Export-Csv`, `Get-MgUser -All | Export-Csv`, or a spreadsheet): a directory that can
//! be listed and searched but holds no photos and takes no writes. An LDIF file gets
//! its users from one.

use std::path::PathBuf;

use super::{find_in_table, Current, Directory, Gate, PhotoWrite, Service, UserEntry, Users, Wanted};
use crate::error::{Error, ErrorKind, Result};
use crate::photo::Preset;
use crate::text::{encoding_named, read_csv_as};
use crate::users::{canonical_attribute, UserId, UserTable};

pub struct CsvUsers {
    path: PathBuf,
    /// The encoding the administrator named (a label such as `windows-1250`).
    encoding: Option<String>,
    /// Notes from reading the file (encoding guesses).
    warnings: Vec<String>,
    /// The users, once read (finding users reads the file once).
    loaded: Option<Users>,
}

impl CsvUsers {
    pub fn new(path: impl Into<PathBuf>) -> CsvUsers {
        CsvUsers {
            path: path.into(),
            encoding: None,
            warnings: Vec::new(),
            loaded: None,
        }
    }

    /// Reads the file in this encoding when it has no byte-order mark and is not UTF-8.
    pub fn with_encoding(mut self, encoding: Option<String>) -> CsvUsers {
        self.encoding = encoding;
        self
    }

    fn read(&mut self, required: &[String]) -> Result<Users> {
        let encoding = self
            .encoding
            .as_deref()
            .map(encoding_named)
            .transpose()
            .map_err(Error::options)?;
        let csv = read_csv_as(&self.path, encoding).map_err(|e| Error::new(ErrorKind::Users, e.to_string()))?;
        self.warnings = csv.warnings.clone();
        let mut table = UserTable::new(&csv.headers);
        let missing: Vec<&String> = required.iter().filter(|a| table.column(a).is_none()).collect();
        if !missing.is_empty() {
            return Err(Error::new(
                ErrorKind::MissingColumn,
                format!(
                    "{} has no column for {} (its columns: {})",
                    self.path.display(),
                    missing.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "),
                    csv.headers.join(", ")
                ),
            ));
        }
        // Columns that fold onto the same attribute (Surname and sn): keep the first.
        let mut seen = std::collections::HashSet::new();
        let keep: Vec<bool> = csv
            .headers
            .iter()
            .map(|h| seen.insert(canonical_attribute(h)))
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
        let entries = table.ids().map(|u| entry(&table, u)).collect();
        Ok(Users { table, entries })
    }

    fn users(&mut self) -> Result<&Users> {
        if self.loaded.is_none() {
            self.loaded = Some(self.read(&[])?);
        }
        self.loaded
            .as_ref()
            .ok_or_else(|| Error::internal("the users CSV was not read"))
    }

    fn find_with(&mut self, values: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        let users = match self.users() {
            Ok(u) => u,
            Err(e) => return values.iter().map(|_| Err(e.clone())).collect(),
        };
        values
            .iter()
            .map(|v| {
                Ok(find_in_table(&users.table, v)
                    .into_iter()
                    .map(|u| entry(&users.table, u))
                    .collect())
            })
            .collect()
    }
}

/// A CSV row as a directory user: its DN (or first identity) is its address, its
/// objectGUID (when exported) its key.
fn entry(table: &UserTable, user: UserId) -> UserEntry {
    let dn = table.dn(user).map(str::to_string);
    UserEntry {
        address: dn.clone().unwrap_or_else(|| table.describe(user)),
        key: table.value(user, "objectguid").map(str::to_string),
        name: table.describe(user),
        dn,
    }
}

impl Directory for CsvUsers {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }

    fn service(&self) -> Service {
        Service::Csv
    }

    fn photo_attribute(&self) -> &str {
        "thumbnailPhoto"
    }

    fn preset(&self) -> Preset {
        Preset::Ad
    }

    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        let users = self.read(&wanted.required)?;
        self.loaded = Some(users.clone());
        Ok(users)
    }

    fn current(&self, _user: &UserEntry) -> Current {
        Current::Unknown
    }

    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.find_with(identities)
    }

    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.find_with(keys)
    }

    fn write(&mut self, writes: Vec<PhotoWrite>, _gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        for w in writes {
            on_done(
                w.index,
                Err(Error::options(
                    "a users CSV cannot be written to: give --to ldif:FILE, or a directory",
                )),
            );
        }
    }

    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }
}
