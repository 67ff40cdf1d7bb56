//! Which tenant, which app, how it signs in, and where the service is: the global
//! cloud, a national cloud, or any pair of URLs (a test server).

use std::path::PathBuf;

use serde::Deserialize;

use adphoto_core::secret::Secret;

/// Microsoft's separate clouds, each with its own sign-in and Graph endpoints
/// (learn.microsoft.com/graph/deployments).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NationalCloud {
    #[default]
    Global,
    /// US Government L4 (GCC High).
    #[serde(alias = "usgov-high", alias = "us-gov")]
    Usgov,
    /// US Government L5 (DoD).
    UsgovDod,
    /// Operated by 21Vianet.
    China,
}

impl NationalCloud {
    pub fn login_url(self) -> &'static str {
        match self {
            NationalCloud::Global => "https://login.microsoftonline.com",
            NationalCloud::Usgov | NationalCloud::UsgovDod => "https://login.microsoftonline.us",
            NationalCloud::China => "https://login.chinacloudapi.cn",
        }
    }

    pub fn graph_url(self) -> &'static str {
        match self {
            NationalCloud::Global => "https://graph.microsoft.com",
            NationalCloud::Usgov => "https://graph.microsoft.us",
            NationalCloud::UsgovDod => "https://dod-graph.microsoft.us",
            NationalCloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
}

impl std::str::FromStr for NationalCloud {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "global" | "public" | "commercial" => Ok(NationalCloud::Global),
            "usgov" | "us-gov" | "usgov-high" | "gcchigh" | "gcc-high" => Ok(NationalCloud::Usgov),
            "usgov-dod" | "dod" => Ok(NationalCloud::UsgovDod),
            "china" | "21vianet" => Ok(NationalCloud::China),
            other => Err(format!(
                "unknown cloud '{other}' (expected global, usgov, usgov-dod or china)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphOptions {
    /// The tenant id or a verified domain (`contoso.onmicrosoft.com`).
    pub tenant: String,
    /// The app registration's application (client) id.
    pub client_id: String,
    /// The app's client secret. Exactly one of this and `certificate`.
    #[serde(default)]
    pub client_secret: Option<Secret>,
    /// The app's certificate with its private key: PEM (certificate and key), or
    /// PFX/PKCS#12.
    #[serde(default)]
    pub certificate: Option<PathBuf>,
    /// The private key (PEM) when it is not in the `certificate` file.
    #[serde(default)]
    pub certificate_key: Option<PathBuf>,
    /// The PFX password (none: an unprotected PFX).
    #[serde(default)]
    pub certificate_password: Option<Secret>,
    #[serde(default)]
    pub cloud: NationalCloud,
    /// The sign-in endpoint, replacing the cloud's (`https://login.microsoftonline.com`).
    #[serde(default)]
    pub login_url: Option<String>,
    /// The Graph endpoint, replacing the cloud's (`https://graph.microsoft.com`).
    #[serde(default)]
    pub graph_url: Option<String>,
    /// Also work on disabled accounts (`accountEnabled` false).
    #[serde(default)]
    pub include_disabled: bool,
    /// Requests in flight at once: Exchange's documented limit per app and mailbox
    /// is 4 concurrent requests.
    #[serde(default = "default_connections")]
    pub connections: usize,
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// A CA trusted in addition to the system's (a TLS-inspecting proxy).
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

impl GraphOptions {
    pub fn new(tenant: impl Into<String>, client_id: impl Into<String>) -> GraphOptions {
        GraphOptions {
            tenant: tenant.into(),
            client_id: client_id.into(),
            client_secret: None,
            certificate: None,
            certificate_key: None,
            certificate_password: None,
            cloud: NationalCloud::Global,
            login_url: None,
            graph_url: None,
            include_disabled: false,
            connections: default_connections(),
            timeout_secs: default_timeout(),
            ca_cert: None,
            insecure: false,
        }
    }

    pub fn login_base(&self) -> String {
        self.login_url
            .clone()
            .unwrap_or_else(|| self.cloud.login_url().to_string())
    }

    pub fn graph_base(&self) -> String {
        self.graph_url
            .clone()
            .unwrap_or_else(|| self.cloud.graph_url().to_string())
    }
}
