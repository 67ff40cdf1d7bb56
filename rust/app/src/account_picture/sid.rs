//! Security identifiers, checked before one becomes part of a path or a registry key.

use super::AccountPictureError;

/// `S-1-5-21-...` as Windows prints it. Anything else is refused: a SID names a folder
/// under ProgramData and a registry key, so `..\..\Windows` or `S-1-5\x` must never get
/// that far.
pub fn check_sid(sid: &str) -> Result<String, AccountPictureError> {
    let sid = sid.trim();
    let bad = || AccountPictureError::Usage(format!("'{sid}' is not a security identifier (S-1-5-21-...)"));
    let rest = sid
        .strip_prefix("S-1-")
        .or_else(|| sid.strip_prefix("s-1-"))
        .ok_or_else(bad)?;
    let parts: Vec<&str> = rest.split('-').collect();
    // Authority plus at least one sub-authority; Windows allows at most 15 sub-authorities.
    if parts.len() < 2 || parts.len() > 16 || sid.len() > 184 {
        return Err(bad());
    }
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 20 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    Ok(format!("S-1-{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_sids_pass() {
        assert_eq!(
            check_sid(" s-1-5-21-1004336348-1177238915-682003330-1001 ").unwrap(),
            "S-1-5-21-1004336348-1177238915-682003330-1001"
        );
        assert_eq!(check_sid("S-1-5-18").unwrap(), "S-1-5-18");
        for bad in [
            "",
            "S-1",
            "S-1-5",
            "S-1-5-21-..",
            "S-1-5-21-1\\..\\x",
            "S-1-5-21-1/2",
            "jsmith",
            "S-1-5--1",
        ] {
            assert!(check_sid(bad).is_err(), "{bad} must be refused");
        }
    }
}
