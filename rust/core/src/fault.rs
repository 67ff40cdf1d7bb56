//! Test hooks, compiled only with the `fault-injection` feature (the crate's own tests):
//! a decoder that panics on a marker input, to prove a panic never crosses the C ABI nor
//! stops a batch.

/// Input that starts with this makes the decoder panic.
pub const PANIC_MARKER: &[u8] = b"ADPHOTO-FAULT:PANIC";

pub fn before_decode(data: &[u8]) {
    if data.starts_with(PANIC_MARKER) {
        panic!("fault injection: the decoder panicked on purpose");
    }
}
