//! The last failure on each calling thread, for `adphoto_last_error`.

use std::cell::RefCell;

use serde_json::json;

use super::boundary::{guard, FfiError};
use super::input::{check_out, give};
use super::status::adphoto_status;

thread_local! {
    static LAST: RefCell<Option<FfiError>> = const { RefCell::new(None) };
}

pub fn remember(error: FfiError) {
    LAST.with(|last| *last.borrow_mut() = Some(error));
}

/// Describes the last failure on the calling thread as JSON:
/// `{"status": N, "kind": "...", "message": "..."}` (status 0 and kind `none` when no
/// call on this thread has failed). Free it with `adphoto_free`.
///
/// # Safety
/// `json` and `json_len` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn adphoto_last_error(json: *mut *mut u8, json_len: *mut usize) -> adphoto_status {
    // Reading the last error must not replace it, so failures here are not remembered.
    if json.is_null() || json_len.is_null() {
        return adphoto_status::ADPHOTO_NULL_POINTER;
    }
    guard(|| {
        check_out(json, json_len)?;
        let text = LAST.with(|last| match &*last.borrow() {
            Some(e) => json!({"status": e.status as i32, "kind": e.kind, "message": e.message}),
            None => json!({"status": 0, "kind": "none", "message": ""}),
        });
        give(text.to_string().into_bytes(), json, json_len);
        Ok(adphoto_status::ADPHOTO_OK)
    })
}
