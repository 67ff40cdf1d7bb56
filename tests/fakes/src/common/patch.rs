//! Run-time config changes: a partial JSON object whose top-level keys replace the
//! matching settings, validated by deserialising the result.

use serde::{Deserialize, Serialize};

/// Apply a partial JSON object: each top-level key given replaces that setting.
pub fn merge<T: Serialize + for<'de> Deserialize<'de>>(current: &T, patch: &serde_json::Value) -> Result<T, String> {
    let patch = patch
        .as_object()
        .ok_or_else(|| "config patch must be a JSON object".to_string())?;
    let mut value = serde_json::to_value(current).map_err(|e| e.to_string())?;
    let obj = value.as_object_mut().expect("configs serialise as objects");
    for (k, v) in patch {
        obj.insert(k.clone(), v.clone());
    }
    serde_json::from_value(value).map_err(|e| format!("invalid config: {e}"))
}
