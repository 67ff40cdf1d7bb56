//! Exit codes shared by every subcommand.

use adphoto_core::error::Error;

/// Everything asked for was done.
pub const OK: i32 = 0;
/// The run went through but some items failed (each failure is reported).
pub const SOME_FAILED: i32 = 1;
/// The command line itself was wrong; nothing was done. (clap uses 2 as well.)
pub const USAGE: i32 = 2;

/// Reports a usage problem the way clap does and returns its exit code.
pub fn usage(message: impl std::fmt::Display) -> i32 {
    tell!("error: {message}");
    USAGE
}

/// Reports an error that stopped the command; the exit code follows its kind.
pub fn failed(e: &Error) -> i32 {
    tell!("error: {e} [{}]", e.kind());
    if e.kind().is_usage() {
        USAGE
    } else {
        SOME_FAILED
    }
}

/// 1 when any item failed, else 0.
pub fn of_items(any_failed: bool) -> i32 {
    if any_failed {
        SOME_FAILED
    } else {
        OK
    }
}
