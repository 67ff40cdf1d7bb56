//! Which library this is: the release, and the ABI revision the header describes.

use std::ffi::c_char;

/// Changes whenever a function's signature or meaning changes; the PowerShell module
/// refuses a library whose number differs from the one it was written for.
pub const ADPHOTO_ABI_VERSION: u32 = 1;

/// The ABI revision (`ADPHOTO_ABI_VERSION` of the library actually loaded).
#[no_mangle]
pub extern "C" fn adphoto_abi_version() -> u32 {
    ADPHOTO_ABI_VERSION
}

/// The library's version (`"0.1.0"`): static, NUL-terminated, never freed.
#[no_mangle]
pub extern "C" fn adphoto_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
