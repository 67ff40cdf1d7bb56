//! Per-client in-flight accounting. It records how many requests a client had open at
//! once, counting the ones it refused too, so a test can see a client overrunning the
//! limit and not just the limit itself.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default, Clone, Serialize)]
pub struct ClientLoad {
    /// Requests open now, admitted or about to be refused.
    pub open: u32,
    /// Requests admitted and still running.
    pub admitted: u32,
    /// Most requests ever open at once.
    pub peak: u32,
}

#[derive(Debug, Default)]
struct Inner {
    clients: BTreeMap<String, ClientLoad>,
    open_total: u32,
    peak_total: u32,
    rejections: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Concurrency {
    inner: Arc<Mutex<Inner>>,
}

/// Held for the life of a request; dropping it (even when the client hangs up and the
/// request future is cancelled) gives the slot back.
#[derive(Debug)]
pub struct Slot {
    inner: Arc<Mutex<Inner>>,
    client: String,
    pub admitted: bool,
}

impl Concurrency {
    /// A request from `client` arrives. It is admitted if fewer than `limit` are
    /// already admitted; `limit` 0 means no limit.
    pub fn enter(&self, client: &str, limit: u32) -> Slot {
        let mut g = self.inner.lock().expect("concurrency lock");
        g.open_total += 1;
        g.peak_total = g.peak_total.max(g.open_total);
        let load = g.clients.entry(client.to_string()).or_default();
        load.open += 1;
        load.peak = load.peak.max(load.open);
        let admitted = limit == 0 || load.admitted < limit;
        if admitted {
            load.admitted += 1;
        } else {
            g.rejections += 1;
        }
        Slot {
            inner: self.inner.clone(),
            client: client.to_string(),
            admitted,
        }
    }

    pub fn reset(&self) {
        let mut g = self.inner.lock().expect("concurrency lock");
        g.peak_total = g.open_total;
        g.rejections = 0;
        for load in g.clients.values_mut() {
            load.peak = load.open;
        }
        g.clients.retain(|_, l| l.open > 0);
    }

    pub fn report(&self) -> serde_json::Value {
        let g = self.inner.lock().expect("concurrency lock");
        let peaks: BTreeMap<&String, u32> = g.clients.iter().map(|(k, v)| (k, v.peak)).collect();
        serde_json::json!({
            "in_flight": g.open_total,
            "max_concurrent_observed": g.peak_total,
            "max_concurrent_by_client": peaks,
            "concurrency_rejections": g.rejections,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut g = self.inner.lock().expect("concurrency lock");
        g.open_total = g.open_total.saturating_sub(1);
        if let Some(load) = g.clients.get_mut(&self.client) {
            load.open = load.open.saturating_sub(1);
            if self.admitted {
                load.admitted = load.admitted.saturating_sub(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_and_peak() {
        let c = Concurrency::default();
        let a = c.enter("app", 2);
        let b = c.enter("app", 2);
        let refused = c.enter("app", 2);
        let other = c.enter("other", 2);
        assert!(a.admitted && b.admitted && other.admitted);
        assert!(!refused.admitted);
        drop(refused);
        drop(a);
        assert!(c.enter("app", 2).admitted);
        let r = c.report();
        assert_eq!(r["max_concurrent_by_client"]["app"], 3);
        assert_eq!(r["max_concurrent_observed"], 4);
        assert_eq!(r["concurrency_rejections"], 1);
    }
}
