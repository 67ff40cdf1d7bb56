//! Signing in to Entra ID with the OAuth 2.0 client credentials grant
//! (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
//! a client secret, or a client assertion signed with the app's certificate.

use serde_json::json;

use super::credential::Credential;
use adphoto_cloud::{
    random_id, request_token, unix_now, AccessToken, HttpClient, HttpRequest, Method, RetryPolicy, TokenSource,
};
use adphoto_core::error::{Error, ErrorKind};

/// How long a client assertion is valid: short, as recommended, but with room for a
/// slow token endpoint.
const ASSERTION_SECS: u64 = 600;

pub struct EntraSignIn {
    pub http: HttpClient,
    /// `{login}/{tenant}/oauth2/v2.0/token`
    pub token_url: String,
    pub client_id: String,
    /// `{graph}/.default`: every application permission the app was granted.
    pub scope: String,
    pub credential: Credential,
    pub policy: RetryPolicy,
}

impl EntraSignIn {
    /// The signed client assertion (RFC 7523): issued by and about the app, for the
    /// token endpoint, with the certificate's thumbprint so Entra finds the key.
    fn assertion(&self) -> Result<Option<String>, Error> {
        let Credential::Certificate { signer, thumbprint } = &self.credential else {
            return Ok(None);
        };
        let now = unix_now();
        let claims = json!({
            "aud": self.token_url,
            "iss": self.client_id,
            "sub": self.client_id,
            "jti": random_id(),
            "nbf": now,
            "iat": now,
            "exp": now + ASSERTION_SECS,
        });
        signer.sign(&json!({ "x5t": thumbprint }), &claims).map(Some)
    }
}

impl TokenSource for EntraSignIn {
    fn fetch(&self) -> Result<AccessToken, Error> {
        let assertion = self.assertion()?;
        let mut fields = vec![
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("scope", self.scope.as_str()),
        ];
        match (&self.credential, &assertion) {
            (Credential::Secret(s), _) => fields.push(("client_secret", s.expose())),
            (_, Some(a)) => {
                fields.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ));
                fields.push(("client_assertion", a.as_str()));
            }
            _ => return Err(Error::new(ErrorKind::Internal, "no credential to sign in with")),
        }
        let request = HttpRequest::new(Method::Post, &self.token_url).form(&fields);
        request_token(&self.http, &request, &self.policy)
    }
}
