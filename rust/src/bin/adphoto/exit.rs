//! Exit codes shared by every subcommand.

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
