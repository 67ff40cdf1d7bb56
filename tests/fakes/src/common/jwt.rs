//! Compact JWS parsing, verification and signing for RS256 and PS256, the algorithms
//! Entra documents for client assertions and Google requires for service accounts.

use base64::Engine;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::Value;

const B64URL: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Why a token was refused; services map these onto their own error wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwtError {
    Malformed(String),
    UnsupportedAlgorithm(String),
    BadSignature,
}

impl std::fmt::Display for JwtError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JwtError::Malformed(why) => write!(f, "malformed JWT: {why}"),
            JwtError::UnsupportedAlgorithm(alg) => write!(f, "unsupported JWT alg '{alg}'"),
            JwtError::BadSignature => write!(f, "JWT signature does not verify"),
        }
    }
}

/// A decoded but not yet verified token.
#[derive(Debug, Clone)]
pub struct Jwt {
    pub header: Value,
    pub claims: Value,
    signing_input: String,
    signature: Vec<u8>,
}

/// Decode base64url, tolerating the `=` padding some encoders add.
fn b64url_decode(part: &str) -> Result<Vec<u8>, JwtError> {
    B64URL
        .decode(part.trim_end_matches('='))
        .map_err(|e| JwtError::Malformed(format!("bad base64url: {e}")))
}

impl Jwt {
    pub fn parse(token: &str) -> Result<Jwt, JwtError> {
        let mut parts = token.split('.');
        let (Some(h), Some(c), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(JwtError::Malformed("expected three dot-separated parts".into()));
        };
        let header: Value = serde_json::from_slice(&b64url_decode(h)?)
            .map_err(|e| JwtError::Malformed(format!("header is not JSON: {e}")))?;
        let claims: Value = serde_json::from_slice(&b64url_decode(c)?)
            .map_err(|e| JwtError::Malformed(format!("claims are not JSON: {e}")))?;
        if !header.is_object() || !claims.is_object() {
            return Err(JwtError::Malformed("header and claims must be JSON objects".into()));
        }
        Ok(Jwt {
            header,
            claims,
            signing_input: format!("{h}.{c}"),
            signature: b64url_decode(s)?,
        })
    }

    pub fn alg(&self) -> &str {
        self.header.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }

    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    /// Numeric date claims; some encoders write them as floats.
    pub fn claim_time(&self, name: &str) -> Option<i64> {
        let v = self.claims.get(name)?;
        v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))
    }

    /// Check the signature with `key` under the header's algorithm.
    pub fn verify(&self, key: &RsaPublicKey) -> Result<(), JwtError> {
        let msg = self.signing_input.as_bytes();
        match self.alg() {
            "RS256" => {
                let sig = rsa::pkcs1v15::Signature::try_from(self.signature.as_slice())
                    .map_err(|_| JwtError::BadSignature)?;
                rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key.clone())
                    .verify(msg, &sig)
                    .map_err(|_| JwtError::BadSignature)
            }
            "PS256" => {
                let sig =
                    rsa::pss::Signature::try_from(self.signature.as_slice()).map_err(|_| JwtError::BadSignature)?;
                rsa::pss::VerifyingKey::<sha2::Sha256>::new(key.clone())
                    .verify(msg, &sig)
                    .map_err(|_| JwtError::BadSignature)
            }
            other => Err(JwtError::UnsupportedAlgorithm(other.to_string())),
        }
    }
}

/// Sign `claims` with RS256; `extra_header` fields (kid, x5t, …) are merged into the
/// header. Used by tests to play the client's part.
pub fn sign_rs256(claims: &Value, extra_header: &Value, key: &RsaPrivateKey) -> String {
    let input = signing_input("RS256", claims, extra_header);
    let sig = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone()).sign(input.as_bytes());
    format!("{input}.{}", B64URL.encode(sig.to_bytes()))
}

/// Sign `claims` with PS256 (RSASSA-PSS, SHA-256, salt length 32).
pub fn sign_ps256(claims: &Value, extra_header: &Value, key: &RsaPrivateKey) -> String {
    let input = signing_input("PS256", claims, extra_header);
    let sig = rsa::pss::SigningKey::<sha2::Sha256>::new(key.clone())
        .sign_with_rng(&mut rsa::rand_core::OsRng, input.as_bytes());
    format!("{input}.{}", B64URL.encode(sig.to_bytes()))
}

fn signing_input(alg: &str, claims: &Value, extra_header: &Value) -> String {
    let mut header = serde_json::json!({"alg": alg, "typ": "JWT"});
    if let (Some(h), Some(extra)) = (header.as_object_mut(), extra_header.as_object()) {
        for (k, v) in extra {
            h.insert(k.clone(), v.clone());
        }
    }
    format!(
        "{}.{}",
        B64URL.encode(serde_json::to_vec(&header).expect("JSON")),
        B64URL.encode(serde_json::to_vec(claims).expect("JSON"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_and_detects_tampering() {
        let key = crate::common::keys::generate_rsa_key(1024).unwrap();
        let other = crate::common::keys::generate_rsa_key(1024).unwrap();
        for token in [
            sign_rs256(&json!({"iss": "a"}), &json!({"kid": "k"}), &key),
            sign_ps256(&json!({"iss": "a"}), &json!({}), &key),
        ] {
            let jwt = Jwt::parse(&token).unwrap();
            assert_eq!(jwt.claim_str("iss"), Some("a"));
            jwt.verify(&key.to_public_key()).unwrap();
            assert_eq!(jwt.verify(&other.to_public_key()), Err(JwtError::BadSignature));
        }
        assert!(matches!(Jwt::parse("a.b"), Err(JwtError::Malformed(_))));
    }
}
