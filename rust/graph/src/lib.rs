//! Microsoft 365 / Entra ID photos through Microsoft Graph: sign in as an app (client
//! secret or certificate, any national cloud), list and look up users, read current
//! photos in bulk, and upload the 648x648 photo with bounded concurrency that obeys
//! Graph's throttling.

mod auth;
mod client;
mod credential;
mod directory;
mod failure;
mod options;
mod photo_cache;

pub use client::{GraphClient, BATCH_SIZE, GRAPH_PHOTO_LIMIT, USER_PROPERTIES};
pub use credential::Credential;
pub use directory::{GraphDirectory, PHOTO_ATTRIBUTE};
pub use failure::graph_failure;
pub use options::{GraphOptions, NationalCloud};
