//! Test service accounts: a fresh RSA key pair and the JSON key file Google would let
//! you download, with `token_uri` pointing at this fake.

use serde_json::{json, Value};

use super::config::ServiceAccountCredential;
use crate::common::ids::random_bytes;
use crate::common::keys;

/// The key file (give it to the client) and the credential (give it to the fake).
pub fn generate(
    token_uri: &str,
    client_email: Option<&str>,
    project_id: Option<&str>,
) -> Result<(Value, ServiceAccountCredential), String> {
    let project = project_id.unwrap_or("adphoto-fake");
    let email = client_email
        .map(str::to_string)
        .unwrap_or_else(|| format!("adphoto-sync@{project}.iam.gserviceaccount.com"));
    let key = keys::generate_rsa_key(keys::DEFAULT_BITS)?;
    let key_id: String = random_bytes(20).iter().map(|b| format!("{b:02x}")).collect();
    let client_id: String = random_bytes(20).iter().map(|b| char::from(b'0' + b % 10)).collect();
    let client_id = format!("1{client_id}");
    let file = json!({
        "type": "service_account",
        "project_id": project,
        "private_key_id": key_id,
        "private_key": keys::private_key_pem(&key),
        "client_email": email,
        "client_id": client_id,
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": format!("https://www.googleapis.com/robot/v1/metadata/x509/{}", email.replace('@', "%40")),
        "universe_domain": "googleapis.com",
    });
    let credential = ServiceAccountCredential {
        client_email: email,
        private_key_id: Some(key_id),
        public_key_pem: keys::public_key_pem(&key.to_public_key()),
    };
    Ok((file, credential))
}

/// The credential for an existing key file (its public half, derived from the private key).
pub fn credential_from_key_file(file: &Value) -> Result<ServiceAccountCredential, String> {
    let email = file["client_email"].as_str().ok_or("key file has no client_email")?;
    let pem = file["private_key"].as_str().ok_or("key file has no private_key")?;
    let key = keys::parse_private_key(pem)?;
    Ok(ServiceAccountCredential {
        client_email: email.to_string(),
        private_key_id: file["private_key_id"].as_str().map(str::to_string),
        public_key_pem: keys::public_key_pem(&key.to_public_key()),
    })
}
