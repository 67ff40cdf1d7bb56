//! Everything about the Google fake a test can change; same mechanics as the Graph
//! fake (flags/env/JSON file at start, `PUT /_admin/config` partial JSON at run time).

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::common::faults::{parse_kind, FaultRule};

pub const SCOPE_USER: &str = "https://www.googleapis.com/auth/admin.directory.user";
pub const SCOPE_USER_READONLY: &str = "https://www.googleapis.com/auth/admin.directory.user.readonly";
pub const DEFAULT_ADMIN: &str = "admin@example.com";
pub const DEFAULT_CUSTOMER_ID: &str = "C0fake0ad";

/// What a fault rule does to a Google request; names are Google's error reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GoogleFault {
    /// 403, domain usageLimits.
    UserRateLimitExceeded,
    /// 403, domain usageLimits (Google: concurrent-request limit reached).
    QuotaExceeded,
    /// 403, domain usageLimits.
    RateLimitExceeded,
    /// 503, domain global.
    BackendError,
    /// 500, domain global.
    InternalError,
    /// Close the TCP connection without answering.
    Drop,
}

impl GoogleFault {
    pub fn is_rate_limit(self) -> bool {
        matches!(
            self,
            GoogleFault::UserRateLimitExceeded | GoogleFault::QuotaExceeded | GoogleFault::RateLimitExceeded
        )
    }
}

impl FromStr for GoogleFault {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_kind(s)
    }
}

/// A service account the token endpoint trusts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceAccountCredential {
    pub client_email: String,
    /// The key id; when set, an assertion whose header names another `kid` fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key_id: Option<String>,
    /// RSA public key (SPKI/PKCS#1 PEM) or certificate PEM.
    pub public_key_pem: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GoogleConfig {
    /// What `customer=` must be (besides `my_customer`), and users' `customerId`.
    pub customer_id: String,
    /// Domains `domain=` may name; empty = the domains of the seeded users' emails.
    pub domains: Vec<String>,
    pub service_accounts: Vec<ServiceAccountCredential>,
    /// Users the service account may impersonate (`sub`).
    pub admins: Vec<String>,
    /// Scopes domain-wide delegation grants; asking for any other fails.
    pub delegated_scopes: Vec<String>,
    pub token_lifetime_secs: u64,
    pub latency_ms: u64,
    /// Concurrent requests per client (service account + subject) before 403
    /// quotaExceeded; 0 = unlimited.
    pub max_concurrent: u32,
    pub faults: Vec<FaultRule<GoogleFault>>,
    /// Refuse requests that ignore a Retry-After (only rules that set one send it).
    pub enforce_retry_after: bool,
    pub retry_after_grace_ms: u64,
    /// Requests arriving this soon after a Retry-After was sent are refused but not
    /// counted as violations (they may have been sent before the client saw it).
    pub retry_after_reaction_ms: u64,
    pub expire_next_token_uses: u64,
    /// Largest decoded photo accepted (the API documents none; see README).
    pub max_photo_bytes: usize,
    /// Accept `+` and `/` in photoData, which the documented alphabet excludes.
    pub accept_standard_base64: bool,
    pub default_page_size: usize,
}

impl Default for GoogleConfig {
    fn default() -> Self {
        GoogleConfig {
            customer_id: DEFAULT_CUSTOMER_ID.into(),
            domains: Vec::new(),
            service_accounts: Vec::new(),
            admins: vec![DEFAULT_ADMIN.into()],
            delegated_scopes: vec![SCOPE_USER.into(), SCOPE_USER_READONLY.into()],
            token_lifetime_secs: 3599,
            latency_ms: 0,
            max_concurrent: 0,
            faults: Vec::new(),
            enforce_retry_after: true,
            retry_after_grace_ms: 0,
            retry_after_reaction_ms: 0,
            expire_next_token_uses: 0,
            max_photo_bytes: 2 * 1024 * 1024,
            accept_standard_base64: false,
            default_page_size: 100,
        }
    }
}
