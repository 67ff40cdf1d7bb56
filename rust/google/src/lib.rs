//! Google Workspace through the Admin SDK Directory API: a service account with
//! domain-wide delegation acting as an administrator, the domain's users as a user
//! source, their photos as a target (users.photos), backups keyed by Google's
//! immutable user id.

mod client;
mod directory;
mod failure;
mod key_file;
mod ledger;
mod options;
mod websafe;
mod wire;

pub use directory::{GoogleDirectory, PHOTO_ATTRIBUTE};

pub use key_file::{ServiceAccountKey, DEFAULT_TOKEN_URL};
pub use options::{GoogleOptions, DEFAULT_API_URL, SCOPE};
pub use websafe::{decode as decode_photo_data, encode as encode_photo_data};
