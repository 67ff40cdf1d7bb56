//! Counters for `GET /_admin/stats` on the Google fake.

use serde::Serialize;

use crate::common::stats::{bump, CountMap};

#[derive(Debug, Default, Clone, Serialize)]
pub struct GoogleStats {
    /// HTTP requests by "METHOD path-template".
    pub requests: CountMap,
    pub responses_by_status: CountMap,
    /// Photo writes (PUT/PATCH that succeeded) and deletes, by user id.
    pub photo_puts: CountMap,
    pub photo_deletes: CountMap,
    /// Writes accepted while a self-set photo kept showing instead, by user id.
    pub self_photo_kept: CountMap,
    /// 403 usage-limit errors sent, by reason (userRateLimitExceeded, quotaExceeded, rateLimitExceeded).
    pub rate_limit_errors: CountMap,
    pub rate_limit_errors_total: u64,
    pub server_errors_5xx: u64,
    pub dropped_connections: u64,
    pub tokens_issued: u64,
    pub token_errors: u64,
    pub unauthorized_401: u64,
    pub forced_expiries: u64,
}

impl GoogleStats {
    pub fn status(&mut self, status: u16) {
        bump(&mut self.responses_by_status, &status.to_string());
        if status >= 500 {
            self.server_errors_5xx += 1;
        }
        if status == 401 {
            self.unauthorized_401 += 1;
        }
    }

    pub fn rate_limited(&mut self, reason: &str) {
        bump(&mut self.rate_limit_errors, reason);
        self.rate_limit_errors_total += 1;
    }
}
