//! Small counting helpers used by both services' stats.

use std::collections::BTreeMap;

/// Counters keyed by a label; ordered so the JSON is stable and diffable.
pub type CountMap = BTreeMap<String, u64>;

pub fn bump(map: &mut CountMap, key: &str) {
    *map.entry(key.to_string()).or_insert(0) += 1;
}
