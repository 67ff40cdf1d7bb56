//! How to reach a Google Workspace domain and which of its users to work on. Holds
//! no secret: the key file is named by path and read only when connecting.

use std::path::PathBuf;

use serde::Deserialize;

/// The Directory API's address when none is given.
pub const DEFAULT_API_URL: &str = "https://admin.googleapis.com";

/// The only scope ADPhoto asks for: read users, write their photos.
pub const SCOPE: &str = "https://www.googleapis.com/auth/admin.directory.user";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoogleOptions {
    /// The service account's JSON key file.
    pub key_file: PathBuf,
    /// The administrator the service account acts as (domain-wide delegation).
    pub subject: String,
    /// The Workspace customer id (`C01abc2de`); default `my_customer`, the subject's.
    #[serde(default)]
    pub customer: Option<String>,
    /// Only users of this domain (instead of the whole customer).
    #[serde(default)]
    pub domain: Option<String>,
    /// Only users in this organisational unit and the units below it (`/Staff`).
    #[serde(default)]
    pub org_unit: Option<String>,
    /// Include suspended users (skipped by default, as disabled accounts are in AD).
    #[serde(default)]
    pub include_suspended: bool,
    /// The token endpoint; default: the key file's `token_uri`.
    #[serde(default)]
    pub token_url: Option<String>,
    /// The Directory API's base URL (scheme and host, optionally a path prefix).
    #[serde(default)]
    pub api_url: Option<String>,
    /// Requests in flight at once when writing.
    #[serde(default = "default_connections")]
    pub connections: usize,
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Where the record of past uploads is kept (default: under the data folder).
    #[serde(default)]
    pub state_dir: Option<PathBuf>,
    /// A CA trusted in addition to the system's (a TLS-inspecting proxy, a test server).
    #[serde(default)]
    pub ca_cert: Option<PathBuf>,
    /// Allow plain `http://` endpoints that are not on this machine.
    #[serde(default)]
    pub insecure: bool,
}

fn default_connections() -> usize {
    4
}

fn default_timeout() -> u64 {
    60
}

impl GoogleOptions {
    pub fn new(key_file: impl Into<PathBuf>, subject: impl Into<String>) -> GoogleOptions {
        GoogleOptions {
            key_file: key_file.into(),
            subject: subject.into(),
            customer: None,
            domain: None,
            org_unit: None,
            include_suspended: false,
            token_url: None,
            api_url: None,
            connections: default_connections(),
            timeout_secs: default_timeout(),
            state_dir: None,
            ca_cert: None,
            insecure: false,
        }
    }

    pub fn api_url(&self) -> String {
        self.api_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .unwrap_or(DEFAULT_API_URL)
            .trim_end_matches('/')
            .to_string()
    }

    /// users.list's `query` for the organisational unit, quoted so that a unit name
    /// with spaces stays one clause.
    pub fn org_unit_query(&self) -> Result<Option<String>, String> {
        let Some(unit) = self.org_unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        if !unit.starts_with('/') {
            return Err(format!(
                "--org-unit '{unit}' must be a path from the top, such as /Staff"
            ));
        }
        let quote = if !unit.contains('\'') {
            '\''
        } else if !unit.contains('"') {
            '"'
        } else {
            return Err(format!(
                "--org-unit '{unit}' has both kinds of quote; Google's search cannot express it"
            ));
        };
        Ok(Some(format!("orgUnitPath={quote}{unit}{quote}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_units_are_quoted_paths() {
        let mut o = GoogleOptions::new("k.json", "admin@example.com");
        assert_eq!(o.org_unit_query(), Ok(None));
        o.org_unit = Some("/Staff/Science Dept".into());
        assert_eq!(
            o.org_unit_query().unwrap().as_deref(),
            Some("orgUnitPath='/Staff/Science Dept'")
        );
        o.org_unit = Some("/O'Brien House".into());
        assert_eq!(
            o.org_unit_query().unwrap().as_deref(),
            Some("orgUnitPath=\"/O'Brien House\"")
        );
        o.org_unit = Some("Staff".into());
        assert!(o.org_unit_query().is_err());
        assert_eq!(o.api_url(), DEFAULT_API_URL);
        o.api_url = Some("http://127.0.0.1:9/".into());
        assert_eq!(o.api_url(), "http://127.0.0.1:9");
    }
}
