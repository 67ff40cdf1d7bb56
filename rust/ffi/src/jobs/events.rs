//! The job's side of the event queue: a sink that turns each use case event into the
//! JSON object the C ABI promises, and how a job ends.

use std::sync::mpsc::SyncSender;

use base64::Engine;
use serde::Serialize;
use serde_json::{json, Map, Value};

use adphoto_app::{Event, Sink};
use adphoto_core::cancel::Cancel;
use adphoto_core::error::{Error, ErrorKind};

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

    /// Sends `{"event": name, extra..., ...fields of body}`.
    pub fn emit_with(&self, name: &str, extra: Value, body: &impl Serialize) {
        let mut object = match serde_json::to_value(body) {
            Ok(Value::Object(map)) => map,
            Ok(other) => Map::from_iter([("value".to_string(), other)]),
            Err(e) => Map::from_iter([("serialize_error".to_string(), Value::String(e.to_string()))]),
        };
        if let Value::Object(extra) = extra {
            object.extend(extra);
        }
        object.insert("event".into(), Value::String(name.into()));
        self.send(Value::Object(object));
    }

    /// Sends `{"event": name, ...fields of body}`.
    pub fn emit(&self, name: &str, body: &impl Serialize) {
        self.emit_with(name, Value::Null, body)
    }

    fn send(&self, value: Value) {
        let bytes = value.to_string().into_bytes();
        if self.tx.send(bytes).is_err() {
            self.cancel.cancel();
        }
    }
}

/// The JSON each event becomes (see `rust/include/README.md`).
impl Sink for &Events {
    fn emit(&mut self, event: Event<'_>) {
        match event {
            Event::Warning(message) => self.send(json!({"event": "warning", "message": message})),
            Event::Progress(p) => Events::emit(self, "progress", &p),
            Event::Match(row) => Events::emit(self, "match", row),
            Event::Planned { id, item } => self.emit_with("item", json!({"phase": "plan", "id": id}), item),
            Event::PlanReady(summary) => Events::emit(self, "planned", summary),
            Event::Applied { id, item } => self.emit_with("item", json!({"phase": "apply", "id": id}), item),
            Event::Got { identity, item, photo } => {
                let photo = base64::engine::general_purpose::STANDARD.encode(photo);
                self.emit_with("item", json!({"identity": identity, "photo": photo}), item)
            }
            Event::Task(item) => Events::emit(self, "item", item),
            Event::Exported(item) => Events::emit(self, "item", item),
            Event::Row(row) => Events::emit(self, "row", row),
            Event::Converted(item) => Events::emit(self, "item", item),
            Event::AccountPicture(item) => Events::emit(self, "item", item),
        }
    }
}

/// How a job ended: the fields of its `done` event.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// `ok`, `failed` (the job as a whole) or `cancelled`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
    /// Items that failed (a user each).
    pub failures: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_folder: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub totals: Value,
}

impl From<Error> for Outcome {
    fn from(e: Error) -> Outcome {
        Outcome {
            status: if e.is_cancelled() { "cancelled" } else { "failed" },
            error: Some(e),
            failures: 0,
            run_folder: None,
            totals: Value::Null,
        }
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

    pub fn failed(kind: ErrorKind, message: impl Into<String>) -> Outcome {
        Outcome::from(Error::new(kind, message))
    }

    pub fn with_totals(mut self, totals: impl Serialize) -> Outcome {
        self.totals = serde_json::to_value(totals).unwrap_or(Value::Null);
        self
    }

    pub fn with_run_folder(mut self, folder: Option<&std::path::Path>) -> Outcome {
        self.run_folder = folder.map(|f| f.display().to_string());
        self
    }
}
