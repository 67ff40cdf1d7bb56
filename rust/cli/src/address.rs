//! Where a command works, as one word: `ldaps://dc1.school.org`, a bare server name
//! (LDAPS), `graph:contoso.onmicrosoft.com`, `google:school.org` (or `google:` for every
//! domain of the customer), `ldif:photos.ldif`, `csv:users.csv`.

use std::path::PathBuf;

use adphoto_ldap::{holds_credentials, CREDENTIALS_REFUSED};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// A directory server: `ldaps://host[:port]`, `ldap://host`, or a host name.
    Ldap(String),
    /// A Microsoft 365 tenant (`None`: the one `--tenant` names).
    Graph(Option<String>),
    /// A Google Workspace domain (`None`: every domain of the customer).
    Google(Option<String>),
    /// An LDIF file to write.
    Ldif(PathBuf),
    /// A users CSV to read.
    Csv(PathBuf),
}

impl Address {
    /// Parses a `--to`/`--from` value. A bare word is a directory server's name.
    pub fn parse(text: &str) -> Result<Address, String> {
        Address::parse_with(text, |bare| {
            if holds_credentials(bare) {
                Err(CREDENTIALS_REFUSED.into())
            } else {
                Ok(Address::Ldap(bare.to_string()))
            }
        })
    }

    /// Parses a `--users` value: an address, or else the path of a users CSV (as
    /// before addresses existed: `--users users.csv`).
    pub fn parse_users(text: &str) -> Result<Address, String> {
        Address::parse_with(text, |bare| Ok(Address::Csv(PathBuf::from(bare))))
    }

    fn parse_with(text: &str, bare: impl Fn(&str) -> Result<Address, String>) -> Result<Address, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an empty address".into());
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("ldap://") || lower.starts_with("ldaps://") {
            // Never kept (and so never shown in a report or an error) with credentials.
            if holds_credentials(text) {
                return Err(CREDENTIALS_REFUSED.into());
            }
            return Ok(Address::Ldap(text.to_string()));
        }
        if lower == "graph" || lower == "google" {
            return Ok(if lower == "graph" {
                Address::Graph(None)
            } else {
                Address::Google(None)
            });
        }
        let Some((scheme, rest)) = text.split_once(':') else {
            return bare(text);
        };
        let rest = rest.trim();
        // `user:password@host`: what stands before the `@` may be a password, so the
        // error below must not repeat the address.
        let shown = if text.contains('@') {
            format!("(not repeated: it holds an '@'; {CREDENTIALS_REFUSED})")
        } else {
            format!("'{text}'")
        };
        let value = (!rest.is_empty()).then(|| rest.to_string());
        match scheme.to_ascii_lowercase().as_str() {
            "graph" => Ok(Address::Graph(value)),
            "google" => Ok(Address::Google(value.filter(|v| v != "*"))),
            "ldif" => value
                .map(|v| Address::Ldif(PathBuf::from(v)))
                .ok_or_else(|| "ldif: needs a file name (ldif:photos.ldif)".to_string()),
            "csv" => value
                .map(|v| Address::Csv(PathBuf::from(v)))
                .ok_or_else(|| "csv: needs a file name (csv:users.csv)".to_string()),
            // A Windows drive letter (C:\users.csv), not a scheme.
            s if s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) => bare(text),
            _ if rest.starts_with("//") => Err(format!(
                "unknown address {shown} (expected ldaps://, ldap://, graph:, google:, ldif: or csv:)"
            )),
            // host:port
            _ if rest.chars().all(|c| c.is_ascii_digit()) => bare(text),
            _ => Err(format!(
                "unknown address {shown} (expected ldaps://HOST, HOST, graph:TENANT, google:DOMAIN, ldif:FILE or csv:FILE)"
            )),
        }
    }

    /// How to name it again on a command line (in an undo hint).
    pub fn spelled(&self) -> String {
        match self {
            Address::Ldap(s) => s.clone(),
            Address::Graph(Some(t)) => format!("graph:{t}"),
            Address::Graph(None) => "graph".into(),
            Address::Google(Some(d)) => format!("google:{d}"),
            Address::Google(None) => "google:".into(),
            Address::Ldif(p) => format!("ldif:{}", p.display()),
            Address::Csv(p) => format!("csv:{}", p.display()),
        }
    }
}

/// The parser of `--to`, `--from` and `--users`. clap's own message for a value its
/// parser refused repeats the value, and an address written `user:password@host`
/// holds a password: this one says only what `Address::parse` says (which repeats an
/// address only when it holds no `@`).
#[derive(Clone, Copy)]
pub struct AddressArg {
    users: bool,
}

impl AddressArg {
    /// A target or source address (a bare name is an LDAP server).
    pub const TARGET: AddressArg = AddressArg { users: false };
    /// `--users`: a bare name is a CSV file.
    pub const USERS: AddressArg = AddressArg { users: true };
}

impl clap::builder::TypedValueParser for AddressArg {
    type Value = Address;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        // Not named by option: `--from` is `--to`'s alias for some commands, and clap
        // gives only the long name.
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Address, clap::Error> {
        let refused = |why: String| clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("{why}\n"));
        let text = value
            .to_str()
            .ok_or_else(|| refused("an address must be valid Unicode".into()))?;
        let parsed = if self.users {
            Address::parse_users(text)
        } else {
            Address::parse(text)
        };
        parsed.map_err(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_an_address_are_refused_and_not_repeated() {
        for text in [
            "ldaps://admin:s3cret@dc1",
            "LDAP://u@dc1:389/",
            "admin:s3cret@dc1",
            "admin:s3cret@dc1:636",
        ] {
            let why = Address::parse(text).unwrap_err();
            assert!(!why.contains("s3cret") && !why.contains("u@"), "{why}");
            assert!(why.contains("--bind"), "{why}");
        }
        // A file name may hold an '@'.
        assert_eq!(
            Address::parse("csv:staff@2026.csv").unwrap(),
            Address::Csv(PathBuf::from("staff@2026.csv"))
        );
    }

    #[test]
    fn every_service_has_one_spelling() {
        assert_eq!(
            Address::parse("ldaps://dc1:636").unwrap(),
            Address::Ldap("ldaps://dc1:636".into())
        );
        assert_eq!(
            Address::parse("dc1.school.org").unwrap(),
            Address::Ldap("dc1.school.org".into())
        );
        assert_eq!(Address::parse("dc1:3269").unwrap(), Address::Ldap("dc1:3269".into()));
        assert_eq!(
            Address::parse("graph:contoso.onmicrosoft.com").unwrap(),
            Address::Graph(Some("contoso.onmicrosoft.com".into()))
        );
        assert_eq!(Address::parse("google:").unwrap(), Address::Google(None));
        assert_eq!(
            Address::parse("google:school.org").unwrap(),
            Address::Google(Some("school.org".into()))
        );
        assert_eq!(
            Address::parse(r"ldif:C:\out\photos.ldif").unwrap(),
            Address::Ldif(r"C:\out\photos.ldif".into())
        );
        assert!(Address::parse("ldif:").is_err());
        assert!(Address::parse("nis://x").is_err());
        assert!(Address::parse("smb:share").is_err());
    }

    #[test]
    fn a_users_value_is_a_csv_unless_it_is_an_address() {
        assert_eq!(
            Address::parse_users("users.csv").unwrap(),
            Address::Csv("users.csv".into())
        );
        assert_eq!(
            Address::parse_users(r"C:\exports\users.csv").unwrap(),
            Address::Csv(r"C:\exports\users.csv".into())
        );
        assert_eq!(
            Address::parse_users("ldaps://dc1").unwrap(),
            Address::Ldap("ldaps://dc1".into())
        );
    }
}
