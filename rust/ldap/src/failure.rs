//! LDAP failures in an administrator's words, with the protocol's result code kept.

use ldap3::LdapError;

use adphoto_core::error::{Error, ErrorKind};

/// A request ADPhoto refuses before sending anything (a bad URL, options that do not
/// go together).
pub fn usage(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Options, message)
}

/// The server cannot be reached or stopped answering: worth trying again.
pub fn unavailable(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Unavailable, message)
}

/// Describes a failed operation; `what` says what was attempted ("bind", "write
/// thumbnailPhoto").
pub fn from_ldap(e: LdapError, what: &str) -> Error {
    match e {
        LdapError::LdapResult { result } => from_result(result.rc, &result.text, what),
        LdapError::Timeout { .. } => unavailable(format!("{what}: the server did not answer in time")),
        LdapError::Rustls { source } => tls_failure(&source.to_string()),
        LdapError::Io { source } => {
            let text = source.to_string();
            if is_tls_problem(&text) {
                tls_failure(&text)
            } else {
                unavailable(format!("{what}: connection failed: {text}"))
            }
        }
        LdapError::FilterParsing => Error::new(ErrorKind::Filter, "the LDAP filter is not valid (RFC 4515)"),
        LdapError::EndOfStream | LdapError::OpSend { .. } | LdapError::ResultRecv { .. } => {
            unavailable(format!("{what}: the connection was lost"))
        }
        other => Error::new(ErrorKind::Ldap, format!("{what}: {other}")),
    }
}

fn is_tls_problem(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("certificate") || t.contains("handshake") || t.contains("tls")
}

fn tls_failure(detail: &str) -> Error {
    Error::new(
        ErrorKind::Tls,
        format!(
            "the server's certificate is not trusted ({detail}); give its CA with --ca-cert, or check the server name"
        ),
    )
}

/// The standard name of an LDAP result code (RFC 4511).
pub fn code_name(rc: u32) -> &'static str {
    match rc {
        0 => "success",
        1 => "operationsError",
        2 => "protocolError",
        3 => "timeLimitExceeded",
        4 => "sizeLimitExceeded",
        7 => "authMethodNotSupported",
        8 => "strongerAuthRequired",
        10 => "referral",
        11 => "adminLimitExceeded",
        13 => "confidentialityRequired",
        16 => "noSuchAttribute",
        17 => "undefinedAttributeType",
        19 => "constraintViolation",
        20 => "attributeOrValueExists",
        21 => "invalidAttributeSyntax",
        32 => "noSuchObject",
        34 => "invalidDNSyntax",
        48 => "inappropriateAuthentication",
        49 => "invalidCredentials",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        54 => "loopDetect",
        64 => "namingViolation",
        65 => "objectClassViolation",
        80 => "other",
        _ => "unknown",
    }
}

/// Active Directory puts a sub-code in bind errors ("data 52e"); say what it means.
fn ad_bind_detail(text: &str) -> Option<&'static str> {
    let code = text.split("data ").nth(1)?.get(..3)?;
    Some(match code {
        "525" => "no such user",
        "52e" => "wrong user name or password",
        "530" => "not permitted to log on at this time",
        "531" => "not permitted to log on from this workstation",
        "532" => "password expired",
        "533" => "account disabled",
        "701" => "account expired",
        "773" => "the user must change the password first",
        "775" => "account locked out",
        _ => return None,
    })
}

fn from_result(rc: u32, text: &str, what: &str) -> Error {
    let text = text.trim().trim_end_matches('\0');
    let server_says = if text.is_empty() {
        String::new()
    } else {
        format!(": {text}")
    };
    let tag = format!("(LDAP {rc} {}{server_says})", code_name(rc));
    let (kind, transient, human) = match rc {
        49 => (
            ErrorKind::Auth,
            false,
            ad_bind_detail(text)
                .unwrap_or("wrong user name or password")
                .to_string(),
        ),
        8 | 13 => (
            ErrorKind::Auth,
            false,
            "the server requires an encrypted connection: use ldaps:// or --starttls".to_string(),
        ),
        48 | 7 => (
            ErrorKind::Auth,
            false,
            "the server refused this way of signing in".to_string(),
        ),
        50 => (
            ErrorKind::AccessDenied,
            false,
            format!("{what}: not allowed for this account"),
        ),
        1 if text.contains("without authentication") => (
            ErrorKind::Auth,
            false,
            format!("{what}: not allowed without signing in"),
        ),
        19 | 21 => (
            ErrorKind::TooLarge,
            false,
            format!("{what}: refused by the directory (value too large or invalid)"),
        ),
        32 => (
            ErrorKind::NoSuchObject,
            false,
            format!("{what}: no such object (deleted or moved?)"),
        ),
        51 | 52 => (
            ErrorKind::Unavailable,
            true,
            format!("{what}: the server is busy or unavailable"),
        ),
        3 | 11 => (
            ErrorKind::Ldap,
            true,
            format!("{what}: the server hit a time or administrative limit"),
        ),
        _ => (ErrorKind::Ldap, false, format!("{what}: the server refused")),
    };
    Error::new(kind, format!("{human} {tag}"))
        .with_code(rc)
        .transient(transient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_like_an_admin_would_say_them() {
        let f = from_result(
            49,
            "80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data 52e, v4563",
            "bind",
        );
        assert_eq!(
            (f.kind(), f.code(), f.is_transient()),
            (ErrorKind::Auth, Some(49), false)
        );
        assert!(
            f.message()
                .starts_with("wrong user name or password (LDAP 49 invalidCredentials"),
            "{}",
            f.message()
        );
        let f = from_result(49, "... data 775, v4563", "bind");
        assert!(f.message().starts_with("account locked out"));
        let f = from_result(50, "has no write property access", "write thumbnailPhoto");
        assert_eq!(f.kind(), ErrorKind::AccessDenied);
        assert!(f.message().contains("LDAP 50 insufficientAccessRights"));
        assert!(from_result(51, "", "write").is_transient());
        assert!(!from_result(32, "", "write").is_transient());
        assert_eq!(
            from_result(21, "objectclass_attrs", "write").kind(),
            ErrorKind::TooLarge
        );
    }
}
