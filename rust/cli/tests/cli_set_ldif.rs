//! The whole flow without a server: users CSV + photos -> plan -> LDIF, and the LDIF
//! applied for real with `ldapmodify` to the OpenLDAP test server.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::openldap::OpenLdap;
use common::*;

fn adphoto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(args)
        .output()
        .expect("run adphoto")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

struct School {
    dir: PathBuf,
    photos: PathBuf,
    users: PathBuf,
    /// (sAMAccountName, DN) of every user.
    people: Vec<(String, String)>,
}

impl School {
    /// adphoto `command` with the school's photos and users, then `rest`.
    fn adphoto(&self, command: &[&str], rest: &[&str]) -> Output {
        let inputs = ["--photos", s(&self.photos), "--users", s(&self.users)];
        adphoto(&[command, &inputs, rest].concat())
    }
}

/// Users (some with awkward DNs) in `ou`, a users CSV naming them, and a photo folder.
fn school(name: &str, ou: &str) -> School {
    let dir = scratch(name);
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let people: Vec<(String, String)> = [
        ("jsmith", "John", "Smith", "cn=Smith\\, John"),
        ("jgarcia", "José", "García", "cn=José García"),
        ("obrien", "Seán", "O'Brien", "cn=O'Brien (contractor)"),
        ("nophoto", "Nora", "Photo", "cn=Nora Photo"),
    ]
    .iter()
    .map(|(sam, _, _, rdn)| (sam.to_string(), format!("{rdn},{ou}")))
    .collect();
    let mut csv = String::from("SamAccountName,GivenName,Surname,DistinguishedName\n");
    let given = ["John", "José", "Seán", "Nora"];
    let sn = ["Smith", "García", "O'Brien", "Photo"];
    for (i, (sam, dn)) in people.iter().enumerate() {
        csv.push_str(&format!("{sam},{},{},\"{dn}\"\n", given[i], sn[i]));
    }
    let users = dir.join("users.csv");
    std::fs::write(&users, csv).unwrap();
    let portrait = |seed| encode_jpeg(&noise_image(640, 800, seed), 85);
    std::fs::write(photos.join("jsmith.jpg"), portrait(1)).unwrap();
    std::fs::write(photos.join("José.García 648x648.jpg"), portrait(2)).unwrap();
    std::fs::write(photos.join("Seán.O'Brien.jpg"), portrait(3)).unwrap();
    std::fs::write(photos.join("stranger.jpg"), portrait(4)).unwrap();
    School {
        dir,
        photos,
        users,
        people,
    }
}

#[test]
fn match_reports_every_file_and_every_user_without_a_photo() {
    let school = school("cli-match", "ou=x,dc=example,dc=edu");
    let out = school.adphoto(&["match", "--json"], &[]);
    assert_eq!(out.status.code(), Some(1), "an unmatched file → 1");
    let rows = strict_json_lines(&out);
    let kind_of = |needle: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.contains(needle)) || r["user"] == needle)
            .map(|r| r["match"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(kind_of("jsmith.jpg"), "matched");
    assert_eq!(kind_of("García"), "matched");
    assert_eq!(kind_of("O'Brien"), "matched");
    assert_eq!(kind_of("stranger"), "unmatched");
    assert_eq!(kind_of("nophoto"), "no-photo");
    let by = rows.iter().find(|r| r["user"] == "jgarcia").unwrap()["by"].clone();
    assert_eq!(by, "{givenName}.{sn}");

    let human = school.adphoto(&["match"], &[]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("matched") && text.contains("users w/o photo") && text.contains("stranger.jpg"),
        "{text}"
    );
}

#[test]
fn plan_and_what_if_write_nothing() {
    let school = school("cli-plan", "ou=x,dc=example,dc=edu");
    let ldif = school.dir.join("out.ldif");
    let target = format!("ldif:{}", s(&ldif));
    for command in [&["plan"][..], &["set", "--what-if"]] {
        let out = school.adphoto(command, &["--target", &target]);
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("What if: 3 photo(s) would be written"), "{text}");
        assert!(
            text.contains("jsmith") && text.contains("write"),
            "every planned item is shown: {text}"
        );
        assert!(!ldif.exists(), "what-if must not write the LDIF");
    }
}

#[test]
fn a_users_csv_without_dns_cannot_make_an_ldif() {
    let school = school("cli-nodn", "ou=x,dc=example,dc=edu");
    std::fs::write(&school.users, "SamAccountName\njsmith\n").unwrap();
    let target = format!("ldif:{}", s(&school.dir.join("o.ldif")));
    let out = school.adphoto(&["set"], &["--target", &target]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("distinguishedname"));
}

#[test]
fn the_ldif_applies_with_ldapmodify_and_stores_exactly_the_converted_photos() {
    let ldap = OpenLdap::shared();
    let ou = ldap.test_ou("ldif-roundtrip");
    let school = school("cli-ldif", &ou);
    for (sam, dn) in &school.people {
        let rdn_value = dn.split(',').next().unwrap().trim_start_matches("cn=");
        let entry = format!(
            "dn: {dn}\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: adphotoTestUser\ncn: {rdn_value}\nsn: x\nsAMAccountName: {sam}\n"
        );
        // DNs with non-ASCII text must be base64 in LDIF.
        let entry = if dn.is_ascii() {
            entry
        } else {
            use base64::Engine;
            entry.replacen(
                &format!("dn: {dn}"),
                &format!("dn:: {}", base64::engine::general_purpose::STANDARD.encode(dn)),
                1,
            )
        };
        ldap.modify(&entry);
    }
    for (attribute, size) in [("thumbnailPhoto", 96), ("jpegPhoto", 648)] {
        let ldif = school.dir.join(format!("{attribute}.ldif"));
        let target = format!("ldif:{}", s(&ldif));
        let out = school.adphoto(&["set", "--json", "--attribute", attribute], &["--target", &target]);
        assert_eq!(out.status.code(), Some(1), "stranger.jpg is unmatched");
        let items = strict_json_lines(&out);
        let written: Vec<&serde_json::Value> = items.iter().filter(|i| i["status"] == "written").collect();
        assert_eq!(written.len(), 3, "{items:?}");

        ldap.apply_file(&ldif);

        let converted = school.dir.join(format!("converted-{size}"));
        let preset = if size == 96 { "ad" } else { "hd" };
        for (sam, dn) in &school.people {
            let stored = ldap.values(dn, attribute);
            if sam == "nophoto" {
                assert!(stored.is_empty());
                continue;
            }
            assert_eq!(stored.len(), 1, "{dn}");
            let img = decode(&stored[0]);
            assert_eq!((img.width(), img.height()), (size, size));
            let item = written.iter().find(|i| i["user"] == sam.as_str()).unwrap();
            assert_eq!(item["bytes"].as_u64(), Some(stored[0].len() as u64));
            // Converting the same file again gives the same bytes: what the directory
            // holds is exactly what ADPhoto made.
            let file = item["file"].as_str().unwrap();
            let out = adphoto(&["convert", "-q", "--preset", preset, "--out-dir", s(&converted), file]);
            assert_eq!(out.status.code(), Some(0));
            let stem = Path::new(file).file_stem().unwrap().to_string_lossy().into_owned();
            assert_eq!(
                std::fs::read(converted.join(format!("{stem}.jpg"))).unwrap(),
                stored[0],
                "{sam}"
            );
        }
    }
}
