//! The app's credential: a client secret, or a certificate whose private key signs a
//! client assertion (learn.microsoft.com/entra/identity-platform/certificate-credentials).
//! The certificate comes as PEM (certificate and key, or the key in a file of its own)
//! or as a PFX, which is what Windows administrators export.

use std::path::Path;

use adphoto_cloud::{pem_certificates, x5t, RsaSigner};
use adphoto_core::error::Error;
use adphoto_core::secret::Secret;

pub enum Credential {
    Secret(Secret),
    Certificate {
        // Boxed: the key pair is large, the secret small.
        signer: Box<RsaSigner>,
        /// base64url SHA-1 thumbprint of the certificate (JWT `x5t`), by which Entra
        /// finds the key among the app's certificates.
        thumbprint: String,
    },
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::Secret(_) => f.write_str("Credential::Secret(***)"),
            Credential::Certificate { thumbprint, .. } => write!(f, "Credential::Certificate(x5t={thumbprint})"),
        }
    }
}

impl Credential {
    /// Loads a certificate credential. `key`: a separate PEM private key; `password`:
    /// the PFX's. Errors name the file, never its content.
    pub fn certificate(path: &Path, key: Option<&Path>, password: Option<&Secret>) -> Result<Credential, Error> {
        let data = std::fs::read(path)
            .map_err(|e| Error::options(format!("cannot read the certificate {}: {e}", path.display())))?;
        let (signer, certificate) = if looks_like_pem(&data) {
            let certs = pem_certificates(&data);
            let Some(first) = certs.into_iter().next() else {
                return Err(Error::options(format!(
                    "{} holds no PEM certificate (BEGIN CERTIFICATE)",
                    path.display()
                )));
            };
            let key_data = match key {
                Some(k) => std::fs::read(k)
                    .map_err(|e| Error::options(format!("cannot read the private key {}: {e}", k.display())))?,
                None => data.clone(),
            };
            let key_path = key.unwrap_or(path);
            let signer = RsaSigner::from_pem(&key_data)
                .map_err(|e| Error::options(format!("{}: {}", key_path.display(), e.message())))?;
            (signer, first)
        } else {
            let empty = Secret::new("");
            let password = password.unwrap_or(&empty);
            let (key_der, cert_der) =
                read_pfx(&data, password).map_err(|e| Error::options(format!("{}: {e}", path.display())))?;
            let signer = RsaSigner::from_pkcs8_der(&key_der)
                .map_err(|e| Error::options(format!("{}: {}", path.display(), e.message())))?;
            (signer, cert_der)
        };
        Ok(Credential::Certificate {
            signer: Box::new(signer),
            thumbprint: x5t(&certificate),
        })
    }
}

fn looks_like_pem(data: &[u8]) -> bool {
    data.windows(11).any(|w| w == b"-----BEGIN ")
}

/// The private key (PKCS#8 DER) and its certificate from a PKCS#12 file.
fn read_pfx(data: &[u8], password: &Secret) -> Result<(Vec<u8>, Vec<u8>), String> {
    let store = p12_keystore::KeyStore::from_pkcs12(data, password.expose(), p12_keystore::Pkcs12ImportPolicy::Relaxed)
        .map_err(|e| match e {
            p12_keystore::error::Error::MacError(_) => {
                "wrong PFX password (give it with --certificate-password-env or --certificate-password-file)"
                    .to_string()
            }
            other => format!("not a readable PFX/PKCS#12 file ({other})"),
        })?;
    let (_, chain) = store
        .private_key_chain()
        .ok_or_else(|| "the PFX holds no private key".to_string())?;
    let cert = chain
        .certs()
        .first()
        .ok_or_else(|| "the PFX holds no certificate for its key".to_string())?;
    Ok((chain.key().as_der().to_vec(), cert.as_der().to_vec()))
}
