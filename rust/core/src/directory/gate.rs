//! What every write in a batch asks before it is sent: has the run been cancelled, and
//! is the server still there? Both stop the rest of the batch the same way in every
//! directory: the writes not yet sent are reported as not sent (a resume sends them),
//! and those in flight finish.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::cancel::Cancel;
use crate::error::{Error, ErrorKind, Result};

#[derive(Debug, Default)]
pub struct Gate {
    cancel: Cancel,
    gone: AtomicBool,
    why: Mutex<Option<String>>,
}

impl Gate {
    pub fn new(cancel: Cancel) -> Gate {
        Gate {
            cancel,
            gone: AtomicBool::new(false),
            why: Mutex::new(None),
        }
    }

    pub fn cancel(&self) -> &Cancel {
        &self.cancel
    }

    /// `Ok` when the next write may be sent; otherwise why not, as that write's error.
    pub fn admit(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        if self.gone.load(Ordering::SeqCst) {
            let why = self
                .why
                .lock()
                .map(|w| w.clone())
                .unwrap_or_default()
                .unwrap_or_default();
            return Err(Error::new(
                ErrorKind::Unavailable,
                format!("not sent: the server stopped answering ({why}); run again with --resume to finish"),
            ));
        }
        Ok(())
    }

    /// Learns from a write's result: a write that still found no server after its
    /// retries means the server is gone. One is enough: it has already waited through
    /// its retries, and a dead server would otherwise cost that wait for every user left.
    pub fn observe(&self, result: &Result<()>) {
        let Err(e) = result else { return };
        let lost = matches!(
            e.kind(),
            ErrorKind::Unavailable | ErrorKind::Network | ErrorKind::Timeout
        );
        if lost && e.is_transient() && !self.gone.swap(true, Ordering::SeqCst) {
            if let Ok(mut why) = self.why.lock() {
                *why = Some(e.message().to_string());
            }
        }
    }

    /// Whether the server was found gone.
    pub fn is_gone(&self) -> bool {
        self.gone.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_server_stops_the_rest_but_a_refusal_does_not() {
        let gate = Gate::default();
        assert!(gate.admit().is_ok());
        gate.observe(&Err(Error::new(ErrorKind::AccessDenied, "no")));
        gate.observe(&Err(Error::new(ErrorKind::Throttled, "quota").transient(false)));
        assert!(gate.admit().is_ok());
        gate.observe(&Err(Error::new(ErrorKind::Unavailable, "connection refused")));
        let refused = gate.admit().unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::Unavailable);
        assert!(refused.message().contains("connection refused"));
    }

    #[test]
    fn cancelling_comes_first() {
        let cancel = Cancel::default();
        let gate = Gate::new(cancel.clone());
        cancel.cancel();
        assert!(gate.admit().unwrap_err().is_cancelled());
    }
}
