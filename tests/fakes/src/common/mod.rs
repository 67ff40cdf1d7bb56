//! Pieces both fakes share: the HTTP plumbing, crypto, images and the fault machinery.
//! Service-specific wording of errors lives in each service's own module.

pub mod clock;
pub mod concurrency;
pub mod faults;
pub mod http;
pub mod ids;
pub mod image;
pub mod jwt;
pub mod keys;
pub mod lifecycle;
pub mod patch;
pub mod retry_after;
pub mod server;
pub mod stats;
