//! The status every fallible entry point returns.

/// What an `adphoto_*` call did. Out-parameters are written only with `ADPHOTO_OK`
/// (and, for `adphoto_job_next`, not with `ADPHOTO_PENDING` or `ADPHOTO_DONE`).
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum adphoto_status {
    /// Done; out-parameters are written.
    ADPHOTO_OK = 0,
    /// `adphoto_job_next`: no event within the wait; call again.
    ADPHOTO_PENDING = 1,
    /// `adphoto_job_next`: the job has ended and every event was taken.
    ADPHOTO_DONE = 2,
    /// A required pointer was NULL.
    ADPHOTO_NULL_POINTER = 10,
    /// A text argument was not UTF-8.
    ADPHOTO_INVALID_UTF8 = 11,
    /// The JSON does not parse, or names an unknown field or value.
    ADPHOTO_INVALID_REQUEST = 12,
    /// A length above the limit (64 MiB of JSON, 256 MiB of image).
    ADPHOTO_TOO_LARGE = 13,
    /// `adphoto_job_apply` on a job that is not waiting for it.
    ADPHOTO_INVALID_STATE = 14,
    /// The operation itself failed (the image cannot be converted, ...).
    ADPHOTO_FAILED = 20,
    /// A bug, caught at the boundary; the process is unharmed.
    ADPHOTO_INTERNAL = 30,
}
