//! One error model for the whole library: a kind with a stable name (the JSON `kind`,
//! the C ABI's messages and the PowerShell error ids `ADPhoto.<Kind>` are made from it),
//! a message for people, and what the retry logic needs (transient, when to try again,
//! whether a change may have been applied although its answer was lost).

use std::time::Duration;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// What went wrong, as a script tests it. The names are promised to scripts (JSON
/// output, `ADPhoto.<Kind>` error ids): never change an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    // The request itself: nothing was done (exit code 2).
    /// Options that cannot work together, or a value out of range.
    Options,
    /// A naming template that cannot be parsed.
    Pattern,
    /// A mapping CSV that cannot be read.
    Mapping,
    /// A users CSV (or listing) that cannot be read.
    Users,
    /// A template or mapping column names an attribute no user has.
    MissingColumn,
    /// An LDAP filter that is not valid.
    Filter,
    /// Photo options out of range (a size, a quality, a byte budget).
    InvalidOptions,
    /// An account-picture request that cannot be carried out.
    Usage,

    // Reaching and signing in to a service.
    Connect,
    Tls,
    Auth,
    Network,
    Timeout,
    Unavailable,
    Throttled,

    // What a service refused or answered for one user.
    AccessDenied,
    TooLarge,
    NoSuchObject,
    NotFound,
    NoPhoto,
    Ambiguous,
    InvalidKey,
    NoDn,
    NoId,
    InvalidRequest,
    InvalidResponse,
    Http,
    Ldap,
    Google,
    Graph,
    /// The photo was changed by someone else since ADPhoto wrote it.
    ChangedElsewhere,
    /// A photo a Google user set themselves still shows after ours was uploaded.
    SelfPhoto,

    // The run's own records.
    Cancelled,
    BackupFailed,
    BackupDamaged,
    BackupMissing,
    /// A saved file that is not an image (a manifest pointing elsewhere).
    BackupNotAnImage,
    Backup,
    Journal,
    Io,
    Csv,
    Export,

    // Photo files.
    /// Two inputs would write the same output file.
    OutputCollision,
    EmptyFile,
    FileTooLarge,
    TooManyPixels,
    /// A JPEG whose decoding would take far more work than any photo needs.
    TooComplex,
    UnsupportedFormat,
    NotAnImage,
    CorruptImage,
    BudgetUnreachable,
    ReadFailed,
    WriteFailed,

    // Windows account pictures.
    SourceFailed,
    RegistryFailed,
    NoPreviousSet,

    // Jobs.
    Start,
    InvalidState,

    Internal,
}

impl ErrorKind {
    /// Every kind, for documentation and tests.
    pub const ALL: [ErrorKind; 59] = [
        ErrorKind::Options,
        ErrorKind::Pattern,
        ErrorKind::Mapping,
        ErrorKind::Users,
        ErrorKind::MissingColumn,
        ErrorKind::Filter,
        ErrorKind::InvalidOptions,
        ErrorKind::Usage,
        ErrorKind::Connect,
        ErrorKind::Tls,
        ErrorKind::Auth,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::Unavailable,
        ErrorKind::Throttled,
        ErrorKind::AccessDenied,
        ErrorKind::TooLarge,
        ErrorKind::NoSuchObject,
        ErrorKind::NotFound,
        ErrorKind::NoPhoto,
        ErrorKind::Ambiguous,
        ErrorKind::InvalidKey,
        ErrorKind::NoDn,
        ErrorKind::NoId,
        ErrorKind::InvalidRequest,
        ErrorKind::InvalidResponse,
        ErrorKind::Http,
        ErrorKind::Ldap,
        ErrorKind::Google,
        ErrorKind::Graph,
        ErrorKind::ChangedElsewhere,
        ErrorKind::SelfPhoto,
        ErrorKind::Cancelled,
        ErrorKind::BackupFailed,
        ErrorKind::BackupDamaged,
        ErrorKind::BackupMissing,
        ErrorKind::BackupNotAnImage,
        ErrorKind::Backup,
        ErrorKind::Journal,
        ErrorKind::Io,
        ErrorKind::Csv,
        ErrorKind::Export,
        ErrorKind::OutputCollision,
        ErrorKind::EmptyFile,
        ErrorKind::FileTooLarge,
        ErrorKind::TooManyPixels,
        ErrorKind::TooComplex,
        ErrorKind::UnsupportedFormat,
        ErrorKind::NotAnImage,
        ErrorKind::CorruptImage,
        ErrorKind::BudgetUnreachable,
        ErrorKind::ReadFailed,
        ErrorKind::WriteFailed,
        ErrorKind::SourceFailed,
        ErrorKind::RegistryFailed,
        ErrorKind::NoPreviousSet,
        ErrorKind::Start,
        ErrorKind::InvalidState,
        ErrorKind::Internal,
    ];

    /// The stable name scripts see.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Options => "options",
            ErrorKind::Pattern => "pattern",
            ErrorKind::Mapping => "mapping",
            ErrorKind::Users => "users",
            ErrorKind::MissingColumn => "missing-column",
            ErrorKind::Filter => "filter",
            ErrorKind::InvalidOptions => "invalid-options",
            ErrorKind::Usage => "usage",
            ErrorKind::Connect => "connect",
            ErrorKind::Tls => "tls",
            ErrorKind::Auth => "auth",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Throttled => "throttled",
            ErrorKind::AccessDenied => "access-denied",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::NoSuchObject => "no-such-object",
            ErrorKind::NotFound => "not-found",
            ErrorKind::NoPhoto => "no-photo",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::InvalidKey => "invalid-key",
            ErrorKind::NoDn => "no-dn",
            ErrorKind::NoId => "no-id",
            ErrorKind::InvalidRequest => "invalid-request",
            ErrorKind::InvalidResponse => "invalid-response",
            ErrorKind::Http => "http",
            ErrorKind::Ldap => "ldap",
            ErrorKind::Google => "google",
            ErrorKind::Graph => "graph",
            ErrorKind::ChangedElsewhere => "changed-elsewhere",
            ErrorKind::SelfPhoto => "self-photo",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::BackupFailed => "backup-failed",
            ErrorKind::BackupDamaged => "backup-damaged",
            ErrorKind::BackupMissing => "backup-missing",
            ErrorKind::BackupNotAnImage => "backup-not-an-image",
            ErrorKind::Backup => "backup",
            ErrorKind::Journal => "journal",
            ErrorKind::Io => "io",
            ErrorKind::Csv => "csv",
            ErrorKind::Export => "export",
            ErrorKind::OutputCollision => "output-collision",
            ErrorKind::EmptyFile => "empty-file",
            ErrorKind::FileTooLarge => "file-too-large",
            ErrorKind::TooManyPixels => "too-many-pixels",
            ErrorKind::TooComplex => "too-complex",
            ErrorKind::UnsupportedFormat => "unsupported-format",
            ErrorKind::NotAnImage => "not-an-image",
            ErrorKind::CorruptImage => "corrupt-image",
            ErrorKind::BudgetUnreachable => "budget-unreachable",
            ErrorKind::ReadFailed => "read-failed",
            ErrorKind::WriteFailed => "write-failed",
            ErrorKind::SourceFailed => "source-failed",
            ErrorKind::RegistryFailed => "registry-failed",
            ErrorKind::NoPreviousSet => "no-previous-set",
            ErrorKind::Start => "start",
            ErrorKind::InvalidState => "invalid-state",
            ErrorKind::Internal => "internal",
        }
    }

    /// The request was wrong: nothing was done, and the command line exits with 2.
    pub fn is_usage(self) -> bool {
        matches!(
            self,
            ErrorKind::Options
                | ErrorKind::Pattern
                | ErrorKind::Mapping
                | ErrorKind::Users
                | ErrorKind::MissingColumn
                | ErrorKind::Filter
                | ErrorKind::InvalidOptions
                | ErrorKind::Usage
        )
    }

    /// Whether waiting and trying again may help, unless the error says otherwise.
    pub fn is_transient_by_default(self) -> bool {
        matches!(
            self,
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Unavailable | ErrorKind::Throttled
        )
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `kind == "too-large"`: scripts and tests compare with the stable name.
impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

impl Serialize for ErrorKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A failure with everything a person, a script and the retry logic need.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    /// The protocol's own number: an LDAP result code, an HTTP status.
    code: Option<i64>,
    /// The service's own name for it: Graph's `ImageNotFound`, Google's `reason`.
    service_code: Option<String>,
    transient: bool,
    retry_after: Option<Duration>,
    in_doubt: bool,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            code: None,
            service_code: None,
            transient: kind.is_transient_by_default(),
            retry_after: None,
            in_doubt: false,
        }
    }

    /// An error worth trying again (network trouble, a busy server), whatever its kind.
    pub fn retryable(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, message).transient(true)
    }

    pub fn options(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Options, message)
    }

    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Internal, message)
    }

    /// A change left unsent because the run was cancelled (a resume sends it).
    pub fn cancelled() -> Error {
        Error::new(ErrorKind::Cancelled, "not sent: the run was cancelled")
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn code(&self) -> Option<i64> {
        self.code
    }

    pub fn service_code(&self) -> Option<&str> {
        self.service_code.as_deref()
    }

    /// Whether trying again later may succeed.
    pub fn is_transient(&self) -> bool {
        self.transient
    }

    /// How long the service asked to wait before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The change was sent but its answer never came: it may have been applied.
    pub fn is_in_doubt(&self) -> bool {
        self.in_doubt
    }

    pub fn is_cancelled(&self) -> bool {
        self.kind == ErrorKind::Cancelled
    }

    pub fn with_code(mut self, code: impl Into<i64>) -> Error {
        self.code = Some(code.into());
        self
    }

    pub fn with_service_code(mut self, code: impl Into<String>) -> Error {
        self.service_code = Some(code.into());
        self
    }

    pub fn transient(mut self, transient: bool) -> Error {
        self.transient = transient;
        self
    }

    pub fn with_retry_after(mut self, wait: Option<Duration>) -> Error {
        self.retry_after = wait;
        self
    }

    pub fn in_doubt(mut self, in_doubt: bool) -> Error {
        self.in_doubt = in_doubt;
        self
    }

    /// The same error with its message prefixed (`what: message`).
    pub fn context(mut self, what: impl std::fmt::Display) -> Error {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// The same error with another message.
    pub fn with_message(mut self, message: impl Into<String>) -> Error {
        self.message = message.into();
        self
    }

    /// The same error as another kind (the message and codes are kept).
    pub fn with_kind(mut self, kind: ErrorKind) -> Error {
        self.kind = kind;
        self
    }
}

/// `{"kind": "...", "message": "...", "code": N}` (the code only when there is one).
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let fields = 2 + usize::from(self.code.is_some()) + usize::from(self.service_code.is_some());
        let mut st = s.serialize_struct("Error", fields)?;
        st.serialize_field("kind", self.kind.name())?;
        st.serialize_field("message", &self.message)?;
        if let Some(code) = self.code {
            st.serialize_field("code", &code)?;
        }
        if let Some(code) = &self.service_code {
            st.serialize_field("service_code", code)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            let name = kind.name();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            seen.insert(name);
        }
        assert_eq!(seen.len(), ErrorKind::ALL.len());
    }

    #[test]
    fn transient_is_a_property_of_the_error() {
        assert!(Error::new(ErrorKind::Unavailable, "x").is_transient());
        assert!(!Error::new(ErrorKind::Throttled, "daily quota")
            .transient(false)
            .is_transient());
        assert!(!Error::new(ErrorKind::AccessDenied, "x").is_transient());
        assert!(ErrorKind::Pattern.is_usage() && !ErrorKind::Connect.is_usage());
    }

    #[test]
    fn serializes_as_kind_and_message() {
        let e = Error::new(ErrorKind::TooLarge, "too big").with_code(413);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"kind":"too-large","message":"too big","code":413}"#
        );
    }
}
