//! What can stop an account-picture sync for one user, or for the whole run.

use thiserror::Error;

use adphoto_core::error::ErrorKind;

#[derive(Debug, Error)]
pub enum AccountPictureError {
    /// The request itself cannot be carried out (a bad SID, no root on a system without
    /// a Windows registry, a quality out of range).
    #[error("{0}")]
    Usage(String),

    /// A photo source failed (not merely empty): the directory cannot be reached, the
    /// file cannot be read. The current picture is left alone rather than replaced by
    /// a worse source's.
    #[error("{0}")]
    Source(String),

    /// Writing the picture files failed.
    #[error("cannot write the pictures: {0}")]
    Files(String),

    /// Writing the registry values failed.
    #[error("cannot write the registry values: {0}")]
    Registry(String),

    /// No previous set to roll back to.
    #[error("{0}")]
    NoPrevious(String),
}

impl AccountPictureError {
    /// A stable, machine-readable name (JSON output, PowerShell error ids). Never change
    /// an existing value.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AccountPictureError::Usage(_) => ErrorKind::Usage,
            AccountPictureError::Source(_) => ErrorKind::SourceFailed,
            AccountPictureError::Files(_) => ErrorKind::WriteFailed,
            AccountPictureError::Registry(_) => ErrorKind::RegistryFailed,
            AccountPictureError::NoPrevious(_) => ErrorKind::NoPreviousSet,
        }
    }
}
