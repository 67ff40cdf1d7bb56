//! Which server, on which port, and how the connection is protected. Encryption is the
//! default; sending a password in the clear must be asked for by name.

use super::failure;
use adphoto_core::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// TLS from the first byte (port 636).
    Ldaps,
    /// Plain connection upgraded by the StartTLS extended operation (port 389).
    StartTls,
    /// No encryption at all: only with --insecure.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub url: String,
    pub host: String,
    pub protection: Protection,
}

/// `dc1.example.edu` → `ldaps://dc1.example.edu:636`; `ldap://…` needs `starttls`
/// or `insecure`.
/// Why a server written with `user@` or `user:password@` before the host is refused.
pub const CREDENTIALS_REFUSED: &str = "an LDAP address cannot name an account or hold a password (user@ before the host): \
                                       give the account with --bind, and its password with --password-env or --password-file";

/// `user:password@host` is how URLs carry credentials, so what stands before an `@` in
/// the host part may be a password: such a server is refused, and nothing that shows
/// an address (an error, a report, a plan) may repeat it.
pub fn holds_credentials(server: &str) -> bool {
    let rest = server.trim().split_once("://").map_or(server, |(_, r)| r);
    rest.split('/').next().unwrap_or_default().contains('@')
}

pub fn endpoint(server: &str, starttls: bool, insecure: bool) -> Result<Endpoint, Error> {
    let server = server.trim();
    let bad = |m: String| Err(failure::usage(m));
    if server.is_empty() {
        return bad("no server given".into());
    }
    let (scheme, rest) = match server.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => (
            if starttls || insecure {
                "ldap".into()
            } else {
                "ldaps".into()
            },
            server,
        ),
    };
    if holds_credentials(server) {
        return bad(CREDENTIALS_REFUSED.into());
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        return bad(format!("'{server}' names no host"));
    }
    let (host, port) = split_host_port(authority);
    let protection = match scheme.as_str() {
        "ldaps" if starttls => return bad("--starttls applies to ldap://, not ldaps://".into()),
        "ldaps" => Protection::Ldaps,
        "ldap" if starttls => Protection::StartTls,
        "ldap" if insecure => Protection::None,
        "ldap" => {
            return bad(format!(
                "ldap://{authority} would send the password unencrypted; use ldaps://, add --starttls, \
                 or add --insecure if this really is what you want"
            ))
        }
        other => return bad(format!("unknown scheme '{other}://' (expected ldaps:// or ldap://)")),
    };
    let default_port = if protection == Protection::Ldaps { 636 } else { 389 };
    let scheme = if protection == Protection::Ldaps {
        "ldaps"
    } else {
        "ldap"
    };
    let port = port.unwrap_or(default_port);
    let host_in_url = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.clone()
    };
    Ok(Endpoint {
        url: format!("{scheme}://{host_in_url}:{port}"),
        host,
        protection,
    })
}

fn split_host_port(authority: &str) -> (String, Option<u16>) {
    if let Some(rest) = authority.strip_prefix('[') {
        // [::1]:636
        if let Some((h, p)) = rest.split_once(']') {
            return (h.to_string(), p.strip_prefix(':').and_then(|p| p.parse().ok()));
        }
    }
    match authority.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h.to_string(), p.parse().ok()),
        _ => (authority.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_the_address_are_refused_without_repeating_them() {
        assert!(
            !holds_credentials("ldaps://dc1/cn=a@b"),
            "an '@' after the host is not the host's"
        );
        for server in ["ldaps://admin:Tr0ub4dor@dc1", "admin:Tr0ub4dor@dc1:636", "ldap://a@b/"] {
            assert!(holds_credentials(server), "{server}");
            let e = endpoint(server, false, true).unwrap_err();
            assert!(
                !e.message().contains("Tr0ub4dor") && !e.message().contains("a@b"),
                "{}",
                e.message()
            );
            assert!(e.message().contains("--bind"), "{}", e.message());
        }
    }

    #[test]
    fn encrypted_unless_told_otherwise() {
        let e = endpoint("dc1.example.edu", false, false).unwrap();
        assert_eq!(
            (e.url.as_str(), e.protection),
            ("ldaps://dc1.example.edu:636", Protection::Ldaps)
        );
        let e = endpoint("dc1.example.edu", true, false).unwrap();
        assert_eq!(
            (e.url.as_str(), e.protection),
            ("ldap://dc1.example.edu:389", Protection::StartTls)
        );
        let e = endpoint("ldap://127.0.0.1:3890", false, true).unwrap();
        assert_eq!(
            (e.url.as_str(), e.protection),
            ("ldap://127.0.0.1:3890", Protection::None)
        );
        assert_eq!(
            endpoint("LDAPS://[::1]:6360/", false, false).unwrap().url,
            "ldaps://[::1]:6360"
        );
        let refused = endpoint("ldap://dc1", false, false).unwrap_err();
        assert!(refused.message().contains("unencrypted"), "{}", refused.message());
        assert!(endpoint("http://dc1", false, false).is_err());
        assert!(endpoint("ldaps://dc1", true, false).is_err());
        assert!(endpoint("", false, false).is_err());
    }
}
