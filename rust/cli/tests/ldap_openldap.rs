//! Writing photos into a real OpenLDAP server (tests/services/openldap.sh): safely,
//! only when changed, backed up, undoable, and resumable after the server dies.

use adphoto_testkit as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::openldap::OpenLdap;
use common::*;

struct Run<'a> {
    ldap: &'a OpenLdap,
    dir: PathBuf,
    photos: PathBuf,
}

impl<'a> Run<'a> {
    /// A run of its own (folder `ol-<name>`) in a new OU `<name>` of the shared server;
    /// returns the OU's DN with it.
    fn new(name: &str) -> (Run<'a>, String) {
        Run::with(name, OpenLdap::shared())
    }

    /// The same on a server of the test's own.
    fn with(name: &str, ldap: &'a OpenLdap) -> (Run<'a>, String) {
        let dir = scratch(&format!("ol-{name}"));
        let photos = dir.join("photos");
        std::fs::create_dir_all(&photos).unwrap();
        (Run { ldap, dir, photos }, ldap.test_ou(name))
    }

    /// Writes a distinct portrait file for each uid.
    fn photos_for(&self, uids: &[String], seed: u64) {
        for (i, uid) in uids.iter().enumerate() {
            let img = noise_image(300, 400, seed * 1000 + i as u64);
            std::fs::write(self.photos.join(format!("{uid}.jpg")), encode_jpeg(&img, 85)).unwrap();
        }
    }

    /// `n` users `<prefix>0..` in `ou` without photos, and a portrait file for each;
    /// returns their DNs.
    fn staff(&self, ou: &str, prefix: &str, n: usize, seed: u64) -> Vec<String> {
        let dns = self.ldap.add_users(ou, prefix, n, None);
        self.photos_for(&uids(&dns), seed);
        dns
    }

    /// `command` (set or plan) of the photos to the users of `ou`, named by uid, then `extra`.
    fn photo_args<'b>(&'b self, command: &'b str, ou: &'b str, extra: &[&'b str]) -> Vec<&'b str> {
        let photos = self.photos.to_str().unwrap();
        [
            &[command, "--search-base", ou, "--pattern", "{uid}", "--photos", photos][..],
            extra,
        ]
        .concat()
    }

    fn adphoto(&self, bind: &str, password: &str, args: &[&str]) -> Output {
        self.command(bind, password, args).output().expect("run adphoto")
    }

    fn command(&self, bind: &str, password: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.args(args)
            .args(["--server", &self.ldap.ldaps_url, "--ca-cert"])
            .arg(&self.ldap.ca_cert)
            .args(["--bind", bind])
            .env("ADPHOTO_PASSWORD", password)
            .env("XDG_DATA_HOME", self.dir.join("data"));
        c
    }

    fn admin(&self, args: &[&str]) -> Output {
        self.adphoto(&self.ldap.admin_dn.clone(), &self.ldap.password(), args)
    }

    /// `set --json` as the administrator.
    fn set(&self, ou: &str, extra: &[&str]) -> Output {
        self.admin(&self.photo_args("set", ou, &[&["--json"][..], extra].concat()))
    }
}

fn uids(dns: &[String]) -> Vec<String> {
    dns.iter()
        .map(|d| d.split(',').next().unwrap().trim_start_matches("uid=").to_string())
        .collect()
}

#[test]
fn a_full_run_then_an_unchanged_run_that_sends_nothing() {
    let (run, ou) = Run::new("full");
    let dns = run.staff(&ou, "full", 30, 1);

    let first = run.set(&ou, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let items = json_lines(&first);
    assert_eq!(items.iter().filter(|i| i["status"] == "written").count(), 30);
    for dn in &dns {
        let stored = run.ldap.values(dn, "thumbnailPhoto");
        assert_eq!(stored.len(), 1);
        assert_eq!(decode(&stored[0]).width(), 96);
    }
    let mods_before = run.ldap.successful_modifies();

    let second = run.set(&ou, &[]);
    assert_eq!(second.status.code(), Some(0));
    let items = json_lines(&second);
    assert_eq!(items.iter().filter(|i| i["action"] == "skip-unchanged").count(), 30);
    // The server's own log: not one modify was sent the second time.
    assert_eq!(run.ldap.successful_modifies(), mods_before);
    for dn in &dns {
        assert_eq!(mods_before.get(&dn.to_ascii_lowercase()), Some(&1), "{dn}");
    }
}

#[test]
fn what_if_reports_bytes_and_writes_nothing() {
    let (run, ou) = Run::new("whatif");
    let dns = run.staff(&ou, "wi", 3, 2);
    let out = run.set(&ou, &["--what-if"]);
    let items = json_lines(&out);
    assert_eq!(items.iter().filter(|i| i["action"] == "write").count(), 3);
    assert!(items.iter().all(|i| i.get("status").is_none()));
    for dn in &dns {
        assert!(run.ldap.values(dn, "thumbnailPhoto").is_empty());
        assert_eq!(run.ldap.modify_count(dn), 0);
    }
    let human = run.admin(&run.photo_args("plan", &ou, &[]));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("added to the directory") && text.contains("What if: 3"),
        "{text}"
    );
}

#[test]
fn replaced_photos_are_backed_up_and_restored_byte_identical() {
    let (run, ou) = Run::new("restore");
    let old = encode_jpeg(&noise_image(96, 96, 77), 80);
    let with_photo = run.ldap.add_users(&ou, "had", 3, Some(&old));
    let without = run.ldap.add_users(&ou, "new", 2, None);
    let all: Vec<String> = with_photo.iter().chain(&without).cloned().collect();
    run.photos_for(&uids(&all), 3);
    let backup = run.dir.join("backup");
    let out = run.set(&ou, &["--backup-dir", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for dn in &with_photo {
        assert_ne!(run.ldap.values(dn, "thumbnailPhoto"), vec![old.clone()]);
    }
    let manifest = std::fs::read_to_string(backup.join("manifest.jsonl")).unwrap();
    assert_eq!(
        manifest.lines().count(),
        5,
        "one entry per user, with or without an old photo"
    );

    let restore = || {
        run.admin(&[
            "restore",
            "--json",
            "--search-base",
            &ou,
            "--backup-dir",
            backup.to_str().unwrap(),
        ])
    };
    let out = restore();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for dn in &with_photo {
        assert_eq!(
            run.ldap.values(dn, "thumbnailPhoto"),
            vec![old.clone()],
            "{dn} restored byte for byte"
        );
    }
    for dn in &without {
        assert!(
            run.ldap.values(dn, "thumbnailPhoto").is_empty(),
            "{dn}: the photo the run added is gone"
        );
    }
    // Restoring again changes nothing.
    let again = restore();
    assert!(json_lines(&again).iter().all(|i| i["status"] == "skipped"));
}

#[test]
fn removal_is_backed_up_and_undone() {
    let (run, ou) = Run::new("remove");
    let old = encode_jpeg(&noise_image(96, 96, 5), 85);
    let dns = run.ldap.add_users(&ou, "rm", 2, Some(&old));
    let backup = run.dir.join("rm-backup");
    let out = run.admin(&[
        "remove",
        "--search-base",
        &ou,
        "--backup-dir",
        backup.to_str().unwrap(),
        "rm0",
        "nobody-here",
    ]);
    assert_eq!(out.status.code(), Some(1), "nobody-here fails, rm0 is removed");
    assert!(run.ldap.values(&dns[0], "thumbnailPhoto").is_empty());
    assert_eq!(run.ldap.values(&dns[1], "thumbnailPhoto"), vec![old.clone()]);
    run.admin(&[
        "restore",
        "--search-base",
        &ou,
        "--backup-dir",
        backup.to_str().unwrap(),
    ]);
    assert_eq!(run.ldap.values(&dns[0], "thumbnailPhoto"), vec![old]);
}

#[test]
fn get_export_and_report() {
    let (run, ou) = Run::new("tasks");
    let photo = encode_jpeg(&noise_image(96, 96, 9), 85);
    run.ldap.add_users(&ou, "tk", 2, Some(&photo));
    run.ldap.add_users(&ou, "bare", 1, None);
    let out_file = run.dir.join("tk0.jpg");
    let got = run.admin(&["get", "--search-base", &ou, "tk0", "--out", out_file.to_str().unwrap()]);
    assert_eq!(got.status.code(), Some(0), "{}", stderr(&got));
    assert_eq!(std::fs::read(&out_file).unwrap(), photo);
    let export = run.dir.join("export");
    let ex = run.admin(&["export", "--search-base", &ou, "--out-dir", export.to_str().unwrap()]);
    assert_eq!(ex.status.code(), Some(0));
    assert_eq!(std::fs::read(export.join("tk1.jpg")).unwrap(), photo);
    let csv = std::fs::read_to_string(export.join("photos.csv")).unwrap();
    assert!(
        csv.starts_with("Identity,Path\n") && csv.contains("tk1,tk1.jpg"),
        "{csv}"
    );
    let report_csv = run.dir.join("report.csv");
    let rep = run.admin(&["report", "--search-base", &ou, "--csv", report_csv.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&rep.stdout);
    assert!(text.contains("with a photo") && text.contains('2'), "{text}");
    let rows = std::fs::read_to_string(report_csv).unwrap();
    assert!(
        rows.contains(&format!("tk0,\"uid=tk0,{ou}\",true,{},96,96", photo.len())),
        "{rows}"
    );
    assert!(rows.contains("bare0,") && rows.contains(",false,0,,"));
}

#[test]
fn an_identity_with_filter_characters_matches_nobody() {
    let (run, ou) = Run::new("inject");
    run.ldap
        .add_users(&ou, "inj", 3, Some(&encode_jpeg(&noise_image(96, 96, 1), 85)));
    for evil in ["*", "*)(uid=*", "inj0)(|(uid=*", "\\2a"] {
        let out = run.admin(&[
            "get",
            "--search-base",
            &ou,
            evil,
            "--out",
            run.dir.join("x.jpg").to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{evil}");
        assert!(
            stderr(&out).contains("not-found"),
            "{evil} must find nobody: {}",
            stderr(&out)
        );
        let rm = run.admin(&["remove", "--search-base", &ou, evil]);
        assert_eq!(rm.status.code(), Some(1));
    }
    for i in 0..3 {
        assert_eq!(
            run.ldap.values(&format!("uid=inj{i},{ou}"), "thumbnailPhoto").len(),
            1,
            "nothing was removed"
        );
    }
}

#[test]
fn oversize_values_are_refused_before_sending() {
    use adphoto_core::cancel::Cancel;
    use adphoto_core::directory::{write_one, Gate, UserEntry};
    use adphoto_core::error::ErrorKind;
    use adphoto_ldap::{LdapDirectory, LdapOptions};
    let (run, ou) = Run::new("oversize");
    let dns = run.ldap.add_users(&ou, "big", 1, None);
    let mut options = LdapOptions::new(run.ldap.ldaps_url.clone());
    options.ca_cert = Some(run.ldap.ca_cert.clone());
    options.bind = Some(run.ldap.admin_dn.clone());
    options.password = Some(adphoto_core::secret::Secret::new(run.ldap.password()));
    let mut dir = LdapDirectory::connect(options, &Cancel::default()).unwrap();
    let user = UserEntry {
        address: dns[0].clone(),
        key: None,
        name: "big0".into(),
        dn: Some(dns[0].clone()),
    };
    let gate = Gate::default();
    let err = write_one(&mut dir, &user, vec![vec![0xFF; 102_401]], &gate).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.code(), None, "refused by adphoto, not by the server");
    assert_eq!(run.ldap.modify_count(&dns[0]), 0);
    write_one(&mut dir, &user, vec![vec![0xFF; 102_400]], &gate).unwrap();
    assert_eq!(run.ldap.values(&dns[0], "thumbnailPhoto")[0].len(), 102_400);
}

#[test]
fn wrong_password_says_so_and_changes_nothing() {
    let (run, ou) = Run::new("badpw");
    let dns = run.staff(&ou, "bp", 1, 4);
    let out = run.adphoto(
        &run.ldap.admin_dn.clone(),
        "not-the-password",
        &run.photo_args("set", &ou, &[]),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("wrong user name or password") && err.contains("LDAP 49"),
        "{err}"
    );
    assert!(!err.contains("not-the-password"), "the password must never be echoed");
    assert!(run.ldap.values(&dns[0], "thumbnailPhoto").is_empty());
}

#[test]
fn a_user_without_rights_gets_50_while_the_rest_succeed() {
    let (run, ou) = Run::new("rights");
    let dns = run.staff(&ou, "rt", 3, 5);
    // rt0 may write only its own photo (the ACL: "by self write").
    let out = run.adphoto(&dns[0], "pw-rt0", &run.photo_args("set", &ou, &["--json"]));
    assert_eq!(out.status.code(), Some(1));
    let items = json_lines(&out);
    let status = |uid: &str| items.iter().find(|i| i["user"] == uid).unwrap().clone();
    assert_eq!(status("rt0")["status"], "written");
    for uid in ["rt1", "rt2"] {
        let i = status(uid);
        assert_eq!(i["status"], "failed");
        assert_eq!(i["error"]["kind"], "access-denied");
        assert!(i["error"]["message"].as_str().unwrap().contains("LDAP 50"), "{i}");
    }
    assert_eq!(run.ldap.values(&dns[0], "thumbnailPhoto").len(), 1);
    assert!(run.ldap.values(&dns[1], "thumbnailPhoto").is_empty());
}

/// The interrupted run's outcome for one user, read from a `--report` file.
fn statuses(report: &Path) -> std::collections::HashMap<String, serde_json::Value> {
    std::fs::read_to_string(report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter_map(|i| Some((i["user"].as_str()?.to_string(), i)))
        .collect()
}

/// What must hold however the kill falls: writes the server may have applied without
/// answering are "in doubt", never "failed"; the resume confirms or resends them; and
/// the server's own log shows every user written exactly once. How many photos were
/// in before the kill, and how many were in flight, depends on timing and is not asserted.
#[test]
fn a_server_killed_mid_run_resumes_with_nothing_lost_or_written_twice() {
    // A server of its own: killing the shared one would fail whichever other test
    // happened to be using it.
    let server = OpenLdap::private("kill");
    let (run, ou) = Run::with("kill", &server);
    let dns = run.staff(&ou, "kl", 400, 6);
    let dn_of: std::collections::HashMap<String, String> = uids(&dns).into_iter().zip(dns.iter().cloned()).collect();
    let backup = run.dir.join("run");
    let (first_report, resumed_report) = (run.dir.join("first.jsonl"), run.dir.join("resumed.jsonl"));
    // No --timeout: a slow answer on a loaded machine would be a second, unrelated way
    // to lose an answer (and the retry a second write); this test is about the kill.
    let args = run.photo_args(
        "set",
        &ou,
        &["--connections", "1", "--report", first_report.to_str().unwrap()],
    );
    let mut child = run
        .command(&run.ldap.admin_dn.clone(), &run.ldap.password(), &args)
        .args(["--backup-dir", backup.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the server once some, but not all, photos are in.
    let suffix = format!(",{}", ou.to_ascii_lowercase());
    loop {
        let written = run
            .ldap
            .successful_modifies()
            .keys()
            .filter(|dn| dn.ends_with(&suffix))
            .count();
        if written >= 40 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before the kill: {}",
            stderr(&child.wait_with_output().unwrap())
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    run.ldap.kill();
    let first = child.wait_with_output().unwrap();
    let first_text = String::from_utf8_lossy(&first.stdout).into_owned();
    assert_eq!(
        first.status.code(),
        Some(1),
        "the interrupted run reports failures: {first_text}"
    );
    let first_items = statuses(&first_report);
    let with = |status: &str| -> Vec<String> {
        let mut v: Vec<String> = first_items
            .iter()
            .filter(|(_, i)| i["status"] == status)
            .map(|(u, _)| u.clone())
            .collect();
        v.sort();
        v
    };
    let (written, in_doubt, failed) = (with("written"), with("in-doubt"), with("failed"));
    assert_eq!(
        written.len() + in_doubt.len() + failed.len(),
        400,
        "every user is written, in doubt or failed: {first_text}"
    );
    assert!(written.len() >= 40 && written.len() < 400, "written {}", written.len());
    for user in in_doubt.iter().chain(&failed) {
        assert_eq!(first_items[user]["error"]["kind"], "unavailable", "{user}");
    }
    if !in_doubt.is_empty() {
        assert!(
            first_text.contains(&format!("{} in doubt", in_doubt.len())),
            "the summary counts what is in doubt: {first_text}"
        );
    }
    // The server's log before the restart: "failed" means it was never sent, and every
    // "written" one was received.
    let before = run.ldap.modify_log();
    for user in &failed {
        assert!(
            !before.was_received(&dn_of[user]),
            "{user} was called failed but the server received it"
        );
    }
    for user in &written {
        assert!(
            before.was_received(&dn_of[user]),
            "{user} was called written but never received"
        );
    }

    run.ldap.restart();
    let resumed = run.adphoto(
        &run.ldap.admin_dn.clone(),
        &run.ldap.password(),
        &run.photo_args(
            "set",
            &ou,
            &[
                "--report",
                resumed_report.to_str().unwrap(),
                "--resume",
                backup.to_str().unwrap(),
            ],
        ),
    );
    let resumed_text = String::from_utf8_lossy(&resumed.stdout).into_owned();
    assert_eq!(resumed.status.code(), Some(0), "{resumed_text}{}", stderr(&resumed));
    let resumed_items = statuses(&resumed_report);
    let rewritten: Vec<&String> = resumed_items
        .iter()
        .filter(|(_, i)| i["status"] == "written")
        .map(|(u, _)| u)
        .collect();
    let confirmed: Vec<&String> = resumed_items
        .iter()
        .filter(|(_, i)| i["confirmed"] == true)
        .map(|(u, _)| u)
        .collect();
    // Who is not counted once, with what each run said of them: the message to read
    // when this fails.
    let miscounted: Vec<String> = (0..400)
        .map(|i| format!("kl{i}"))
        .filter(|u| {
            usize::from(written.contains(u)) + usize::from(rewritten.contains(&u)) + usize::from(confirmed.contains(&u))
                != 1
        })
        .map(|u| {
            format!(
                "{u}: first {:?}, resume {:?}",
                first_items.get(&u),
                resumed_items.get(&u)
            )
        })
        .collect();
    assert!(
        miscounted.is_empty(),
        "written, then written or confirmed by the resume: every user once; not so for {miscounted:#?}"
    );
    for user in &confirmed {
        assert!(in_doubt.contains(user), "{user} confirmed, but it was not in doubt");
        assert_eq!(resumed_items[*user]["action"], "skip-unchanged");
    }
    for user in &failed {
        assert!(
            rewritten.contains(&user),
            "{user} failed and was not written by the resume"
        );
    }
    if !confirmed.is_empty() {
        assert!(
            resumed_text.contains(&format!("{} confirmed", confirmed.len())),
            "the summary counts what was confirmed: {resumed_text}"
        );
    }

    // Per the server's own log, each user's photo was applied exactly once: a logged
    // success, or the modify the kill cut off before its result was logged, when the
    // product learned it had arrived (its answer came, or the resume found it there).
    let log = run.ldap.modify_log();
    for (i, dn) in dns.iter().enumerate() {
        let user = format!("kl{i}");
        let arrived_unlogged = log.was_cut_off(dn) && (written.contains(&user) || confirmed.contains(&&user));
        assert_eq!(
            log.succeeded(dn) + usize::from(arrived_unlogged),
            1,
            "{dn} written exactly once (first run: {}, resume: {})",
            first_items[&user]["status"],
            resumed_items[&user]["status"]
        );
        let expected = std::fs::read(run.photos.join(format!("{user}.jpg"))).unwrap();
        let stored = run.ldap.values(dn, "thumbnailPhoto");
        assert_eq!(stored.len(), 1);
        assert_eq!(
            decode(&stored[0]),
            decode_resized(&expected),
            "{dn} holds its own photo"
        );
    }
}

/// The photo the engine makes from a file (so the test compares like with like).
fn decode_resized(file_bytes: &[u8]) -> image::RgbImage {
    let out = convert(
        file_bytes,
        &renditions(adphoto_core::photo::Preset::Ad),
        adphoto_core::photo::Fit::Crop,
    )
    .unwrap();
    decode(&out.outputs[0].jpeg)
}

#[test]
fn encryption_is_the_default_and_plain_ldap_must_be_asked_for() {
    let (run, ou) = Run::new("tls");
    run.ldap
        .add_users(&ou, "tls", 1, Some(&encode_jpeg(&noise_image(96, 96, 2), 85)));
    let pw = run.ldap.password();
    let report = |server: &str, extra: &[&str], ca: bool| -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adphoto"));
        c.args([
            "report",
            "--server",
            server,
            "--bind",
            &run.ldap.admin_dn,
            "--search-base",
            &ou,
        ])
        .args(extra)
        .env("ADPHOTO_PASSWORD", &pw);
        if ca {
            c.arg("--ca-cert").arg(&run.ldap.ca_cert);
        }
        c.output().unwrap()
    };
    assert_eq!(
        report(&run.ldap.ldaps_url, &[], true).status.code(),
        Some(0),
        "LDAPS with the CA"
    );
    assert_eq!(
        report(&run.ldap.url, &["--starttls"], true).status.code(),
        Some(0),
        "StartTLS"
    );
    let plain = report(&run.ldap.url, &[], true);
    assert_eq!(plain.status.code(), Some(2), "plain ldap:// is refused by default");
    assert!(stderr(&plain).contains("unencrypted"), "{}", stderr(&plain));
    assert_eq!(
        report(&run.ldap.url, &["--insecure"], false).status.code(),
        Some(0),
        "unless asked for"
    );
    let untrusted = report(&run.ldap.ldaps_url, &[], false);
    assert_eq!(untrusted.status.code(), Some(1), "the test CA is not a system CA");
    assert!(stderr(&untrusted).contains("certificate"), "{}", stderr(&untrusted));
    let no_password = Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(["report", "--server", &run.ldap.ldaps_url, "--bind", &run.ldap.admin_dn])
        .env_remove("ADPHOTO_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(no_password.status.code(), Some(2));
    assert!(stderr(&no_password).contains("never taken from the command line"));
}

#[test]
fn many_users_are_read_in_pages_when_the_server_limits_a_search() {
    let (run, ou) = Run::new("paged");
    run.ldap.add_users(&ou, "pg", 1234, None);
    // The administrator has no limit: one plain search.
    let out = run.admin(&["report", "--json", "--search-base", &ou]);
    assert_eq!(json_lines(&out).len(), 1234);
    // Any other account gets 500 entries per plain search, like AD's MaxPageSize:
    // adphoto must notice and read everything in pages.
    let writer = run.adphoto(
        &run.ldap.writer_dn.clone(),
        &run.ldap.password(),
        &["report", "--json", "--search-base", &ou],
    );
    assert_eq!(writer.status.code(), Some(0), "{}", stderr(&writer));
    assert_eq!(json_lines(&writer).len(), 1234);
}

#[allow(dead_code)]
fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn an_unchanged_rerun_converts_nothing_and_a_changed_file_is_converted_again() {
    let (run, ou) = Run::new("cache");
    let dns = run.staff(&ou, "ch", 3, 8);
    assert_eq!(run.set(&ou, &[]).status.code(), Some(0));
    let second = json_lines(&run.set(&ou, &[]));
    for item in &second {
        assert_eq!(item["action"], "skip-unchanged");
        assert!(
            item["reason"].as_str().unwrap().contains("file unchanged"),
            "decided from the cache: {item}"
        );
    }
    // A new photo for ch1 (new content, new modification time) is converted and written.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(run.photos.join("ch1.jpg"), encode_jpeg(&noise_image(300, 400, 999), 85)).unwrap();
    let third = json_lines(&run.set(&ou, &[]));
    let ch1 = third.iter().find(|i| i["user"] == "ch1").unwrap();
    assert_eq!(ch1["status"], "written", "{ch1}");
    // Someone else changed ch2's photo in the directory: the cache must not hide it.
    use base64::Engine;
    run.ldap.modify(&format!(
        "dn: {}\nchangetype: modify\nreplace: thumbnailPhoto\nthumbnailPhoto:: {}\n",
        dns[2],
        base64::engine::general_purpose::STANDARD.encode(encode_jpeg(&noise_image(96, 96, 1), 70))
    ));
    // Not hidden: it is seen as changed elsewhere since ADPhoto wrote it, and left alone
    // (two writers must not revert each other) until --force.
    let fourth = json_lines(&run.set(&ou, &[]));
    assert_eq!(
        fourth.iter().find(|i| i["user"] == "ch2").unwrap()["action"],
        "changed-elsewhere"
    );
    assert_eq!(fourth.iter().filter(|i| i["action"] == "skip-unchanged").count(), 2);
    let forced = json_lines(&run.set(&ou, &["--force"]));
    assert_eq!(forced.iter().find(|i| i["user"] == "ch2").unwrap()["status"], "written");
}
