//! A photo benchmark: ADPhoto against the tools an administrator would otherwise use.
//!
//! The binary `photo-bench` strings these modules together; each does one job.

pub mod corpus;
pub mod decode;
pub mod faces_corpus;
pub mod measure;
pub mod noise;
pub mod options;
pub mod parallel;
pub mod portrait;
pub mod quality;
pub mod reference;
pub mod report;
pub mod run;
pub mod samba_dc;
pub mod ssim;
pub mod tools;

/// Errors here end the benchmark with a message; nothing recovers from them.
pub type BenchResult<T> = Result<T, String>;
