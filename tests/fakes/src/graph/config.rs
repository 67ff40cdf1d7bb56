//! Everything about the Graph fake a test can change: credentials, token lifetime,
//! latency, the concurrency limit and fault rules. Settable at start (flags, env, a
//! JSON file) and at run time through `PUT /_admin/config` with a partial JSON object.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::common::faults::{parse_kind, FaultRule};
pub use crate::common::patch::merge;

/// Graph's documented limit for `PUT /photo/$value`.
pub const GRAPH_MAX_PHOTO_BYTES: usize = 4 * 1024 * 1024;

/// Defaults that let a test run without configuring an app first.
pub const DEFAULT_CLIENT_ID: &str = "00000000-0000-0000-0000-00000000a11c";
pub const DEFAULT_CLIENT_SECRET: &str = "fake-client-secret";

/// What a fault rule does to a Graph request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphFault {
    /// 429 Too Many Requests with Retry-After (default 1 s when the rule names none).
    Throttle,
    /// 503 Service Unavailable; Retry-After only if the rule names one.
    Unavailable,
    /// Close the TCP connection without answering.
    Drop,
    /// 403 `Authorization_RequestDenied`: the app lacks the permission (or, for a
    /// photo, the user has no mailbox the app may write).
    Forbidden,
}

impl FromStr for GraphFault {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_kind(s)
    }
}

/// An app registration: a client id with a secret and/or a certificate credential.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AppCredential {
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// RSA public key (SPKI or PKCS#1 PEM) that verifies client assertions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_pem: Option<String>,
    /// X.509 certificate PEM; with it the assertion's `x5t`/`x5t#S256` must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_pem: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GraphConfig {
    /// Tenant id or domain the token endpoint answers for; `null` accepts any.
    pub tenant: Option<String>,
    pub apps: Vec<AppCredential>,
    pub token_lifetime_secs: u64,
    /// Added to every non-admin request, while it holds its concurrency slot.
    pub latency_ms: u64,
    /// Requests one app may have running at once; 0 = unlimited.
    pub max_concurrent_per_app: u32,
    pub concurrency_retry_after_secs: u64,
    /// Retry-After for `throttle` rules that name none.
    pub default_retry_after_secs: u64,
    pub faults: Vec<FaultRule<GraphFault>>,
    /// Answer requests that ignore a Retry-After with another 429 (they are counted
    /// as violations either way).
    pub enforce_retry_after: bool,
    /// Arrivals this close to the end of a window are not violations.
    pub retry_after_grace_ms: u64,
    /// Requests arriving this soon after a Retry-After was sent are refused but not
    /// counted as violations (they may have been sent before the client saw it).
    pub retry_after_reaction_ms: u64,
    /// The next N uses of any token are refused as expired, and those tokens die.
    pub expire_next_token_uses: u64,
    pub max_photo_bytes: usize,
    /// Page size of `GET /users` when the client sends no `$top`.
    pub default_page_size: usize,
    /// Largest `$batch`.
    pub max_batch_requests: usize,
}

impl Default for GraphConfig {
    fn default() -> Self {
        GraphConfig {
            tenant: None,
            apps: vec![AppCredential {
                client_id: DEFAULT_CLIENT_ID.into(),
                client_secret: Some(DEFAULT_CLIENT_SECRET.into()),
                public_key_pem: None,
                certificate_pem: None,
            }],
            token_lifetime_secs: 3599,
            latency_ms: 0,
            max_concurrent_per_app: 4,
            concurrency_retry_after_secs: 1,
            default_retry_after_secs: 1,
            faults: Vec::new(),
            enforce_retry_after: true,
            retry_after_grace_ms: 0,
            retry_after_reaction_ms: 0,
            expire_next_token_uses: 0,
            max_photo_bytes: GRAPH_MAX_PHOTO_BYTES,
            default_page_size: 100,
            max_batch_requests: 20,
        }
    }
}
