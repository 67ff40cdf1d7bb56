//! The account running the sync, for `adphoto account-picture` without `--sid`.

use super::source::UserRef;

/// The SID and name of the user running this process. On Windows it asks `whoami`
/// (present on every Windows since Vista), which avoids binding the security API for
/// one call; elsewhere there is no SID to find.
pub fn current_user() -> Result<UserRef, String> {
    #[cfg(windows)]
    {
        let out = std::process::Command::new("whoami")
            .args(["/user", "/fo", "csv", "/nh"])
            .output()
            .map_err(|e| format!("cannot run whoami to find the current user: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let user = parse_whoami(&text).ok_or_else(|| format!("whoami printed no user and SID: {}", text.trim()))?;
        if user.sid == "S-1-5-18" {
            return Err(
                "running as SYSTEM: name the users to sync (Sync-AccountPicture finds the signed-in users itself)"
                    .into(),
            );
        }
        Ok(user)
    }
    #[cfg(not(windows))]
    Err("there is no Windows account here: give the user's SID (--sid)".into())
}

/// `"DOMAIN\name","S-1-5-21-..."` (the CSV line of `whoami /user /fo csv /nh`).
#[cfg_attr(not(windows), allow(dead_code))]
fn parse_whoami(text: &str) -> Option<UserRef> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let fields: Vec<&str> = line.split("\",\"").map(|f| f.trim().trim_matches('"')).collect();
    match fields.as_slice() {
        [name, sid] if sid.starts_with("S-") => Some(UserRef {
            sid: sid.to_string(),
            user: Some(name.to_string()),
            photo: None,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whoami_csv_is_read() {
        let u = parse_whoami("\r\n\"school\\jsmith\",\"S-1-5-21-1-2-3-1104\"\r\n").unwrap();
        assert_eq!(u.sid, "S-1-5-21-1-2-3-1104");
        assert_eq!(u.account_name(), Some("jsmith"));
        assert!(parse_whoami("ERROR: access denied").is_none());
    }
}
