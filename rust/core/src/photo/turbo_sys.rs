//! The TurboJPEG 3 functions whose C prototypes take a `size_t`, declared with `usize`.
//!
//! turbojpeg-sys ships bindings generated once on 64-bit Linux, where `size_t` is
//! `unsigned long`, and declares it as `c_ulong`. On Windows (LLP64) `c_ulong` is 32
//! bits while `size_t` stays 64: the JPEG length reaches the library with undefined
//! upper bits, and `tj3Compress8` stores 8 bytes through a pointer to a 4-byte
//! variable. Rust's `usize` is `size_t` on every target Rust supports, so these
//! declarations are right everywhere; the symbols are the ones turbojpeg-sys links.
//! Every other function the engine calls takes only `int`s, pointers and the two small
//! structs, whose turbojpeg-sys declarations are right on every target.

use std::os::raw::c_int;

use turbojpeg_sys::tjhandle;

extern "C" {
    /// `int tj3DecompressHeader(tjhandle handle, const unsigned char *jpegBuf, size_t jpegSize)`
    pub fn tj3DecompressHeader(handle: tjhandle, jpeg_buf: *const u8, jpeg_size: usize) -> c_int;

    /// `int tj3Decompress8(tjhandle handle, const unsigned char *jpegBuf, size_t jpegSize,
    /// unsigned char *dstBuf, int pitch, int pixelFormat)`
    pub fn tj3Decompress8(
        handle: tjhandle,
        jpeg_buf: *const u8,
        jpeg_size: usize,
        dst_buf: *mut u8,
        pitch: c_int,
        pixel_format: c_int,
    ) -> c_int;

    /// `int tj3Compress8(tjhandle handle, const unsigned char *srcBuf, int width, int pitch,
    /// int height, int pixelFormat, unsigned char **jpegBuf, size_t *jpegSize)`
    #[allow(clippy::too_many_arguments)]
    pub fn tj3Compress8(
        handle: tjhandle,
        src_buf: *const u8,
        width: c_int,
        pitch: c_int,
        height: c_int,
        pixel_format: c_int,
        jpeg_buf: *mut *mut u8,
        jpeg_size: *mut usize,
    ) -> c_int;
}
