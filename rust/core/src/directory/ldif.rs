//! An LDIF file of `replace` modifications, keyed by DN, that both `ldifde -i` and
//! `ldapmodify` accept: the target for a directory ADPhoto cannot reach itself.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use base64::Engine;

use super::{Current, Directory, Gate, PhotoWrite, Service, UserEntry, Users, Wanted};
use crate::error::{Error, ErrorKind, Result};
use crate::photo::Preset;

/// RFC 2849 recommends folding at 76 columns; ldifde writes the same.
const LINE: usize = 76;

/// An LDIF file as a directory: its users (and what they have now, when that can be
/// read) come from another directory (a users CSV, or the LDAP server itself), and
/// every write becomes a modify record, moved into place when the run finishes.
pub struct LdifDirectory {
    path: PathBuf,
    attribute: String,
    preset: Preset,
    users: Box<dyn Directory>,
    out: Option<(PathBuf, BufWriter<File>)>,
}

impl LdifDirectory {
    pub fn new(path: impl Into<PathBuf>, attribute: &str, users: Box<dyn Directory>) -> LdifDirectory {
        LdifDirectory {
            path: path.into(),
            attribute: attribute.to_string(),
            preset: Preset::for_attribute(attribute),
            users,
            out: None,
        }
    }

    fn writer(&mut self) -> Result<&mut BufWriter<File>> {
        if self.out.is_none() {
            let name = self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = self.path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
            if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| io_error(&self.path, e))?;
            }
            let file = File::create(&tmp).map_err(|e| io_error(&tmp, e))?;
            self.out = Some((tmp, BufWriter::new(file)));
        }
        match self.out.as_mut() {
            Some((_, w)) => Ok(w),
            None => Err(Error::new(ErrorKind::Io, "the LDIF file is not open")),
        }
    }

    fn write_record(&mut self, write: &PhotoWrite) -> Result<()> {
        if write.address.trim().is_empty() {
            return Err(Error::new(ErrorKind::NoDn, "the user has no DistinguishedName"));
        }
        let record = ldif_record(&write.address, &self.attribute, &write.values);
        let path = self.path.clone();
        self.writer()?
            .write_all(record.as_bytes())
            .map_err(|e| io_error(&path, e))
    }
}

impl Directory for LdifDirectory {
    fn describe(&self) -> String {
        format!("ldif:{}", self.path.display())
    }

    fn service(&self) -> Service {
        Service::Ldif
    }

    fn photo_attribute(&self) -> &str {
        &self.attribute
    }

    fn preset(&self) -> Preset {
        self.preset
    }

    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        let mut wanted = wanted.clone();
        wanted.required.push("distinguishedname".into());
        let mut users = self.users.list_users(&wanted)?;
        // Records are keyed by DN, whatever the source calls its users. Nothing is
        // written to a directory here, so nothing is backed up or journaled: the
        // file is applied later, by ldifde or ldapmodify.
        for (id, entry) in users.entries.iter_mut().enumerate() {
            entry.address = users.table.dn(id as u32).unwrap_or_default().to_string();
            entry.key = None;
        }
        Ok(users)
    }

    fn read_photos(&mut self, users: &[UserEntry]) {
        self.users.read_photos(users)
    }

    fn current(&self, user: &UserEntry) -> Current {
        self.users.current(user)
    }

    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.users.find(identities)
    }

    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.users.find_by_key(keys)
    }

    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        for w in writes {
            let result = gate.admit().and_then(|()| self.write_record(&w));
            gate.observe(&result);
            on_done(w.index, result);
        }
    }

    fn finish(&mut self) -> Result<()> {
        self.writer()?; // an empty run still leaves a valid (empty) LDIF
        if let Some((tmp, writer)) = self.out.take() {
            let file = writer.into_inner().map_err(|e| io_error(&tmp, e.into_error()))?;
            file.sync_all().map_err(|e| io_error(&tmp, e))?;
            std::fs::rename(&tmp, &self.path).map_err(|e| io_error(&self.path, e))?;
        }
        Ok(())
    }

    fn warnings(&self) -> Vec<String> {
        self.users.warnings()
    }

    fn describe_users(&self) -> String {
        self.users.describe_users()
    }
}

impl Drop for LdifDirectory {
    fn drop(&mut self) {
        // Not finished (an error or an interrupted run): leave no half file behind.
        if let Some((tmp, _)) = self.out.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// One modify record: replace `attribute` of `dn` with `values`, or delete it (none).
pub fn ldif_record(dn: &str, attribute: &str, values: &[Vec<u8>]) -> String {
    let mut out = String::new();
    out.push_str(&fold(&if needs_base64(dn) {
        format!("dn:: {}", base64::engine::general_purpose::STANDARD.encode(dn))
    } else {
        format!("dn: {dn}")
    }));
    out.push_str("changetype: modify\n");
    if values.is_empty() {
        out.push_str(&format!("delete: {attribute}\n"));
    } else {
        out.push_str(&format!("replace: {attribute}\n"));
        for value in values {
            out.push_str(&fold(&format!(
                "{attribute}:: {}",
                base64::engine::general_purpose::STANDARD.encode(value)
            )));
        }
    }
    out.push_str("-\n\n");
    out
}

/// RFC 2849 SAFE-STRING: ASCII without NUL, CR, LF; not starting with space, ':' or
/// '<'; and (for interoperability) not ending with a space.
fn needs_base64(value: &str) -> bool {
    value.bytes().any(|b| b == 0 || b == b'\r' || b == b'\n' || b > 127)
        || value.starts_with([' ', ':', '<'])
        || value.ends_with(' ')
}

/// Folds a line at LINE columns; continuation lines start with one space.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / LINE * 2 + 1);
    let mut rest = line;
    let mut width = LINE;
    while rest.len() > width {
        let mut cut = width;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\n ");
        rest = &rest[cut..];
        width = LINE - 1;
    }
    out.push_str(rest);
    out.push('\n');
    out
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_folded_base64_modify_replaces() {
        let r = ldif_record(
            "CN=John Smith,OU=Staff,DC=example,DC=edu",
            "thumbnailPhoto",
            &[vec![0xFF; 100]],
        );
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(lines[0], "dn: CN=John Smith,OU=Staff,DC=example,DC=edu");
        assert_eq!(lines[1], "changetype: modify");
        assert_eq!(lines[2], "replace: thumbnailPhoto");
        assert!(lines[3].starts_with("thumbnailPhoto:: //"));
        assert!(lines.iter().all(|l| l.len() <= LINE));
        assert!(lines[4].starts_with(' '));
        assert_eq!(lines[lines.len() - 2..], ["-", ""]);
        assert!(r.ends_with("-\n\n"));
        let joined: String = lines[3..lines.len() - 2].iter().map(|l| l.trim_start()).collect();
        let b64 = joined.trim_start_matches("thumbnailPhoto:: ");
        assert_eq!(
            base64::engine::general_purpose::STANDARD.decode(b64).unwrap(),
            vec![0xFF; 100]
        );
    }

    #[test]
    fn unsafe_dns_are_base64() {
        let r = ldif_record("CN=José García,DC=example,DC=edu", "jpegPhoto", &[b"x".to_vec()]);
        assert!(ldif_record("CN=a", "jpegPhoto", &[]).contains("delete: jpegPhoto\n-\n"));
        assert!(r.starts_with("dn:: "));
        assert!(needs_base64(" leading"));
        assert!(needs_base64(":colon"));
        assert!(!needs_base64("CN=Smith\\, John,DC=x"));
    }
}
