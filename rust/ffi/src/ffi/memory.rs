//! Freeing what the library handed out.

use super::boundary::guard_void;

/// Frees a buffer the library returned, given the length it came with. NULL is
/// ignored, so freeing a buffer the caller already set to NULL is harmless.
///
/// # Safety
/// `data` must be NULL or a pointer the library returned with length `len`, not yet
/// freed.
#[no_mangle]
pub unsafe extern "C" fn adphoto_free(data: *mut u8, len: usize) {
    if data.is_null() {
        return;
    }
    guard_void(|| {
        // SAFETY: `data` and `len` came from `give` (a boxed slice), per the contract.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(data, len)) });
    });
}
