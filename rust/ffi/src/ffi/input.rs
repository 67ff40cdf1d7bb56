//! Reading the caller's (pointer, length) arguments and writing its out-parameters,
//! with the checks that keep bad arguments from becoming crashes.

use serde::de::DeserializeOwned;

use super::boundary::FfiError;
use super::status::adphoto_status;

/// The most JSON a request may have.
pub const MAX_JSON: usize = 64 << 20;
/// The most image bytes a convert may take.
pub const MAX_IMAGE: usize = 256 << 20;

/// The caller's bytes. Refuses a NULL pointer (unless `len` is 0 and `optional`) and a
/// length over `limit`, before touching memory.
///
/// # Safety
/// When not NULL, `ptr` must be valid for reads of `len` bytes for `'a`.
pub unsafe fn bytes<'a>(ptr: *const u8, len: usize, limit: usize, what: &str) -> Result<&'a [u8], FfiError> {
    if ptr.is_null() {
        return Err(FfiError::null(what));
    }
    if len > limit {
        return Err(FfiError::new(
            adphoto_status::ADPHOTO_TOO_LARGE,
            "too-large",
            format!("{what} is {len} bytes; the limit is {limit}"),
        ));
    }
    // SAFETY: the caller promises `len` readable bytes at `ptr`; `len` is bounded above.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The caller's UTF-8 JSON, parsed. NULL with length 0 means "absent" (`None`).
///
/// # Safety
/// As for `bytes`.
pub unsafe fn optional_json<T: DeserializeOwned>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<Option<T>, FfiError> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded to the caller's promise.
    let raw = unsafe { bytes(ptr, len, MAX_JSON, what) }?;
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    parse(raw, what).map(Some)
}

/// The caller's UTF-8 JSON, parsed; it must be there.
///
/// # Safety
/// As for `bytes`.
pub unsafe fn required_json<T: DeserializeOwned>(ptr: *const u8, len: usize, what: &str) -> Result<T, FfiError> {
    // SAFETY: forwarded to the caller's promise.
    let raw = unsafe { bytes(ptr, len, MAX_JSON, what) }?;
    parse(raw, what)
}

fn parse<T: DeserializeOwned>(raw: &[u8], what: &str) -> Result<T, FfiError> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        FfiError::new(
            adphoto_status::ADPHOTO_INVALID_UTF8,
            "invalid-utf8",
            format!("{what} is not UTF-8 ({e})"),
        )
    })?;
    serde_json::from_str(text).map_err(|e| {
        FfiError::new(
            adphoto_status::ADPHOTO_INVALID_REQUEST,
            "invalid-request",
            format!("{what}: {e}"),
        )
    })
}

/// Refuses NULL out-parameters before any work is done.
pub fn check_out<T>(ptr: *mut *mut u8, len: *mut T) -> Result<(), FfiError> {
    if ptr.is_null() || len.is_null() {
        return Err(FfiError::null("an out-parameter"));
    }
    Ok(())
}

/// Hands `data` to the caller, who frees it with `adphoto_free(ptr, len)`.
///
/// # Safety
/// `out` and `out_len` must be valid for writes (checked non-NULL by `check_out`).
pub unsafe fn give(data: Vec<u8>, out: *mut *mut u8, out_len: *mut usize) {
    let boxed = data.into_boxed_slice();
    let len = boxed.len();
    let ptr = Box::into_raw(boxed) as *mut u8;
    // SAFETY: the caller promises both are writable; `check_out` refused NULL.
    unsafe {
        *out = ptr;
        *out_len = len;
    }
}
