//! Remembers every Retry-After the server handed out, per client and resource, and
//! flags a client that comes back before it was allowed to. Also measures how long
//! clients wait after any throttling or server error, which is the only evidence of
//! exponential backoff when the service sends no Retry-After (Google).

use serde::Serialize;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::clock::ms_between;

/// Most violations and gaps kept in detail; counts go on past this.
const LOG_CAP: usize = 200;
const GAP_CAP: usize = 1000;

/// A request that arrived inside a Retry-After window.
#[derive(Debug, Clone, Serialize)]
pub struct Violation {
    pub client: String,
    pub resource: String,
    pub method: String,
    pub path: String,
    /// Milliseconds since the server started.
    pub at_ms: u64,
    pub retry_after_secs: u64,
    /// When the Retry-After was sent, and when the client was allowed back.
    pub issued_at_ms: u64,
    pub allowed_at_ms: u64,
    pub early_by_ms: u64,
    /// How long after the Retry-After was sent this request arrived; near zero means
    /// it may have been sent, on another connection, before the client saw the 429.
    pub since_issued_ms: u64,
}

/// How long a client waited after an error before trying the same resource again.
#[derive(Debug, Clone, Serialize)]
pub struct RetryGap {
    pub client: String,
    pub resource: String,
    pub after_status: u16,
    pub gap_ms: u64,
}

#[derive(Debug, Clone)]
struct Window {
    issued: Instant,
    until: Instant,
    secs: u64,
}

/// What `arrive` found: a window still open means the caller should refuse again.
#[derive(Debug, Clone)]
pub struct OpenWindow {
    pub remaining_secs: u64,
    /// None when the request came within the reaction allowance of the Retry-After.
    pub violation: Option<Violation>,
}

#[derive(Debug)]
pub struct RetryAfterBook {
    started: Instant,
    windows: HashMap<(String, String), Window>,
    last_error: HashMap<(String, String), (Instant, u16)>,
    violations: u64,
    first: Option<Violation>,
    log: Vec<Violation>,
    gaps: Vec<RetryGap>,
}

impl RetryAfterBook {
    pub fn new(started: Instant) -> Self {
        RetryAfterBook {
            started,
            windows: HashMap::new(),
            last_error: HashMap::new(),
            violations: 0,
            first: None,
            log: Vec::new(),
            gaps: Vec::new(),
        }
    }

    /// Forget windows, violations and gaps (stats reset), keeping the clock origin.
    pub fn clear(&mut self) {
        *self = RetryAfterBook::new(self.started);
    }

    /// A request from `client` for `resource` arrived at `now`. `grace` forgives
    /// arrivals that are only a hair before the window ends (timer granularity);
    /// `reaction` forgives arrivals right after the Retry-After was sent, which a
    /// client with several connections may have sent before it saw the 429.
    #[allow(clippy::too_many_arguments)]
    pub fn arrive(
        &mut self,
        client: &str,
        resource: &str,
        method: &str,
        path: &str,
        now: Instant,
        grace: Duration,
        reaction: Duration,
    ) -> Option<OpenWindow> {
        let key = (client.to_string(), resource.to_string());
        if let Some((at, status)) = self.last_error.remove(&key) {
            if self.gaps.len() < GAP_CAP {
                self.gaps.push(RetryGap {
                    client: client.to_string(),
                    resource: resource.to_string(),
                    after_status: status,
                    gap_ms: ms_between(at, now),
                });
            }
        }
        let window = self.windows.get(&key)?.clone();
        if now + grace >= window.until {
            self.windows.remove(&key);
            return None;
        }
        let violation = Violation {
            client: client.to_string(),
            resource: resource.to_string(),
            method: method.to_string(),
            path: path.to_string(),
            at_ms: ms_between(self.started, now),
            retry_after_secs: window.secs,
            issued_at_ms: ms_between(self.started, window.issued),
            allowed_at_ms: ms_between(self.started, window.until),
            early_by_ms: ms_between(now, window.until),
            since_issued_ms: ms_between(window.issued, now),
        };
        let counted = now >= window.issued + reaction;
        if counted {
            self.violations += 1;
            if self.first.is_none() {
                self.first = Some(violation.clone());
            }
            if self.log.len() < LOG_CAP {
                self.log.push(violation.clone());
            }
        }
        let remaining = window.until.saturating_duration_since(now);
        Some(OpenWindow {
            remaining_secs: remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0),
            violation: counted.then_some(violation),
        })
    }

    /// The server refused `client` with `status`; with `retry_after` it also told the
    /// client how long to stay away. A later, longer window is never shortened.
    pub fn refused(&mut self, client: &str, resource: &str, status: u16, retry_after: Option<u64>, now: Instant) {
        let key = (client.to_string(), resource.to_string());
        self.last_error.insert(key.clone(), (now, status));
        if let Some(secs) = retry_after {
            let until = now + Duration::from_secs(secs);
            match self.windows.get_mut(&key) {
                // Still open: the client has known since the first Retry-After, so
                // keep that start and only ever move the end later.
                Some(w) if w.until > now => {
                    if until > w.until {
                        w.until = until;
                        w.secs = secs;
                    }
                }
                _ => {
                    self.windows.insert(
                        key,
                        Window {
                            issued: now,
                            until,
                            secs,
                        },
                    );
                }
            }
        }
    }

    pub fn report(&self) -> serde_json::Value {
        let min_gap = self.gaps.iter().map(|g| g.gap_ms).min();
        serde_json::json!({
            "retry_after_violations": self.violations,
            "first_retry_after_violation": self.first,
            "retry_after_violation_log": self.log,
            "retry_gaps": self.gaps,
            "min_retry_gap_ms": min_gap,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn early_return_is_a_violation_and_late_is_not() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let zero = Duration::ZERO;
        let mut book = RetryAfterBook::new(t0);
        book.refused("app", "photo", 429, Some(2), t0);
        // Within the reaction allowance: still refused, but not counted.
        let racing = book.arrive("app", "photo", "GET", "/p", t0 + ms(10), zero, ms(50));
        assert!(racing.expect("inside window").violation.is_none());
        let early = book.arrive("app", "photo", "GET", "/p", t0 + ms(500), zero, ms(50));
        let early = early.expect("inside window");
        assert_eq!(early.remaining_secs, 2);
        assert_eq!(early.violation.unwrap().early_by_ms, 1500);
        // Other resources and other clients are not affected.
        assert!(book.arrive("app", "users", "GET", "/u", t0, zero, zero).is_none());
        assert!(book.arrive("other", "photo", "GET", "/p", t0, zero, zero).is_none());
        let late = book.arrive("app", "photo", "GET", "/p", t0 + ms(2000), zero, zero);
        assert!(late.is_none());
        let r = book.report();
        assert_eq!(r["retry_after_violations"], 1);
        assert_eq!(r["retry_gaps"][0]["gap_ms"], 10);
    }
}
