//! Ctrl+C: the first press stops the run cleanly (nothing new starts; what is in
//! flight finishes and is recorded, so `--resume` continues it), a second press quits
//! at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use adphoto_core::cancel::Cancel;

/// The cancel that Ctrl+C sets.
pub fn cancel_on_ctrl_c() -> Cancel {
    let cancel = Cancel::default();
    let pressed = Arc::new(AtomicBool::new(false));
    let handler = {
        let cancel = cancel.clone();
        move || {
            if pressed.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            tell!("");
            tell!("stopping: the writes under way finish and are recorded (Ctrl+C again to quit at once)");
            cancel.cancel();
        }
    };
    // Without a handler (another one was installed first) Ctrl+C simply ends the
    // process, as it always did.
    let _ = ctrlc::set_handler(handler);
    cancel
}
