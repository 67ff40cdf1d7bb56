//! One finding of a check, printed as `path:line:col: message`.

use std::fmt;

/// Errors fail the run; warnings are printed but leave the exit code alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(path: &str, line: usize, col: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_string(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: &str, line: usize, col: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_string(),
            line,
            col,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// A problem about a whole file (one that is missing, say): reported at 1:1.
    pub fn file(path: &str, message: impl Into<String>) -> Problem {
        Problem::error(path, 1, 1, message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.col)?;
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        write!(f, "{}", self.message)
    }
}
