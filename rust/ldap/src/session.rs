//! Opening an authenticated connection: TLS as the endpoint says, then a simple bind
//! with a password or a Kerberos bind with the caller's ticket.

use std::sync::Arc;
use std::time::Duration;

use ldap3::{Ldap, LdapConnAsync, LdapConnSettings};
use rustls::ClientConfig;

use super::endpoint::{Endpoint, Protection};
use super::failure;
use adphoto_core::error::Error;
use adphoto_core::secret::Secret;

/// The longest a connection may take to open, whatever the timeout for answers.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything needed to open one more connection like the first.
pub struct Session {
    pub endpoint: Endpoint,
    tls: Arc<ClientConfig>,
    bind: Option<String>,
    password: Option<Secret>,
    pub timeout: Duration,
}

impl Session {
    pub fn new(
        endpoint: Endpoint,
        tls: Arc<ClientConfig>,
        bind: Option<String>,
        password: Option<Secret>,
        timeout: Duration,
    ) -> Result<Session, Error> {
        if bind.is_some() && password.as_ref().is_none_or(Secret::is_empty) {
            // An empty password turns a simple bind into an anonymous one (RFC 4513).
            return Err(failure::usage("a password is needed to sign in with --bind"));
        }
        if bind.is_none() && !cfg!(feature = "kerberos") {
            return Err(failure::usage(
                "this build has no Kerberos support: sign in with --bind and a password",
            ));
        }
        Ok(Session {
            endpoint,
            tls,
            bind,
            password,
            timeout,
        })
    }

    /// How long connecting (TCP, TLS, StartTLS) may take: a reachable server needs well
    /// under a second, so an unreachable one is reported after 10 s rather than after
    /// the minute a slow answer may take, and never later than the caller's timeout.
    fn connect_timeout(&self) -> Duration {
        CONNECT_TIMEOUT.min(self.timeout)
    }

    /// Connects and signs in.
    pub async fn open(&self) -> Result<Ldap, Error> {
        let mut settings = LdapConnSettings::new().set_conn_timeout(self.connect_timeout());
        if self.endpoint.protection != Protection::None {
            settings = settings.set_config(self.tls.clone());
        }
        if self.endpoint.protection == Protection::StartTls {
            settings = settings.set_starttls(true);
        }
        let (conn, mut ldap) = LdapConnAsync::with_settings(settings, &self.endpoint.url)
            .await
            .map_err(|e| failure::from_ldap(e, &format!("connect to {}", self.endpoint.url)))?;
        ldap3::drive!(conn);
        let bound = match (&self.bind, &self.password) {
            (Some(who), Some(password)) => tokio::time::timeout(self.timeout, ldap.simple_bind(who, password.expose()))
                .await
                .map_err(|_| failure::unavailable("bind: the server did not answer in time"))?
                .and_then(|r| r.success()),
            _ => self.kerberos_bind(&mut ldap).await?,
        };
        bound.map_err(|e| failure::from_ldap(e, "sign in"))?;
        Ok(ldap)
    }

    #[cfg(feature = "kerberos")]
    async fn kerberos_bind(&self, ldap: &mut Ldap) -> Result<ldap3::result::Result<ldap3::LdapResult>, Error> {
        let host = &self.endpoint.host;
        if host.parse::<std::net::IpAddr>().is_ok() {
            return Err(failure::usage(
                "Kerberos needs the server's DNS name (its service principal is ldap/<name>), not an IP address",
            ));
        }
        let result = tokio::time::timeout(self.timeout, ldap.sasl_gssapi_bind(host))
            .await
            .map_err(|_| failure::unavailable("Kerberos bind: the server did not answer in time"))?;
        Ok(result.and_then(|r| r.success()).map_err(|e| match e {
            ldap3::LdapError::GssapiOperationError(detail) => ldap3::LdapError::GssapiOperationError(format!(
                "{detail} (is there a Kerberos ticket? run kinit, or sign in with --bind)"
            )),
            other => other,
        }))
    }

    #[cfg(not(feature = "kerberos"))]
    async fn kerberos_bind(&self, _ldap: &mut Ldap) -> Result<ldap3::result::Result<ldap3::LdapResult>, Error> {
        Err(failure::usage(
            "this build has no Kerberos support: sign in with --bind and a password",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(timeout_secs: u64) -> Session {
        let endpoint = crate::endpoint::endpoint("ldaps://dc1.example.org", false, false).unwrap();
        let tls = crate::tls::client_config(None).unwrap();
        Session::new(
            endpoint,
            tls,
            Some("cn=admin".into()),
            Some(Secret::new("pw")),
            Duration::from_secs(timeout_secs),
        )
        .unwrap()
    }

    #[test]
    fn connecting_waits_ten_seconds_at_most_and_never_longer_than_the_timeout() {
        assert_eq!(session(60).connect_timeout(), Duration::from_secs(10));
        assert_eq!(session(3).connect_timeout(), Duration::from_secs(3));
        assert_eq!(session(1).connect_timeout(), Duration::from_secs(1));
    }
}
