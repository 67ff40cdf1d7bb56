//! Long operations as jobs a caller pulls events from on its own thread (the C ABI's
//! model, so PowerShell can show progress, emit objects and honour Ctrl+C without any
//! callback from a library thread). A job runs on a thread of its own; its events are
//! JSON objects in a bounded queue; the last one is always `done`.

mod account_picture_task;
mod directory_tasks;
mod events;
mod handle;
mod match_task;
mod request;
mod set_task;
mod sync_task;

pub use handle::{Job, JobError, Next};
pub use request::{JobRequest, Mode, Selection, TargetSpec};
