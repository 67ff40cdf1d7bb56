//! The service account's JSON key file, as the Google Cloud console downloads it.
//!
//! Read field by field from a parsed `Value` rather than through a typed serde
//! struct: serde's messages quote the offending value, and the offending value could
//! be the private key.

use std::path::Path;

use serde_json::Value;

use super::failure::usage;
use adphoto_core::error::Error;
use adphoto_core::secret::Secret;

/// Where Google's token endpoint is when the key file names none.
pub const DEFAULT_TOKEN_URL: &str = "https://oauth2.googleapis.com/token";

#[derive(Debug, Clone)]
pub struct ServiceAccountKey {
    pub client_email: String,
    /// Names the key in the assertion's header, so Google checks the right one.
    pub private_key_id: Option<String>,
    /// PKCS#8 PEM; only the signer sees it.
    pub private_key: Secret,
    pub token_uri: String,
}

impl ServiceAccountKey {
    pub fn read(path: &Path) -> Result<ServiceAccountKey, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("cannot read the key file {}: {e}", path.display())))?;
        ServiceAccountKey::parse(&text).map_err(|e| usage(format!("{}: {}", path.display(), e.message())))
    }

    pub fn parse(text: &str) -> Result<ServiceAccountKey, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            // Only the position: the text around it may be key material.
            usage(format!(
                "not a JSON key file (invalid JSON at line {}, column {})",
                e.line(),
                e.column()
            ))
        })?;
        let text_field = |name: &str| {
            value
                .get(name)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        match text_field("type") {
            Some("service_account") => {}
            // Google's other credential types are named; anything else is not
            // repeated (it could be key material in the wrong field).
            Some(
                other @ ("authorized_user"
                | "external_account"
                | "impersonated_service_account"
                | "gdch_service_account"),
            ) => {
                return Err(usage(format!(
                    "the key file is of type '{other}'; a service account key (type service_account) is needed"
                )))
            }
            Some(_) => {
                return Err(usage(
                    "the key file's type is not service_account (its value is not shown); a service account key \
                     is needed",
                ))
            }
            None => return Err(usage("the key file has no 'type' (expected service_account)")),
        }
        let client_email = text_field("client_email")
            .ok_or_else(|| usage("the key file has no client_email"))?
            .to_string();
        let private_key = text_field("private_key")
            .filter(|k| k.contains("PRIVATE KEY"))
            .ok_or_else(|| usage("the key file has no PEM private_key"))?;
        let token_uri = text_field("token_uri").unwrap_or(DEFAULT_TOKEN_URL);
        if !(token_uri.starts_with("https://") || token_uri.starts_with("http://"))
            || token_uri.contains(char::is_whitespace)
        {
            return Err(usage("the key file's token_uri is not a URL (its value is not shown)"));
        }
        if client_email.contains(char::is_whitespace) || !client_email.contains('@') {
            return Err(usage(
                "the key file's client_email is not an address (its value is not shown)",
            ));
        }
        Ok(ServiceAccountKey {
            client_email,
            private_key_id: text_field("private_key_id").map(str::to_string),
            private_key: Secret::new(private_key),
            token_uri: token_uri.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "-----BEGIN PRIVATE KEY-----\\nMIIsecretmaterial\\n-----END PRIVATE KEY-----\\n";

    #[test]
    fn reads_what_the_console_downloads() {
        let text = format!(
            r#"{{"type":"service_account","project_id":"p","private_key_id":"abc","private_key":"{KEY}",
               "client_email":"sync@p.iam.gserviceaccount.com","client_id":"1"}}"#
        );
        let key = ServiceAccountKey::parse(&text).unwrap();
        assert_eq!(key.client_email, "sync@p.iam.gserviceaccount.com");
        assert_eq!(key.private_key_id.as_deref(), Some("abc"));
        assert_eq!(key.token_uri, DEFAULT_TOKEN_URL);
        assert!(!format!("{key:?}").contains("secretmaterial"));
    }

    #[test]
    fn errors_never_quote_the_key() {
        let wrong_type = format!(r#"{{"type":"authorized_user","private_key":"{KEY}"}}"#);
        let broken = format!(r#"{{"type":"service_account","private_key":"{KEY}" "#);
        let no_email = format!(r#"{{"type":"service_account","private_key":"{KEY}"}}"#);
        let key_as_type = format!(r#"{{"type":"{KEY}","private_key":"{KEY}"}}"#);
        let key_as_email = format!(r#"{{"type":"service_account","client_email":"{KEY}","private_key":"{KEY}"}}"#);
        let key_as_uri =
            format!(r#"{{"type":"service_account","client_email":"a@b.c","token_uri":"{KEY}","private_key":"{KEY}"}}"#);
        for text in [wrong_type, broken, no_email, key_as_type, key_as_email, key_as_uri] {
            let e = ServiceAccountKey::parse(&text).unwrap_err();
            assert!(!e.message().contains("secretmaterial"), "{}", e.message());
            assert_eq!(e.kind(), adphoto_core::error::ErrorKind::Options);
        }
    }
}
