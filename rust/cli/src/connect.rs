//! How to reach and sign in to each kind of directory: one block of options per
//! service, shared by every command (`set`, `match`, `get`, `export`, `remove`,
//! `report`, `restore`, and the `graph` and `google` groups). Secrets are read from the
//! environment, a file or a prompt — never from an argument.

use std::path::PathBuf;

use clap::Args;

use adphoto_graph::NationalCloud;

#[derive(Args, Clone, Default)]
pub struct ConnectArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub ldap: LdapArgs,
    #[command(flatten)]
    pub graph: GraphArgs,
    #[command(flatten)]
    pub google: GoogleArgs,
}

#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Any directory")]
pub struct CommonArgs {
    /// Trust exactly this CA certificate (PEM), instead of (LDAP) or besides (cloud) the
    /// system's.
    #[arg(long, value_name = "FILE", global = true)]
    pub ca_cert: Option<PathBuf>,
    /// Allow unencrypted connections: ldap:// without StartTLS, or http:// endpoints
    /// that are not on this machine. Passwords and tokens then travel in the clear.
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Include disabled (Microsoft) or suspended (Google) accounts.
    #[arg(long, visible_alias = "include-suspended", global = true)]
    pub include_disabled: bool,
    /// Connections (LDAP) or requests in flight (cloud) used for writing (default 4).
    #[arg(long, value_name = "N", global = true)]
    pub connections: Option<usize>,
    /// Seconds to wait for an answer before retrying (default 60). Connecting to an LDAP
    /// server waits 10 seconds at most, or this when shorter.
    #[arg(long, value_name = "S", global = true)]
    pub timeout: Option<u64>,
    /// The encoding of the CSVs (--users, --map) when they have no byte-order mark:
    /// windows-1250, windows-1251, cp1252, iso-8859-2, utf-16le... Default: UTF-8 when
    /// the file is valid UTF-8, else detected from the content (with a warning).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding, global = true)]
    pub encoding: Option<String>,
}

impl CommonArgs {
    /// --connections and --timeout over a service's own defaults, where given.
    pub fn limits(&self, connections: &mut usize, timeout_secs: &mut u64) {
        if let Some(c) = self.connections {
            *connections = c;
        }
        if let Some(t) = self.timeout {
            *timeout_secs = t;
        }
    }
}

/// The encoding's canonical name, checked now so a typo is a usage error.
fn parse_encoding(s: &str) -> Result<String, String> {
    adphoto_core::text::encoding_named(s).map(|e| e.name().to_string())
}

/// Active Directory and LDAP (`--to ldaps://dc1`, or `--server dc1`).
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Active Directory / LDAP")]
pub struct LdapArgs {
    /// Directory server: dc1.example.edu (LDAPS, port 636), ldaps://host:port, or
    /// ldap://host with --starttls (or --insecure). Same as --to SERVER.
    #[arg(long, value_name = "URL", global = true)]
    pub server: Option<String>,
    /// Upgrade a plain ldap:// connection with StartTLS.
    #[arg(long, global = true)]
    pub starttls: bool,
    /// Sign in as a DN, user@realm or DOMAIN\user (password from ADPHOTO_PASSWORD,
    /// --password-env, --password-file, or a prompt). Without it: Kerberos, with the
    /// ticket of whoever runs adphoto.
    #[arg(long, value_name = "NAME", global = true)]
    pub bind: Option<String>,
    /// Read the password from this environment variable (give its name, not the
    /// password).
    #[arg(long, value_name = "VAR", global = true)]
    pub password_env: Option<String>,
    /// Read the password from the first line of this file.
    #[arg(long, value_name = "FILE", global = true)]
    pub password_file: Option<PathBuf>,
    /// Where to look for users (default: the whole domain).
    #[arg(long, value_name = "DN", global = true)]
    pub search_base: Option<String>,
    /// Extra LDAP filter for the users, e.g. "(department=Science)".
    #[arg(long, value_name = "FILTER", global = true)]
    pub filter: Option<String>,
    /// The photo attribute: thumbnailPhoto (96x96, the default) or jpegPhoto (648x648).
    #[arg(long, value_name = "NAME", default_value = "thumbnailPhoto", global = true)]
    pub attribute: String,
}

/// Microsoft 365 through Microsoft Graph (`--to graph:TENANT`).
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Microsoft 365 (Graph)")]
pub struct GraphArgs {
    /// The tenant: its id or a verified domain (contoso.onmicrosoft.com). Same as
    /// --to graph:TENANT.
    #[arg(long, value_name = "TENANT", global = true)]
    pub tenant: Option<String>,
    /// The app registration's application (client) id.
    #[arg(long, value_name = "ID", global = true)]
    pub client_id: Option<String>,
    /// Read the client secret from this environment variable (default:
    /// ADPHOTO_CLIENT_SECRET).
    #[arg(long, value_name = "VAR", global = true)]
    pub client_secret_env: Option<String>,
    /// Read the client secret from the first line of this file.
    #[arg(long, value_name = "FILE", conflicts_with = "client_secret_env", global = true)]
    pub client_secret_file: Option<PathBuf>,
    /// Sign in with the app's certificate instead of a secret: a PEM file (certificate
    /// and private key) or a PFX.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["client_secret_env", "client_secret_file"], global = true)]
    pub certificate: Option<PathBuf>,
    /// The certificate's private key (PEM), when not in the --certificate file.
    #[arg(long, value_name = "FILE", requires = "certificate", global = true)]
    pub certificate_key: Option<PathBuf>,
    /// Read the PFX password from this environment variable.
    #[arg(long, value_name = "VAR", requires = "certificate", global = true)]
    pub certificate_password_env: Option<String>,
    /// Read the PFX password from the first line of this file.
    #[arg(
        long,
        value_name = "FILE",
        requires = "certificate",
        conflicts_with = "certificate_password_env",
        global = true
    )]
    pub certificate_password_file: Option<PathBuf>,
    /// The Microsoft cloud: global, usgov (GCC High), usgov-dod or china.
    #[arg(long, value_name = "CLOUD", default_value = "global", global = true)]
    pub cloud: NationalCloud,
    /// The sign-in endpoint, replacing the cloud's (https://login.microsoftonline.com).
    #[arg(long, value_name = "URL", global = true)]
    pub login_url: Option<String>,
    /// The Graph endpoint, replacing the cloud's (https://graph.microsoft.com).
    #[arg(long, value_name = "URL", global = true)]
    pub graph_url: Option<String>,
}

/// Google Workspace through the Directory API (`--to google:DOMAIN`).
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Google Workspace")]
pub struct GoogleArgs {
    /// The service account's JSON key file (default: $GOOGLE_APPLICATION_CREDENTIALS).
    /// It holds a private key: keep it readable by the administrators only.
    #[arg(long, value_name = "FILE", global = true)]
    pub key_file: Option<PathBuf>,
    /// The administrator the service account acts as, e.g. admin@school.org.
    #[arg(long, value_name = "EMAIL", global = true)]
    pub subject: Option<String>,
    /// The Workspace customer id (default: the subject's own, my_customer).
    #[arg(long, value_name = "ID", global = true)]
    pub customer: Option<String>,
    /// Only users of this domain. Same as --to google:DOMAIN.
    #[arg(long, value_name = "DOMAIN", global = true)]
    pub domain: Option<String>,
    /// Only users of this organisational unit and the units below it, e.g. /Staff.
    #[arg(long, value_name = "PATH", global = true)]
    pub org_unit: Option<String>,
    /// The OAuth token endpoint (default: the key file's token_uri).
    #[arg(long, value_name = "URL", global = true)]
    pub token_url: Option<String>,
    /// The Directory API's base URL (default: https://admin.googleapis.com).
    #[arg(long, value_name = "URL", global = true)]
    pub api_url: Option<String>,
}
