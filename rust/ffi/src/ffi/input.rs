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
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let at = match e.path().to_string() {
            p if p == "." || p.is_empty() => String::new(),
            p => format!("at {p}: "),
        };
        let inner = e.into_inner();
        let position = match (inner.line(), inner.column()) {
            (0, _) => String::new(),
            (line, column) => format!(" (line {line}, column {column})"),
        };
        FfiError::new(
            adphoto_status::ADPHOTO_INVALID_REQUEST,
            "invalid-request",
            format!("{what}: {at}{}{position}", without_values(&inner.to_string())),
        )
    })?;
    // Anything after the value (a second object, stray text) is refused too.
    deserializer.end().map_err(|e| {
        FfiError::new(
            adphoto_status::ADPHOTO_INVALID_REQUEST,
            "invalid-request",
            format!("{what}: {e}"),
        )
    })?;
    Ok(value)
}

/// A serde message without the values it quotes: what a caller sent in the wrong
/// place may be a password ("invalid type: string \"hunter2\", expected a boolean").
/// What was expected, field names and positions are kept.
fn without_values(message: &str) -> String {
    // serde_json appends " at line L column C" itself; the position is given apart.
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    // The message may be wrapped ("directory: invalid type: ..."): keep what leads.
    for marker in ["invalid type: ", "invalid value: "] {
        if let Some(i) = message.find(marker) {
            let (lead, rest) = (&message[..i + marker.len()], &message[i + marker.len()..]);
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let kind = found.split(['`', '"']).next().unwrap_or_default().trim();
            let expected = if expected.is_empty() {
                String::new()
            } else {
                format!(", expected {expected}")
            };
            return format!("{lead}{kind} (not shown){expected}");
        }
    }
    if let Some(i) = message.find("unknown variant ") {
        let expected = message[i..]
            .split_once(", expected ")
            .map(|(_, e)| e)
            .unwrap_or_default();
        return format!("{}unknown value (not shown), expected {expected}", &message[..i]);
    }
    message.to_string()
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

#[cfg(test)]
mod tests {
    use super::without_values;

    #[test]
    fn values_are_dropped_and_expectations_kept() {
        for (message, expected) in [
            (
                "invalid type: string \"hunter2\", expected a boolean at line 1 column 9",
                "invalid type: string (not shown), expected a boolean",
            ),
            (
                "invalid type: integer `31337`, expected a string",
                "invalid type: integer (not shown), expected a string",
            ),
            (
                "invalid value: string \"x\", expected one of a, b",
                "invalid value: string (not shown), expected one of a, b",
            ),
            (
                "unknown variant `hunter2`, expected one of `set`, `get`",
                "unknown value (not shown), expected one of `set`, `get`",
            ),
            ("missing field `tenant`", "missing field `tenant`"),
            (
                "directory: invalid type: string \"hunter2\", expected usize",
                "directory: invalid type: string (not shown), expected usize",
            ),
            (
                "unknown field `pasword`, expected `password`",
                "unknown field `pasword`, expected `password`",
            ),
        ] {
            assert_eq!(without_values(message), expected);
        }
    }
}
