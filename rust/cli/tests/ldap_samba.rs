//! Active Directory behaviour, against a real Samba 4 domain controller
//! (tests/services/samba.sh): the binds administrators use, Kerberos, disabled
//! accounts, rights, and backups keyed by objectGUID that survive a move.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::samba::Samba;
use common::*;

const USER_PASSWORD: &str = "Ph0to-Test!pw";

fn adphoto(dc: &Samba, home: &Path, bind: Option<&str>, password: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
    c.args(args)
        .arg("--ca-cert")
        .arg(&dc.ca_cert)
        .env("XDG_DATA_HOME", home.join("data"));
    if let Some(b) = bind {
        c.args(["--bind", b]);
    }
    match password {
        Some(p) => c.env("ADPHOTO_PASSWORD", p),
        None => c.env_remove("ADPHOTO_PASSWORD"),
    };
    c.output().expect("run adphoto")
}

/// Users in an OU of their own, a photo file for each, and the folder adphoto runs in.
struct Staff {
    ou: String,
    dns: Vec<String>,
    photos: PathBuf,
    home: PathBuf,
}

impl Staff {
    /// `adphoto set` of the staff's photos into their OU over LDAPS, bound as `bind`.
    fn set(&self, dc: &Samba, bind: &str, password: &str, extra: &[&str]) -> Output {
        let photos = self.photos.to_str().unwrap();
        let args = [
            "set",
            "--server",
            &dc.ldaps_url,
            "--search-base",
            &self.ou,
            "--photos",
            photos,
        ];
        adphoto(dc, &self.home, Some(bind), Some(password), &[&args[..], extra].concat())
    }
}

/// `n` users `<prefix>0..` in a new OU, each with a photo file named after the account.
fn staff(dc: &Samba, name: &str, prefix: &str, n: usize) -> Staff {
    let home = scratch(name);
    let photos = home.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let ou = dc.test_ou(name);
    let dns = (0..n)
        .map(|i| {
            let sam = format!("{prefix}{i}");
            std::fs::write(
                photos.join(format!("{sam}.jpg")),
                encode_jpeg(&noise_image(400, 500, i as u64 + 11), 85),
            )
            .unwrap();
            dc.add_user(
                &ou,
                &sam,
                &format!("Given{i}"),
                &format!("{prefix}Sn{i}"),
                USER_PASSWORD,
                true,
            )
        })
        .collect();
    Staff { ou, dns, photos, home }
}

#[test]
fn upn_and_domain_binds_write_then_an_unchanged_run_writes_nothing() {
    let dc = Samba::shared();
    let team = staff(dc, "adfull", "adf", 6);
    let dns = &team.dns;
    let pw = dc.password();
    let set = |bind: &str| team.set(dc, bind, &pw, &["--json"]);
    let first = set(&dc.admin_upn);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let items = json_lines(&first);
    assert_eq!(items.iter().filter(|i| i["status"] == "written").count(), 6);
    assert!(items
        .iter()
        .all(|i| i["by"] == "{sAMAccountName}" || i["action"] != "write"));
    for dn in dns {
        let v = dc.values(dn, "thumbnailPhoto");
        assert_eq!(v.len(), 1);
        assert!(v[0].len() <= 102_400);
        assert_eq!(decode(&v[0]).width(), 96);
    }
    let second = set("SAMDOM\\Administrator");
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(json_lines(&second).iter().all(|i| i["action"] == "skip-unchanged"));
    // And by DN, with the jpegPhoto attribute (648x648 for Microsoft 365 sync).
    let third = team.set(dc, &dc.admin_dn, &pw, &["--json", "--attribute", "jpegPhoto"]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    assert_eq!(decode(&dc.values(&dns[0], "jpegPhoto")[0]).width(), 648);
}

#[test]
fn wrong_password_is_reported_with_ads_reason() {
    let dc = Samba::shared();
    let home = scratch("adbadpw");
    let out = adphoto(
        dc,
        &home,
        Some(&dc.admin_upn),
        Some("Wrong-pass1"),
        &["report", "--server", &dc.ldaps_url],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("wrong user name or password") && err.contains("LDAP 49") && err.contains("52e"),
        "{err}"
    );
    assert!(!err.contains("Wrong-pass1"));
}

#[test]
fn an_ordinary_user_writes_its_own_photo_and_gets_50_for_others() {
    let dc = Samba::shared();
    let team = staff(dc, "adrights", "adr", 3);
    let dns = &team.dns;
    let out = team.set(dc, "adr0@samdom.test", USER_PASSWORD, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let items = json_lines(&out);
    let item = |sam: &str| items.iter().find(|i| i["user"] == sam).cloned().unwrap();
    assert_eq!(item("adr0")["status"], "written", "{items:?}");
    for sam in ["adr1", "adr2"] {
        let i = item(sam);
        assert_eq!(i["status"], "failed");
        assert_eq!(i["error"]["kind"], "access-denied");
        assert!(
            i["error"]["message"]
                .as_str()
                .unwrap()
                .contains("LDAP 50 insufficientAccessRights"),
            "{i}"
        );
    }
    assert_eq!(dc.values(&dns[0], "thumbnailPhoto").len(), 1);
    assert!(dc.values(&dns[1], "thumbnailPhoto").is_empty());
}

#[test]
fn disabled_accounts_are_skipped_unless_asked_for() {
    let dc = Samba::shared();
    let team = staff(dc, "addisabled", "add", 1);
    let disabled = dc.add_user(&team.ou, "gone1", "Gone", "Away", USER_PASSWORD, false);
    std::fs::write(
        team.photos.join("gone1.jpg"),
        encode_jpeg(&noise_image(300, 300, 1), 85),
    )
    .unwrap();
    let pw = dc.password();
    let out = team.set(dc, &dc.admin_upn, &pw, &["--json"]);
    let items = json_lines(&out);
    let gone = items
        .iter()
        .find(|i| i["file"].as_str().is_some_and(|f| f.ends_with("gone1.jpg")))
        .unwrap();
    assert_eq!(gone["action"], "no-match", "a disabled account is not a candidate");
    assert!(dc.values(&disabled, "thumbnailPhoto").is_empty());
    let out = team.set(dc, &dc.admin_upn, &pw, &["--json", "--include-disabled"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(dc.values(&disabled, "thumbnailPhoto").len(), 1);
}

#[test]
fn backups_follow_the_object_guid_even_after_a_move() {
    let dc = Samba::shared();
    let team = staff(dc, "admove", "adm", 2);
    let (dns, home) = (&team.dns, &team.home);
    let original = encode_jpeg(&noise_image(96, 96, 99), 80);
    use base64::Engine;
    dc.modify(&format!(
        "dn: {}\nchangetype: modify\nreplace: thumbnailPhoto\nthumbnailPhoto:: {}\n",
        dns[0],
        base64::engine::general_purpose::STANDARD.encode(&original)
    ));
    let backup = home.join("run");
    let pw = dc.password();
    let out = team.set(dc, &dc.admin_upn, &pw, &["--backup-dir", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(backup.join("manifest.jsonl")).unwrap();
    let first: serde_json::Value =
        serde_json::from_str(manifest.lines().find(|l| l.contains("adm0")).unwrap()).unwrap();
    let key = first["key"].as_str().unwrap();
    assert!(
        adphoto_ldap::guid_from_string(key).is_some(),
        "keyed by objectGUID: {key}"
    );

    // Move the user to another OU: the DN in the backup is now wrong, the GUID is not.
    let elsewhere = dc.test_ou("admove-new");
    let rdn = dns[0].split(',').next().unwrap();
    let moved = dc.tool("ldapmodrdn", &["-r", "-s", &elsewhere, &dns[0], rdn]);
    assert!(moved.status.success(), "{}", String::from_utf8_lossy(&moved.stdout));
    let out = adphoto(
        dc,
        home,
        Some(&dc.admin_upn),
        Some(&pw),
        &[
            "restore",
            "--json",
            "--server",
            &dc.ldaps_url,
            "--backup-dir",
            backup.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let new_dn = format!("{rdn},{elsewhere}");
    assert_eq!(dc.values(&new_dn, "thumbnailPhoto"), vec![original]);
    assert!(
        dc.values(&dns[1], "thumbnailPhoto").is_empty(),
        "adm1 had none before the run"
    );
}

#[test]
fn kerberos_signs_in_with_the_callers_ticket_and_no_password() {
    let dc = Samba::shared();
    let Staff { ou, dns, photos, home } = staff(dc, "adkrb", "adk", 2);
    let cache = home.join("ccache");
    dc.kinit(&format!("Administrator@{}", dc.realm), &dc.password(), &cache);
    let run = |server: &str, extra: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.args([
            "set",
            "--json",
            "--server",
            server,
            "--search-base",
            &ou,
            "--photos",
            photos.to_str().unwrap(),
        ])
        .args(extra)
        .arg("--ca-cert")
        .arg(&dc.ca_cert)
        .env("KRB5_CONFIG", &dc.krb5_config)
        .env("KRB5CCNAME", format!("FILE:{}", cache.display()))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("ADPHOTO_PASSWORD");
        c.output().unwrap()
    };
    let out = run(&format!("ldaps://{}", dc.dc_host), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out).iter().filter(|i| i["status"] == "written").count(), 2);
    assert_eq!(dc.values(&dns[1], "thumbnailPhoto").len(), 1);
    // An IP address cannot name a Kerberos service.
    let by_ip = run(&dc.ldaps_url, &[]);
    assert_eq!(by_ip.status.code(), Some(2), "{}", stderr(&by_ip));
    assert!(stderr(&by_ip).contains("DNS name"));
    // Without a ticket, the message says what to do.
    let empty = home.join("no-ticket");
    let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
    let out = c
        .args(["report", "--server", &format!("ldaps://{}", dc.dc_host), "--ca-cert"])
        .arg(&dc.ca_cert)
        .env("KRB5_CONFIG", &dc.krb5_config)
        .env("KRB5CCNAME", format!("FILE:{}", empty.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("kinit"), "{}", stderr(&out));
}
