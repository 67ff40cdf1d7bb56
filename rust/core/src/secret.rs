//! Passwords and client secrets: read from an environment variable, a file or a
//! prompt (never from the command line), never printed, wiped from memory when dropped.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use thiserror::Error;

pub struct Secret(String);

#[derive(Debug, Error)]
#[error("{0}")]
pub struct SecretError(pub String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn from_env(variable: &str) -> Result<Secret, SecretError> {
        match std::env::var(variable) {
            Ok(v) if !v.is_empty() => Ok(Secret(v)),
            Ok(_) => Err(SecretError(format!("the environment variable {variable} is empty"))),
            Err(_) => Err(SecretError(format!("the environment variable {variable} is not set"))),
        }
    }

    /// The first line of a file (a trailing newline is not part of the secret).
    pub fn from_file(path: &Path) -> Result<Secret, SecretError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SecretError(format!("cannot read the password file {}: {e}", path.display())))?;
        let line = text.lines().next().unwrap_or_default().trim_end_matches('\r');
        if line.is_empty() {
            return Err(SecretError(format!("the password file {} is empty", path.display())));
        }
        Ok(Secret(line.to_string()))
    }

    /// Asks on the terminal without echoing.
    pub fn prompt(label: &str) -> Result<Secret, SecretError> {
        let value = rpassword::prompt_password(label)
            .map_err(|e| SecretError(format!("cannot read a password from the terminal: {e}")))?;
        if value.is_empty() {
            return Err(SecretError("no password entered".into()));
        }
        Ok(Secret(value))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Clone for Secret {
    fn clone(&self) -> Self {
        Secret(self.0.clone())
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Secret {}

impl Drop for Secret {
    fn drop(&mut self) {
        // Safety: zero bytes are valid UTF-8; the string is dropped right after.
        unsafe { self.0.as_bytes_mut() }.fill(0);
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_itself() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn files_give_their_first_line() {
        let path = std::env::temp_dir().join(format!("adphoto-secret-{}", std::process::id()));
        std::fs::write(&path, "p4ss word\r\nignored\n").unwrap();
        assert_eq!(Secret::from_file(&path).unwrap().expose(), "p4ss word");
        std::fs::write(&path, "\n").unwrap();
        assert!(Secret::from_file(&path).is_err());
        std::fs::remove_file(&path).unwrap();
        let e = Secret::from_env("ADPHOTO_SURELY_UNSET_VARIABLE").unwrap_err();
        assert!(e.0.contains("ADPHOTO_SURELY_UNSET_VARIABLE"));
    }
}
