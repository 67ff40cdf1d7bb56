//! The C ABI (see `rust/include/README.md` for the contract, `adphoto.h` for the
//! declarations). Every entry point runs inside `boundary::guard`, so no panic ever
//! unwinds into the host (an administrator's PowerShell session); pointers are checked
//! before use and out-parameters written only on success.

#![allow(non_camel_case_types)]

mod boundary;
mod convert;
mod input;
mod job;
mod last_error;
mod memory;
mod status;
mod version;

pub use convert::adphoto_convert;
pub use job::{
    adphoto_job, adphoto_job_apply, adphoto_job_cancel, adphoto_job_free, adphoto_job_next, adphoto_job_start,
};
pub use last_error::adphoto_last_error;
pub use memory::adphoto_free;
pub use status::adphoto_status;
pub use version::{adphoto_abi_version, adphoto_version, ADPHOTO_ABI_VERSION};
