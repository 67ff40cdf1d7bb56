//! Active Directory and any LDAP directory: connecting safely, reading users with their
//! photos in one paged search, and writing photos concurrently with retries.

mod directory;
mod endpoint;
mod escape;
mod failure;
mod guid;
mod options;
mod root_dse;
mod search;
mod session;
mod tls;
mod writer;

pub use directory::LdapDirectory;
pub use endpoint::{endpoint, holds_credentials, Endpoint, Protection, CREDENTIALS_REFUSED};
pub use escape::{escape_filter_bytes, escape_filter_value};
pub use failure::code_name;
pub use guid::{guid_from_string, guid_to_string};
pub use options::LdapOptions;
pub use root_dse::RootDse;
