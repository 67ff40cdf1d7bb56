//! The TLS trust used for LDAPS and StartTLS: the system's roots, or exactly the CA the
//! administrator names. Verification is never switched off.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use super::failure;
use adphoto_core::error::Error;

pub fn client_config(ca_cert: Option<&Path>) -> Result<Arc<ClientConfig>, Error> {
    let mut roots = RootCertStore::empty();
    match ca_cert {
        Some(path) => {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .map_err(|e| failure::usage(format!("cannot read the CA certificate {}: {e}", path.display())))?
                .collect::<Result<_, _>>()
                .map_err(|e| failure::usage(format!("{} is not a PEM certificate: {e}", path.display())))?;
            if certs.is_empty() {
                return Err(failure::usage(format!("{} holds no PEM certificate", path.display())));
            }
            for cert in certs {
                roots
                    .add(cert)
                    .map_err(|e| failure::usage(format!("{}: unusable CA certificate: {e}", path.display())))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                let _ = roots.add(cert); // one odd system certificate must not block the rest
            }
            if roots.is_empty() {
                return Err(failure::usage(
                    "no trusted CA certificates found on this system; give the directory's CA with --ca-cert",
                ));
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| failure::usage(format!("TLS set-up failed: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
