//! The job's side of the event queue, and how a job ends.

use std::sync::mpsc::SyncSender;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::cancel::Cancel;

/// Sends a job's events. When the caller has gone (the job was freed), sending cancels
/// the job, so it stops at the next item instead of working for nobody.
pub struct Events {
    tx: SyncSender<Vec<u8>>,
    pub cancel: Cancel,
}

impl Events {
    pub fn new(tx: SyncSender<Vec<u8>>, cancel: Cancel) -> Events {
        Events { tx, cancel }
    }

    /// Sends `{"event": name, ...fields of body}`.
    pub fn emit(&self, name: &str, body: &impl Serialize) {
        let mut object = match serde_json::to_value(body) {
            Ok(Value::Object(map)) => map,
            Ok(other) => Map::from_iter([("value".to_string(), other)]),
            Err(e) => Map::from_iter([("serialize_error".to_string(), Value::String(e.to_string()))]),
        };
        object.insert("event".into(), Value::String(name.into()));
        self.send(Value::Object(object));
    }

    /// Sends `{"event": name, extra..., ...fields of body}`.
    pub fn emit_with(&self, name: &str, extra: Value, body: &impl Serialize) {
        let mut object = match serde_json::to_value(body) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        if let Value::Object(extra) = extra {
            object.extend(extra);
        }
        object.insert("event".into(), Value::String(name.into()));
        self.send(Value::Object(object));
    }

    pub fn warning(&self, message: &str) {
        self.send(json!({"event": "warning", "message": message}));
    }

    fn send(&self, value: Value) {
        let bytes = value.to_string().into_bytes();
        if self.tx.send(bytes).is_err() {
            self.cancel.cancel();
        }
    }
}

/// How a job ended: the fields of its `done` event.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// `ok`, `failed` (the job as a whole) or `cancelled`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    /// Items that failed (a user each).
    pub failures: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_folder: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub totals: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    pub kind: String,
    pub message: String,
}

impl ErrorBody {
    pub fn new(kind: &str, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}

impl From<ErrorBody> for Outcome {
    fn from(e: ErrorBody) -> Outcome {
        Outcome::failed(&e.kind, e.message)
    }
}

impl Outcome {
    /// Finished (or stopped, when `cancel` is set) with `failures` items failed.
    pub fn finished(cancel: &Cancel, failures: usize) -> Outcome {
        Outcome {
            status: if cancel.is_cancelled() { "cancelled" } else { "ok" },
            error: None,
            failures,
            run_folder: None,
            totals: Value::Null,
        }
    }

    pub fn failed(kind: &str, message: impl Into<String>) -> Outcome {
        Outcome {
            status: "failed",
            error: Some(ErrorBody {
                kind: kind.to_string(),
                message: message.into(),
            }),
            failures: 0,
            run_folder: None,
            totals: Value::Null,
        }
    }

    pub fn with_totals(mut self, totals: impl Serialize) -> Outcome {
        self.totals = serde_json::to_value(totals).unwrap_or(Value::Null);
        self
    }
}
