//! Notes for the person waiting, sent while an operation is still under way (a wait
//! before a retry, say), where a returned warning would come too late. Libraries call
//! `notice`; the program decides where notes go (the CLI prints them on standard
//! error); without a listener they are dropped.

use std::sync::RwLock;

type Listener = Box<dyn Fn(&str) + Send + Sync>;

static LISTENER: RwLock<Option<Listener>> = RwLock::new(None);

/// Sends every later note to `listener` (replacing any earlier one).
pub fn listen(listener: impl Fn(&str) + Send + Sync + 'static) {
    let mut slot = LISTENER.write().unwrap_or_else(|p| p.into_inner());
    *slot = Some(Box::new(listener));
}

/// Tells whoever listens; nothing happens when nobody does.
pub fn notice(text: &str) {
    let slot = LISTENER.read().unwrap_or_else(|p| p.into_inner());
    if let Some(listener) = slot.as_ref() {
        listener(text);
    }
}
