//! Passwords and client secrets: read from an environment variable, a file or a
//! prompt (never from the command line), never printed, wiped from memory when dropped.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use thiserror::Error;

pub struct Secret(String);

/// The most a secret file may hold: a password or client secret is a line.
pub const MAX_FILE_BYTES: u64 = 64 << 10;

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

    /// The secret in the environment variable `variable`. The name is not repeated in
    /// errors: a person who gave the secret itself where its variable's name belongs
    /// (`--password-env hunter2`) must not see it printed, or logged by a scheduler.
    pub fn from_env(variable: &str) -> Result<Secret, SecretError> {
        match std::env::var(variable) {
            Ok(v) if !v.is_empty() => Ok(Secret(v)),
            Ok(_) => Err(SecretError(
                "the environment variable given for the secret is empty".into(),
            )),
            Err(_) => Err(SecretError(
                "no environment variable of the name given is set (give the name of a variable that holds the \
                 secret, never the secret itself; the name is not repeated here in case it was)"
                    .into(),
            )),
        }
    }

    /// The first line of a file (a trailing newline is not part of the secret). A path
    /// that does not exist is not repeated in errors, for the same reason as above; a
    /// pipe (`<(pass show ...)`) works, and at most `MAX_FILE_BYTES` are read.
    pub fn from_file(path: &Path) -> Result<Secret, SecretError> {
        let file = std::fs::File::open(path).map_err(|e| {
            SecretError(if e.kind() == std::io::ErrorKind::NotFound {
                "the file given for the secret does not exist (give the path of a file that holds it, never the \
                 secret itself; the path is not repeated here in case it was)"
                    .to_string()
            } else {
                format!("cannot read the secret file {}: {e}", path.display())
            })
        })?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| SecretError(format!("cannot read the secret file {}: {e}", path.display())))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(SecretError(format!(
                "{} is larger than a secret file can be ({MAX_FILE_BYTES} bytes)",
                path.display()
            )));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| SecretError(format!("the secret file {} is not UTF-8 text", path.display())))?;
        let line = text.lines().next().unwrap_or_default().trim_end_matches('\r');
        if line.is_empty() {
            return Err(SecretError(format!("the secret file {} is empty", path.display())));
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

/// Only a JSON string is a secret; anything else is refused without its value (serde's
/// own messages quote the value they found, which here could be the secret).
impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SecretVisitor)
    }
}

struct SecretVisitor;

impl SecretVisitor {
    fn refuse<E: serde::de::Error>(found: &str) -> Result<Secret, E> {
        Err(E::custom(format!(
            "a secret must be a string, not {found} (the value is not shown)"
        )))
    }
}

impl<'de> serde::de::Visitor<'de> for SecretVisitor {
    type Value = Secret;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Secret, E> {
        Ok(Secret(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Secret, E> {
        Ok(Secret(v))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Secret, E> {
        Self::refuse("a boolean")
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Secret, E> {
        Self::refuse("a number")
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Secret, E> {
        Self::refuse("a number")
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<Secret, E> {
        Self::refuse("a number")
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<Secret, E> {
        Self::refuse("a number")
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Secret, E> {
        Self::refuse("a number")
    }
    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Secret, E> {
        Self::refuse("bytes")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Secret, E> {
        Self::refuse("null")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Secret, E> {
        Self::refuse("null")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Self::refuse("a list")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Self::refuse("an object")
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
    }

    #[test]
    fn errors_never_repeat_what_may_be_the_secret() {
        let e = Secret::from_env("Hunter2-Pass").unwrap_err();
        assert!(!e.0.contains("Hunter2"), "{}", e.0);
        let e = Secret::from_file(Path::new("Hunter2-Pass")).unwrap_err();
        assert!(!e.0.contains("Hunter2"), "{}", e.0);
        for json in [
            r#"31337"#,
            r#"["Hunter2"]"#,
            r#"{"v":"Hunter2"}"#,
            "true",
            "null",
            "2.5",
        ] {
            let e = serde_json::from_str::<Secret>(json).unwrap_err().to_string();
            assert!(
                !e.contains("Hunter2") && !e.contains("31337") && !e.contains("2.5"),
                "{e}"
            );
        }
        assert_eq!(
            serde_json::from_str::<Secret>(r#""Hunter2""#).unwrap().expose(),
            "Hunter2"
        );
        assert!(serde_json::from_str::<Option<Secret>>("null").unwrap().is_none());
    }
}
