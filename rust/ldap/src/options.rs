//! How to reach and sign in to a directory, and which users and attribute to work on.

use std::path::PathBuf;

use serde::Deserialize;

use adphoto_core::secret::Secret;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LdapOptions {
    /// `dc1.example.edu` (LDAPS on 636), `ldaps://host:port`, or `ldap://host` with
    /// `starttls` or `insecure`.
    pub server: String,
    #[serde(default)]
    pub starttls: bool,
    /// Allow a plain, unencrypted `ldap://` connection.
    #[serde(default)]
    pub insecure: bool,
    /// Trust exactly this CA (PEM) instead of the system's roots.
    #[serde(default)]
    pub ca_cert: Option<PathBuf>,
    /// Simple bind as a DN, a UPN (`user@realm`) or `DOMAIN\user`. Without it, the
    /// caller's Kerberos ticket is used.
    #[serde(default)]
    pub bind: Option<String>,
    #[serde(default)]
    pub password: Option<Secret>,
    /// Where users are searched; the directory's default naming context if absent.
    #[serde(default)]
    pub search_base: Option<String>,
    /// Extra filter, ANDed with the user filter.
    #[serde(default)]
    pub filter: Option<String>,
    #[serde(default)]
    pub include_disabled: bool,
    /// `thumbnailPhoto` or `jpegPhoto`.
    #[serde(default = "default_attribute")]
    pub attribute: String,
    /// Connections used for writing.
    #[serde(default = "default_connections")]
    pub connections: usize,
    /// Requests in flight on each connection.
    #[serde(default = "default_pipeline")]
    pub pipeline: usize,
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_attribute() -> String {
    "thumbnailPhoto".into()
}

fn default_connections() -> usize {
    4
}

fn default_pipeline() -> usize {
    8
}

fn default_timeout() -> u64 {
    60
}

impl LdapOptions {
    pub fn new(server: impl Into<String>) -> LdapOptions {
        LdapOptions {
            server: server.into(),
            starttls: false,
            insecure: false,
            ca_cert: None,
            bind: None,
            password: None,
            search_base: None,
            filter: None,
            include_disabled: false,
            attribute: default_attribute(),
            connections: default_connections(),
            pipeline: default_pipeline(),
            timeout_secs: default_timeout(),
        }
    }
}
