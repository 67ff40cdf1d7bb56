//! ADPhoto's core: everything a use case needs that talks to no network. The photo
//! engine, matching photos to users, the one `Directory` trait every service
//! implements (with the file-based and in-memory directories), plans and how they are
//! applied, backups and the journal, and the one error model.
//!
//! Layers, lowest first (a module imports only from its own layer or below; the
//! `layers` test keeps it so):
//! 1. `error`, `cancel`, `clock`, `digest`, `durable`, `atomic_file`, `secret`,
//!    `parallel`, `fault`, `notice`
//! 2. `text`, `safe_names`, `photo`, `inputs`
//! 3. `users`, `matching`
//! 4. `directory`, `backup`, `conversion_cache`
//! 5. `plan`

pub mod atomic_file;
pub mod backup;
pub mod cancel;
pub mod clock;
pub mod conversion_cache;
pub mod digest;
pub mod directory;
pub mod durable;
pub mod error;
#[cfg(feature = "fault-injection")]
pub mod fault;
pub mod inputs;
pub mod matching;
pub mod notice;
pub mod parallel;
pub mod photo;
pub mod plan;
pub mod safe_names;
pub mod secret;
pub mod text;
pub mod users;
