//! Jobs through the C ABI: start, pull events, confirm a plan, cancel, free.

use std::time::Duration;

use super::boundary::{guard, guard_void, FfiError};
use super::input::{check_out, give, optional_json, required_json};
use super::status::adphoto_status;
use crate::jobs::{Job, JobError, JobRequest, Next, Selection};

/// A running job (opaque). Use it from one thread at a time, except
/// `adphoto_job_cancel`, which any thread may call while another waits in
/// `adphoto_job_next`.
pub struct adphoto_job {
    job: Job,
}

fn job_error(e: JobError) -> FfiError {
    match e {
        JobError::Start(m) => FfiError::new(adphoto_status::ADPHOTO_FAILED, "start", m),
        JobError::InvalidState(m) => FfiError::new(adphoto_status::ADPHOTO_INVALID_STATE, "invalid-state", m),
    }
}

/// Starts the job `request_json` describes (`{"task": "set" | "match" | "get" |
/// "export" | "remove" | "restore" | "report", ...}`, see `rust/include/README.md`).
/// The request is checked before anything starts: unknown fields are refused.
///
/// # Safety
/// `request_json` must be readable for `request_len` bytes; `job` writable.
#[no_mangle]
pub unsafe extern "C" fn adphoto_job_start(
    request_json: *const u8,
    request_len: usize,
    job: *mut *mut adphoto_job,
) -> adphoto_status {
    guard(|| {
        if job.is_null() {
            return Err(FfiError::null("job"));
        }
        // SAFETY: the caller's promise, forwarded.
        let request: JobRequest = unsafe { required_json(request_json, request_len, "the request") }?;
        let started = Job::start(request).map_err(job_error)?;
        // SAFETY: checked non-NULL; the caller promises it is writable.
        unsafe { *job = Box::into_raw(Box::new(adphoto_job { job: started })) };
        Ok(adphoto_status::ADPHOTO_OK)
    })
}

/// Takes the job's next event (JSON, free it with `adphoto_free`), waiting up to
/// `wait_ms` milliseconds. `ADPHOTO_PENDING`: nothing yet. `ADPHOTO_DONE`: the job has
/// ended and its last event (`"event": "done"`) was already taken.
///
/// # Safety
/// `job` must come from `adphoto_job_start` and not be freed; the out-parameters
/// writable.
#[no_mangle]
pub unsafe extern "C" fn adphoto_job_next(
    job: *mut adphoto_job,
    wait_ms: u32,
    event_json: *mut *mut u8,
    event_len: *mut usize,
) -> adphoto_status {
    guard(|| {
        // SAFETY: a live job per the contract; NULL is refused.
        let job = unsafe { job.as_ref() }.ok_or_else(|| FfiError::null("job"))?;
        check_out(event_json, event_len)?;
        match job.job.next(Duration::from_millis(u64::from(wait_ms))) {
            Next::Event(event) => {
                // SAFETY: checked non-NULL; the caller promises they are writable.
                unsafe { give(event, event_json, event_len) };
                Ok(adphoto_status::ADPHOTO_OK)
            }
            Next::Pending => Ok(adphoto_status::ADPHOTO_PENDING),
            Next::Done => Ok(adphoto_status::ADPHOTO_DONE),
        }
    })
}

/// Lets a `set` job started with `"mode": "confirm"`, now waiting after its `planned`
/// event, write the changes `selection_json` names (`{"items": [ids]}`; NULL/0 or
/// `{"items": null}`: every change).
///
/// # Safety
/// `job` must be a live job; `selection_json` readable for `selection_len` bytes or
/// NULL with 0.
#[no_mangle]
pub unsafe extern "C" fn adphoto_job_apply(
    job: *mut adphoto_job,
    selection_json: *const u8,
    selection_len: usize,
) -> adphoto_status {
    guard(|| {
        // SAFETY: a live job per the contract; NULL is refused.
        let job = unsafe { job.as_ref() }.ok_or_else(|| FfiError::null("job"))?;
        // SAFETY: the caller's promise, forwarded.
        let selection: Option<Selection> = unsafe { optional_json(selection_json, selection_len, "the selection") }?;
        job.job.apply(selection.unwrap_or_default()).map_err(job_error)?;
        Ok(adphoto_status::ADPHOTO_OK)
    })
}

/// Asks the job to stop: conversions not started are skipped, writes not yet sent are
/// reported `cancelled`, writes in flight finish. Events still flow up to `done`.
///
/// # Safety
/// `job` must be a live job.
#[no_mangle]
pub unsafe extern "C" fn adphoto_job_cancel(job: *mut adphoto_job) -> adphoto_status {
    guard(|| {
        // SAFETY: a live job per the contract; NULL is refused.
        let job = unsafe { job.as_ref() }.ok_or_else(|| FfiError::null("job"))?;
        job.job.cancel();
        Ok(adphoto_status::ADPHOTO_OK)
    })
}

/// Cancels the job if it still runs, waits for its thread, and frees it. NULL is
/// ignored.
///
/// # Safety
/// `job` must be NULL or a live job, not used again afterwards.
#[no_mangle]
pub unsafe extern "C" fn adphoto_job_free(job: *mut adphoto_job) {
    if job.is_null() {
        return;
    }
    guard_void(|| {
        // SAFETY: from `Box::into_raw` in `adphoto_job_start`, per the contract.
        drop(unsafe { Box::from_raw(job) });
    });
}
