//! Counters for `GET /_admin/stats`: what the client asked for and what it was told.

use serde::Serialize;

use crate::common::stats::{bump, CountMap};

#[derive(Debug, Default, Clone, Serialize)]
pub struct GraphStats {
    /// HTTP requests by "METHOD path-template", e.g. "PUT /v1.0/users/{id}/photo/$value".
    pub requests: CountMap,
    /// Requests inside `$batch` bodies, keyed the same way.
    pub batch_items: CountMap,
    /// Every answer (batch items included) by status code.
    pub responses_by_status: CountMap,
    /// Successful photo writes and deletes by user object id.
    pub photo_puts: CountMap,
    pub photo_deletes: CountMap,
    /// 429s of any cause (rules, concurrency, Retry-After enforcement), batch items included.
    pub throttled_429: u64,
    pub unavailable_503: u64,
    pub dropped_connections: u64,
    pub tokens_issued: u64,
    pub token_errors: u64,
    pub unauthorized_401: u64,
    /// Tokens killed by `expire_next_token_uses`.
    pub forced_expiries: u64,
}

impl GraphStats {
    pub fn status(&mut self, status: u16) {
        bump(&mut self.responses_by_status, &status.to_string());
        match status {
            429 => self.throttled_429 += 1,
            503 => self.unavailable_503 += 1,
            401 => self.unauthorized_401 += 1,
            _ => {}
        }
    }
}
