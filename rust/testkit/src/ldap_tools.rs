//! What the OpenLDAP and Samba test servers share: reading an entry back with the
//! OpenLDAP client tools, however each server has them run.

use std::process::Output;

use base64::Engine;

/// The values of `attribute` on `dn`, decoded, read by `ldapsearch` run through `tool`
/// (the server's own way of running a client tool bound as its administrator).
pub fn values(tool: impl Fn(&str, &[&str]) -> Output, dn: &str, attribute: &str) -> Vec<Vec<u8>> {
    let out = tool(
        "ldapsearch",
        &["-LLL", "-o", "ldif-wrap=no", "-s", "base", "-b", dn, attribute],
    );
    assert!(
        out.status.success(),
        "ldapsearch {dn}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lower = attribute.to_ascii_lowercase();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.split_once(':')?;
            (name.to_ascii_lowercase() == lower).then(|| match rest.strip_prefix(": ") {
                Some(b64) => base64::engine::general_purpose::STANDARD.decode(b64.trim()).unwrap(),
                None => rest.trim_start().as_bytes().to_vec(),
            })
        })
        .collect()
}
