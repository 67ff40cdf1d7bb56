//! RSA keys and certificates: generating test credentials, reading the PEM forms the
//! real services accept, and computing the certificate thumbprints Entra matches on.

use base64::Engine;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};
use x509_cert::der::{Decode, DecodePem, Encode, EncodePem};

/// Key size for generated credentials: the smallest both services accept.
pub const DEFAULT_BITS: usize = 2048;

pub fn generate_rsa_key(bits: usize) -> Result<RsaPrivateKey, String> {
    RsaPrivateKey::new(&mut rsa::rand_core::OsRng, bits).map_err(|e| e.to_string())
}

/// PKCS#8 `-----BEGIN PRIVATE KEY-----`, the form Google's JSON key files carry.
pub fn private_key_pem(key: &RsaPrivateKey) -> String {
    key.to_pkcs8_pem(LineEnding::LF)
        .expect("RSA keys always encode")
        .to_string()
}

/// SubjectPublicKeyInfo `-----BEGIN PUBLIC KEY-----`.
pub fn public_key_pem(key: &RsaPublicKey) -> String {
    key.to_public_key_pem(LineEnding::LF).expect("RSA keys always encode")
}

/// Private key from PKCS#8 or PKCS#1 PEM.
pub fn parse_private_key(pem: &str) -> Result<RsaPrivateKey, String> {
    RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|e| format!("not an RSA private key in PKCS#8 or PKCS#1 PEM: {e}"))
}

/// Public key from SPKI or PKCS#1 PEM, or the key inside an X.509 certificate PEM.
pub fn parse_public_key(pem: &str) -> Result<RsaPublicKey, String> {
    if pem.contains("BEGIN CERTIFICATE") {
        return parse_certificate(pem).map(|c| c.public_key);
    }
    RsaPublicKey::from_public_key_pem(pem)
        .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
        .map_err(|e| format!("not an RSA public key in SPKI or PKCS#1 PEM: {e}"))
}

/// A parsed certificate: its key and the two thumbprints a JWT header may name it by.
#[derive(Debug, Clone)]
pub struct CertificateInfo {
    pub public_key: RsaPublicKey,
    /// base64url SHA-1 of the DER certificate (`x5t`).
    pub x5t: String,
    /// base64url SHA-256 of the DER certificate (`x5t#S256`).
    pub x5t_s256: String,
}

pub fn parse_certificate(pem: &str) -> Result<CertificateInfo, String> {
    let cert = x509_cert::Certificate::from_pem(pem.trim().as_bytes())
        .map_err(|e| format!("not an X.509 certificate PEM: {e}"))?;
    let der = cert.to_der().map_err(|e| e.to_string())?;
    let spki_der = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| e.to_string())?;
    let public_key =
        RsaPublicKey::from_public_key_der(&spki_der).map_err(|e| format!("certificate key is not RSA: {e}"))?;
    Ok(CertificateInfo {
        public_key,
        x5t: thumbprint_sha1(&der),
        x5t_s256: thumbprint_sha256(&der),
    })
}

fn thumbprint_sha1(der: &[u8]) -> String {
    use sha1::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha1::Sha1::digest(der))
}

fn thumbprint_sha256(der: &[u8]) -> String {
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(der))
}

/// A self-signed certificate for `key`, valid for a year, as an app registration
/// would hold. Tests give the PEM to the fake and the key to the client.
pub fn self_signed_certificate(key: &RsaPrivateKey, common_name: &str) -> Result<String, String> {
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::Validity;

    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let spki_der = key.to_public_key().to_public_key_der().map_err(|e| e.to_string())?;
    let spki = SubjectPublicKeyInfoOwned::from_der(spki_der.as_bytes()).map_err(|e| e.to_string())?;
    let cn = common_name.replace([',', '=', '+'], " ");
    let subject = Name::from_str(&format!("CN={cn}")).map_err(|e| e.to_string())?;
    let serial = SerialNumber::new(&crate::common::ids::random_bytes(8)[..]).map_err(|e| e.to_string())?;
    // Start a minute back so clients with slightly skewed clocks accept it.
    let mut validity = Validity::from_now(std::time::Duration::from_secs(366 * 86_400)).map_err(|e| e.to_string())?;
    let back = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    validity.not_before = x509_cert::time::Time::try_from(back).map_err(|e| e.to_string())?;
    let builder =
        CertificateBuilder::new(Profile::Root, serial, validity, subject, spki, &signer).map_err(|e| e.to_string())?;
    let cert = builder.build::<rsa::pkcs1v15::Signature>().map_err(|e| e.to_string())?;
    cert.to_pem(x509_cert::der::pem::LineEnding::LF)
        .map_err(|e| e.to_string())
}
