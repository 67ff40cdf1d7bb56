//! A request to stop, shared between whoever asks (Ctrl+C in PowerShell, a C caller) and
//! the loops that honour it between items. Work already under way finishes, so nothing
//! is left half-written.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The error kind of an item left undone because the run was cancelled.
pub const CANCELLED: &str = "cancelled";
