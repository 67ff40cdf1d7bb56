//! Small counting helpers used by both services' stats.

use std::collections::BTreeMap;

/// Counters keyed by a label; ordered so the JSON is stable and diffable.
pub type CountMap = BTreeMap<String, u64>;

pub fn bump(map: &mut CountMap, key: &str) {
    *map.entry(key.to_string()).or_insert(0) += 1;
}

/// A service's counters with its Retry-After book's findings beside them: what a test
/// reads of a fake it runs in its own process (the /admin/stats page adds more).
pub fn with_retries(stats: &impl serde::Serialize, retry: &super::retry_after::RetryAfterBook) -> serde_json::Value {
    let mut v = serde_json::to_value(stats).unwrap_or_default();
    if let (Some(o), serde_json::Value::Object(r)) = (v.as_object_mut(), retry.report()) {
        o.extend(r);
    }
    v
}
