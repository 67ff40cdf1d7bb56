//! Mapping and users CSV rows that are odd rather than wrong: a DN whose value ends in
//! an escaped space, paths that name a device, a pipe, a folder or something too long,
//! and the same row twice. Values keep what their format says is data, and messages say
//! what the path really is.

use adphoto_testkit as common;

use std::path::Path;
use std::process::{Command, Output};

use base64::Engine;
use common::*;

fn adphoto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto")).args(args).output().unwrap()
}

fn rows(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `match --json` of the users.csv and map.csv in `dir`.
fn match_map(dir: &Path) -> Output {
    adphoto(&[
        "match",
        "--json",
        "--users",
        s(&dir.join("users.csv")),
        "--map",
        s(&dir.join("map.csv")),
    ])
}

#[test]
fn an_escaped_trailing_space_is_part_of_the_dn() {
    let dir = scratch("rows-dn");
    std::fs::write(
        dir.join("users.csv"),
        "SamAccountName,DistinguishedName\r\n\
         spaced,\"CN=trailing2\\ \"\r\n\
         plain ,\" CN=plain,OU=People,DC=example,DC=org \"\r\n",
    )
    .unwrap();
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let jpeg = encode_jpeg(&quad_image(96, 96, [GREEN; 4]), 90);
    std::fs::write(photos.join("spaced.jpg"), &jpeg).unwrap();
    std::fs::write(photos.join("plain.jpg"), &jpeg).unwrap();
    let ldif = dir.join("out.ldif");
    let out = adphoto(&[
        "set",
        "--users",
        s(&dir.join("users.csv")),
        "--photos",
        s(&photos),
        "--target",
        &format!("ldif:{}", s(&ldif)),
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&ldif).unwrap();
    let dns: Vec<String> = text
        .lines()
        .filter_map(|l| {
            l.strip_prefix("dn:: ")
                .map(|b| String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b).unwrap()).unwrap())
                .or_else(|| l.strip_prefix("dn: ").map(str::to_string))
        })
        .collect();
    assert!(dns.contains(&"CN=trailing2\\ ".to_string()), "{dns:?}");
    // Stray spaces around an ordinary value are still not part of it.
    assert!(
        dns.contains(&"CN=plain,OU=People,DC=example,DC=org".to_string()),
        "{dns:?}"
    );
}

#[test]
fn a_dn_with_an_escaped_trailing_space_names_only_its_own_user() {
    let dir = scratch("rows-dn-map");
    // Two different users whose DNs differ only in an escaped space against an escaped comma.
    std::fs::write(
        dir.join("users.csv"),
        "SamAccountName,DistinguishedName\n\
         spaced,\"CN=trailing2\\ ,OU=People,DC=x\"\n\
         comma,\"CN=trailing2\\,OU=People,DC=x\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.jpg"), encode_jpeg(&quad_image(96, 96, [RED; 4]), 90)).unwrap();
    std::fs::write(
        dir.join("map.csv"),
        "DistinguishedName,Path\n\"CN=trailing2\\ ,OU=People,DC=x\",a.jpg\n",
    )
    .unwrap();
    let out = match_map(&dir);
    let r = rows(&out);
    let row = r.iter().find(|r| r.get("file").is_some()).unwrap();
    assert_eq!(row["match"], "matched", "{r:?}");
    assert_eq!(row["user"], "spaced", "{r:?}");
}

#[test]
fn paths_that_are_not_files_say_what_they_are() {
    let dir = scratch("rows-paths");
    std::fs::write(
        dir.join("users.csv"),
        "SamAccountName\nzero\npipe\nfolder\nlong\nmissing\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("a folder")).unwrap();
    let mut map = String::from("AD_user,path_to_file\n");
    map.push_str("folder,a folder\n");
    map.push_str(&format!("long,{}.jpg\n", "x".repeat(300)));
    map.push_str("missing,nobody.jpg\n");
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut expected = vec![("folder", "folder"), ("long", "too long"), ("missing", "no such file")];
    #[cfg(unix)]
    {
        let fifo = dir.join("pipe.jpg");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        map.push_str("zero,/dev/zero\npipe,pipe.jpg\n");
        expected.push(("zero", "device"));
        expected.push(("pipe", "pipe"));
    }
    std::fs::write(dir.join("map.csv"), map).unwrap();
    let out = match_map(&dir);
    let r = rows(&out);
    for (user, says) in expected {
        let row = r
            .iter()
            .find(|r| r["identity"] == user)
            .unwrap_or_else(|| panic!("no row for {user}: {r:?}"));
        let message = row["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{user}: {message}");
        if user != "missing" {
            assert!(!message.contains("no such file"), "{user}: {message}");
        }
    }
}

#[test]
fn the_same_row_twice_is_one_row() {
    let dir = scratch("rows-twice");
    std::fs::write(dir.join("users.csv"), "SamAccountName\njsmith\nanne\n").unwrap();
    let jpeg = encode_jpeg(&quad_image(96, 96, [BLUE; 4]), 90);
    std::fs::write(dir.join("j.jpg"), &jpeg).unwrap();
    std::fs::write(dir.join("a.jpg"), &jpeg).unwrap();
    std::fs::write(
        dir.join("map.csv"),
        "AD_user,path_to_file\njsmith,j.jpg\nanne,a.jpg\njsmith,j.jpg\nJSMITH,./j.jpg\n",
    )
    .unwrap();
    let out = match_map(&dir);
    let r = rows(&out);
    let for_jsmith: Vec<&serde_json::Value> = r.iter().filter(|r| r["user"] == "jsmith").collect();
    assert!(for_jsmith.iter().all(|r| r["match"] == "matched"), "{r:?}");
    assert_eq!(for_jsmith.len(), 1, "the repeated rows count once: {r:?}");
    assert_eq!(out.status.code(), Some(0), "{r:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("twice") || stderr.contains("again"),
        "the repeat is mentioned: {stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("0 other file"));
}
