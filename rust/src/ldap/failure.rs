//! LDAP failures in an administrator's words, with the protocol's result code kept.

use ldap3::LdapError;

use crate::targets::TargetError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LdapFailure {
    /// Stable kind: `usage`, `tls`, `unavailable`, `auth`, `access-denied`, `too-large`,
    /// `no-such-object`, `ldap`.
    pub kind: &'static str,
    pub message: String,
    /// The LDAP result code, when the server answered.
    pub code: Option<u32>,
    /// Worth trying again (busy, unavailable, connection lost).
    pub transient: bool,
}

impl std::fmt::Display for LdapFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LdapFailure {}

impl LdapFailure {
    pub fn usage(message: impl Into<String>) -> LdapFailure {
        LdapFailure {
            kind: "usage",
            message: message.into(),
            code: None,
            transient: false,
        }
    }

    /// A change not sent because the run was cancelled.
    pub fn cancelled() -> LdapFailure {
        LdapFailure {
            kind: crate::cancel::CANCELLED,
            message: "not sent: the run was cancelled".into(),
            code: None,
            transient: false,
        }
    }

    pub fn unavailable(message: impl Into<String>) -> LdapFailure {
        LdapFailure {
            kind: "unavailable",
            message: message.into(),
            code: None,
            transient: true,
        }
    }

    /// Describes a failed operation; `what` says what was attempted ("bind", "write
    /// thumbnailPhoto").
    pub fn from_ldap(e: LdapError, what: &str) -> LdapFailure {
        match e {
            LdapError::LdapResult { result } => from_result(result.rc, &result.text, what),
            LdapError::Timeout { .. } => LdapFailure::unavailable(format!("{what}: the server did not answer in time")),
            LdapError::Rustls { source } => tls_failure(&source.to_string()),
            LdapError::Io { source } => {
                let text = source.to_string();
                if is_tls_problem(&text) {
                    tls_failure(&text)
                } else {
                    LdapFailure::unavailable(format!("{what}: connection failed: {text}"))
                }
            }
            LdapError::FilterParsing => LdapFailure::usage("the LDAP filter is not valid (RFC 4515)"),
            LdapError::EndOfStream | LdapError::OpSend { .. } | LdapError::ResultRecv { .. } => {
                LdapFailure::unavailable(format!("{what}: the connection was lost"))
            }
            other => LdapFailure {
                kind: "ldap",
                message: format!("{what}: {other}"),
                code: None,
                transient: false,
            },
        }
    }

    pub fn into_target_error(self) -> TargetError {
        TargetError {
            kind: self.kind,
            message: self.message,
            code: self.code.map(i64::from),
            transient: self.transient,
        }
    }
}

fn is_tls_problem(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("certificate") || t.contains("handshake") || t.contains("tls")
}

fn tls_failure(detail: &str) -> LdapFailure {
    LdapFailure {
        kind: "tls",
        message: format!(
            "the server's certificate is not trusted ({detail}); give its CA with --ca-cert, or check the server name"
        ),
        code: None,
        transient: false,
    }
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

fn from_result(rc: u32, text: &str, what: &str) -> LdapFailure {
    let text = text.trim().trim_end_matches('\0');
    let server_says = if text.is_empty() {
        String::new()
    } else {
        format!(": {text}")
    };
    let tag = format!("(LDAP {rc} {}{server_says})", code_name(rc));
    let (kind, transient, human) = match rc {
        49 => (
            "auth",
            false,
            ad_bind_detail(text)
                .unwrap_or("wrong user name or password")
                .to_string(),
        ),
        8 | 13 => (
            "auth",
            false,
            "the server requires an encrypted connection: use ldaps:// or --starttls".to_string(),
        ),
        48 | 7 => ("auth", false, "the server refused this way of signing in".to_string()),
        50 => ("access-denied", false, format!("{what}: not allowed for this account")),
        1 if text.contains("without authentication") => {
            ("auth", false, format!("{what}: not allowed without signing in"))
        }
        19 | 21 => (
            "too-large",
            false,
            format!("{what}: refused by the directory (value too large or invalid)"),
        ),
        32 => (
            "no-such-object",
            false,
            format!("{what}: no such object (deleted or moved?)"),
        ),
        51 | 52 => (
            "unavailable",
            true,
            format!("{what}: the server is busy or unavailable"),
        ),
        3 | 11 => (
            "ldap",
            true,
            format!("{what}: the server hit a time or administrative limit"),
        ),
        _ => ("ldap", false, format!("{what}: the server refused")),
    };
    LdapFailure {
        kind,
        message: format!("{human} {tag}"),
        code: Some(rc),
        transient,
    }
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
        assert_eq!((f.kind, f.code, f.transient), ("auth", Some(49), false));
        assert!(
            f.message
                .starts_with("wrong user name or password (LDAP 49 invalidCredentials"),
            "{}",
            f.message
        );
        let f = from_result(49, "... data 775, v4563", "bind");
        assert!(f.message.starts_with("account locked out"));
        let f = from_result(50, "has no write property access", "write thumbnailPhoto");
        assert_eq!(f.kind, "access-denied");
        assert!(f.message.contains("LDAP 50 insufficientAccessRights"));
        assert!(from_result(51, "", "write").transient);
        assert!(!from_result(32, "", "write").transient);
        assert_eq!(from_result(21, "objectclass_attrs", "write").kind, "too-large");
    }
}
