//! RS256 JSON Web Tokens (RFC 7515/7519) for OAuth client assertions: a Microsoft
//! Entra certificate credential, a Google service account. Keys are RSA in PEM
//! (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`) or PKCS#8 DER; signing is ring's.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use adphoto_core::error::{Error, ErrorKind};

/// base64url without padding, as JWTs and thumbprints use.
pub fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An RSA private key that signs RS256 tokens. Its `Debug` shows nothing of the key.
pub struct RsaSigner {
    key: RsaKeyPair,
}

impl std::fmt::Debug for RsaSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RsaSigner(***)")
    }
}

impl RsaSigner {
    /// The first private key in PEM text. Errors never quote the key.
    pub fn from_pem(pem: &[u8]) -> Result<RsaSigner, Error> {
        let key = PrivateKeyDer::from_pem_slice(pem)
            .map_err(|_| Error::options("no PEM private key found (expected PRIVATE KEY or RSA PRIVATE KEY)"))?;
        Self::from_key_der(&key)
    }

    /// A PKCS#8 DER key (what a PFX holds).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<RsaSigner, Error> {
        RsaKeyPair::from_pkcs8(der)
            .map(|key| RsaSigner { key })
            .map_err(|e| Error::options(format!("the private key is not a usable RSA key ({e})")))
    }

    fn from_key_der(key: &PrivateKeyDer<'_>) -> Result<RsaSigner, Error> {
        let parsed = match key {
            PrivateKeyDer::Pkcs8(k) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
            PrivateKeyDer::Pkcs1(k) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
            _ => {
                return Err(Error::options(
                    "the private key is not RSA (an EC key cannot sign RS256)",
                ))
            }
        };
        parsed
            .map(|key| RsaSigner { key })
            .map_err(|e| Error::options(format!("the private key is not a usable RSA key ({e})")))
    }

    /// `header.claims.signature`, each part base64url JSON; `alg` is set to RS256 and
    /// `typ` to JWT in the header given.
    pub fn sign(&self, header: &serde_json::Value, claims: &serde_json::Value) -> Result<String, Error> {
        let mut header = header.clone();
        if let Some(h) = header.as_object_mut() {
            h.insert("alg".into(), "RS256".into());
            h.insert("typ".into(), "JWT".into());
        }
        let part = |v: &serde_json::Value| {
            serde_json::to_vec(v)
                .map(|b| base64url(&b))
                .map_err(|e| Error::new(ErrorKind::Internal, format!("cannot encode a token: {e}")))
        };
        let input = format!("{}.{}", part(&header)?, part(claims)?);
        let mut signature = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| Error::new(ErrorKind::Internal, "signing the token failed"))?;
        Ok(format!("{input}.{}", base64url(&signature)))
    }
}

/// Every certificate in PEM text, in order (DER).
pub fn pem_certificates(pem: &[u8]) -> Vec<Vec<u8>> {
    CertificateDer::pem_slice_iter(pem)
        .filter_map(Result::ok)
        .map(|c| c.as_ref().to_vec())
        .collect()
}

/// A certificate's SHA-1 thumbprint in base64url: the JWT `x5t` header.
pub fn x5t(certificate_der: &[u8]) -> String {
    base64url(ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, certificate_der).as_ref())
}

/// A certificate's SHA-256 thumbprint in base64url: the JWT `x5t#S256` header.
pub fn x5t_s256(certificate_der: &[u8]) -> String {
    base64url(ring::digest::digest(&ring::digest::SHA256, certificate_der).as_ref())
}

/// A random identifier (UUID version 4 form) for `jti`.
pub fn random_id() -> String {
    let mut b = [0u8; 16];
    if SystemRandom::new().fill(&mut b).is_err() {
        // Uniqueness, not secrecy, is what jti needs.
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        b = t.to_le_bytes();
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Seconds since 1970, for `iat`, `nbf` and `exp`.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256};

    // A throwaway 2048-bit test key generated for this test only.
    const KEY: &str = include_str!("testdata/rsa-test-key.pem");

    #[test]
    fn signs_verifiable_rs256() {
        let signer = RsaSigner::from_pem(KEY.as_bytes()).unwrap();
        let token = signer
            .sign(
                &serde_json::json!({"x5t": "abc"}),
                &serde_json::json!({"sub": "me", "exp": 1}),
            )
            .unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["x5t"], "abc");
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        let public = signer.key.public().as_ref().to_vec();
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, public)
            .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
            .unwrap();
        assert_eq!(format!("{signer:?}"), "RsaSigner(***)");
    }

    #[test]
    fn bad_keys_are_clear_errors_without_the_key() {
        let e = RsaSigner::from_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").unwrap_err();
        assert!(e.message().contains("RSA"), "{e}");
        assert!(RsaSigner::from_pem(b"nothing").is_err());
    }

    #[test]
    fn thumbprints_and_ids() {
        assert_eq!(x5t(b"abc"), "qZk-NkcGgWq6PiVxeFDCbJzQ2J0");
        assert_eq!(x5t_s256(b"abc").len(), 43);
        let id = random_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_ne!(random_id(), id);
    }
}
