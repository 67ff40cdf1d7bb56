//! One run into several targets, against each alone: a real Samba AD DC
//! (tests/services/samba.sh), the local Microsoft Graph fake and the local Google fake
//! (each answering after `--latency-ms`), portraits of 1200x1600.
//!
//!     tests/bench/targets-bench.sh [--ad-users M] [--users N] [--latency-ms MS] [--rounds R]
//!                                  [--portraits faces|plain]
//!
//! `--portraits faces` (the default) are drawn head-and-shoulders portraits, as a
//! photographer's folder holds: face framing finds the face on its first look.
//! `--portraits plain` are faceless shaded pictures, the worst case for face framing:
//! every look is made before each falls back to the centre, so conversion costs
//! several times as much and the runs are bound by it.
//!
//! Prints, side by side on one machine:
//! - AD first run of `--ad-users` portraits (default 2000, so that writing is not
//!   negligible): `adphoto set` (list, convert, compare, back up, write, journal; the
//!   writes start while the photos still convert) against the longer of converting the
//!   same files alone (`adphoto convert --preset ad`: read, decode, find the face,
//!   encode, write the files) and `ldapmodify` writing the same pre-converted bytes
//!   alone (one LDIF, one connection); goal <= 1.1x.
//! - AD + Microsoft 365 + Google in one `adphoto set` of `--users` portraits (default
//!   200; every photo decoded once for the three) against the slowest of the three run
//!   alone; goal <= 1.1x (and the sum of the three, which is what it replaces). With
//!   `--rounds R` the four runs are repeated R times, interleaved, and each
//!   configuration's fastest run is compared (with every round's own ratio).
//!
//! Every adphoto run is a first run: photos cleared, a fresh data folder (no conversion
//! cache, no ledger). Needs root (Samba's ports are fixed and privileged).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use adphoto_fakes::google::config::GoogleConfig;
use adphoto_fakes::google::{self, service_account, GoogleServer};
use adphoto_fakes::graph::config::{GraphConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use adphoto_fakes::graph::{self, GraphServer};
use serde_json::{json, Value};

use adphoto_bench::samba_dc::{start_samba, stop_samba, Dc};

const TENANT: &str = "contoso.onmicrosoft.com";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let number = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let users = number("--users", 200) as usize;
    let ad_users = (number("--ad-users", 2000) as usize).max(users);
    let latency = number("--latency-ms", 50);
    let rounds_asked = number("--rounds", 1).max(1) as usize;
    let portraits = match args
        .iter()
        .position(|a| a == "--portraits")
        .and_then(|i| args.get(i + 1))
    {
        None => Portraits::Faces,
        Some(v) if v == "faces" => Portraits::Faces,
        Some(v) if v == "plain" => Portraits::Plain,
        Some(v) => panic!("--portraits {v}: faces or plain"),
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let adphoto = std::env::var("ADPHOTO")
        .map(PathBuf::from)
        .unwrap_or_else(|_| target_dir(&root).join("release/adphoto"));
    let work = root.join("tests/bench/work/targets");
    stop_samba(&root, &work);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("photos")).expect("work folder");
    let dc = start_samba(&root, &work);
    let _stop = StopOnExit(root.clone(), work.clone());
    let ou = format!("OU=Targets,{}", dc.base);
    println!(
        "targets-bench: {} of 1200x1600, {ad_users} into AD alone, {users} into three targets; Samba AD DC; \
         Graph and Google fakes with {latency} ms per request",
        portraits.name()
    );
    create_users(&dc, &ou, ad_users, &work);
    write_portraits(&work.join("photos"), ad_users, portraits);
    // The three-target runs take the first `users` of them.
    let few = work.join("photos-few");
    std::fs::create_dir_all(&few).expect("folder");
    for i in 0..users {
        let name = format!("E{i}.jpg");
        std::fs::hard_link(work.join("photos").join(&name), few.join(&name)).expect("photo link");
    }
    let key = service_account::generate("http://unused/token", None, None)
        .expect("a service account key")
        .0;

    // The bytes ldapmodify writes are adphoto's own conversion of the same files.
    let csv = work.join("users.csv");
    let mut text = String::from("SamAccountName,DistinguishedName,EmployeeID\n");
    for i in 0..ad_users {
        text.push_str(&format!("t{i},\"CN=Target User {i},{ou}\",E{i}\n"));
    }
    std::fs::write(&csv, text).expect("users.csv");
    let ldif = work.join("photos.ldif");
    let made = adphoto_cmd(&adphoto, &work, "ldif")
        .args(["set", "-q", "--pattern", "{employeeID}", "--photos"])
        .arg(work.join("photos"))
        .arg("--users")
        .arg(&csv)
        .arg("--to")
        .arg(format!("ldif:{}", ldif.display()))
        .output()
        .expect("adphoto");
    assert!(
        made.status.success(),
        "the LDIF: {}",
        String::from_utf8_lossy(&made.stderr)
    );

    let convert = timed(|| {
        let out = adphoto_cmd(&adphoto, &work, "convert")
            .args(["convert", "-q", "--preset", "ad", "--out-dir"])
            .arg(work.join("converted"))
            .arg(work.join("photos"))
            .output()
            .expect("adphoto convert");
        assert!(
            out.status.success(),
            "convert: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    clear_photos(&dc, &ou, ad_users, &work);
    let ldapmodify = timed(|| {
        let out = dc.tool("ldapmodify", &["-f", ldif.to_str().unwrap_or_default()]);
        assert!(
            out.status.success(),
            "ldapmodify: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    });

    let targets = Targets {
        adphoto: &adphoto,
        work: &work,
        dc: &dc,
        ou: &ou,
        users,
        ad_users,
        latency,
        key: &key,
    };
    let ad_first = targets.run("ad-first", &[Target::Ad]);
    // The three-target comparison, `--rounds` times over, the four runs of a round one
    // after another so that a change in the machine's load falls on all four: each
    // round's ratio, and the ratio of each configuration's fastest run.
    let mut rounds: Vec<[Duration; 4]> = Vec::new();
    for round in 1..=rounds_asked {
        println!("  round {round} of {rounds_asked}:");
        rounds.push([
            targets.run("ad", &[Target::Ad]),
            targets.run("graph", &[Target::Graph]),
            targets.run("google", &[Target::Google]),
            targets.run("all", &[Target::Ad, Target::Graph, Target::Google]),
        ]);
    }
    let fastest = |i: usize| rounds.iter().map(|r| r[i]).min().unwrap_or_default();
    let (ad, graph_alone, google_alone, all) = (fastest(0), fastest(1), fastest(2), fastest(3));
    let mut per_round: Vec<f64> = rounds
        .iter()
        .map(|r| r[3].as_secs_f64() / r[0].max(r[1]).max(r[2]).as_secs_f64())
        .collect();
    per_round.sort_by(f64::total_cmp);

    let s = |d: Duration| d.as_secs_f64();
    println!();
    println!("  {:<58}{:>8}", "what", "wall s");
    println!("  {ad_users} portraits into AD:");
    println!(
        "  {:<58}{:>8.2}",
        "adphoto convert --preset ad (conversion alone)",
        s(convert)
    );
    println!(
        "  {:<58}{:>8.2}",
        "ldapmodify of the same pre-converted bytes (writing alone)",
        s(ldapmodify)
    );
    println!("  {:<58}{:>8.2}", "adphoto set --to AD, first run", s(ad_first));
    println!("  {users} portraits (the fastest of {rounds_asked} round(s)):");
    println!("  {:<58}{:>8.2}", "adphoto set --to AD, first run", s(ad));
    println!("  {:<58}{:>8.2}", "adphoto set --to graph:, first run", s(graph_alone));
    println!(
        "  {:<58}{:>8.2}",
        "adphoto set --to google:, first run",
        s(google_alone)
    );
    println!(
        "  {:<58}{:>8.2}",
        "adphoto set --to AD --to graph: --to google:, first run",
        s(all)
    );
    let longer = convert.max(ldapmodify);
    let single = s(ad_first) / s(longer);
    println!(
        "\n  AD first run vs the longer of conversion alone and ldapmodify alone: {single:.2}x ({})",
        verdict(single <= 1.1)
    );
    let slowest = ad.max(graph_alone).max(google_alone);
    let three = s(all) / s(slowest);
    println!(
        "  three targets in one run vs the slowest alone: {three:.2}x ({}); the three runs one after another: {:.2} s",
        verdict(three <= 1.1),
        s(ad + graph_alone + google_alone)
    );
    if per_round.len() > 1 {
        let list: Vec<String> = per_round.iter().map(|r| format!("{r:.2}x")).collect();
        println!(
            "  each round's ratio: {} (median {:.2}x)",
            list.join(", "),
            per_round[per_round.len() / 2]
        );
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Ad,
    Graph,
    Google,
}

struct Targets<'a> {
    adphoto: &'a Path,
    work: &'a Path,
    dc: &'a Dc,
    ou: &'a str,
    users: usize,
    ad_users: usize,
    latency: u64,
    key: &'a Value,
}

impl Targets<'_> {
    /// One timed first run of `adphoto set` into `which`, on fresh fakes and an AD
    /// without photos; checks that every photo arrived.
    /// `ad-first` is the AD run of every portrait; the others take the first `users`.
    fn run(&self, label: &str, which: &[Target]) -> Duration {
        clear_photos(self.dc, self.ou, self.ad_users, self.work);
        let (folder, count) = match label {
            "ad-first" => ("photos", self.ad_users),
            _ => ("photos-few", self.users),
        };
        let graph = self.graph();
        let (google, key_file) = self.google(label);
        // A first run each time: no conversion cache, no ledger from an earlier round.
        let _ = std::fs::remove_dir_all(self.work.join(format!("data-{label}")));
        let mut c = adphoto_cmd(self.adphoto, self.work, label);
        c.args(["set", "-q", "--pattern", "{employeeID}", "--photos"])
            .arg(self.work.join(folder))
            .arg("--ca-cert")
            .arg(&self.dc.ca_cert)
            .args(["--bind", &self.dc.admin_upn, "--search-base", self.ou])
            .args(["--tenant", TENANT, "--client-id", DEFAULT_CLIENT_ID])
            .args(["--login-url", &graph.url(), "--graph-url", &graph.url()])
            .arg("--key-file")
            .arg(&key_file)
            .args(["--subject", "admin@example.com", "--api-url", &google.url()])
            .env("ADPHOTO_PASSWORD", &self.dc.password)
            .env("ADPHOTO_CLIENT_SECRET", DEFAULT_CLIENT_SECRET);
        for t in which {
            c.arg("--to").arg(match t {
                Target::Ad => "ldaps://127.0.0.1",
                Target::Graph => "graph:contoso.onmicrosoft.com",
                Target::Google => "google:",
            });
        }
        let took = timed(|| {
            let out = c.output().expect("adphoto set");
            assert!(
                out.status.success(),
                "{label}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        });
        let stored = |puts: &Value| {
            puts.as_object()
                .map_or(0, |m| m.values().filter_map(Value::as_u64).sum::<u64>())
        };
        if which.contains(&Target::Graph) {
            let g = graph.state.lock();
            let puts = serde_json::to_value(&g.stats).unwrap_or_default();
            assert_eq!(stored(&puts["photo_puts"]), self.users as u64, "{label}: Graph uploads");
        }
        if which.contains(&Target::Google) {
            let g = google.state.lock();
            let found = (0..self.users)
                .filter(|i| {
                    g.users
                        .find(&format!("t{i}@example.com"))
                        .is_some_and(|u| g.users.get(u).admin_photo.is_some())
                })
                .count();
            assert_eq!(found, self.users, "{label}: Google photos");
        }
        if which.contains(&Target::Ad) {
            self.check_ad(label, count);
        }
        println!("  {label:<8} {:.2} s", took.as_secs_f64());
        took
    }

    /// Every one of the first `count` users has a photo in AD.
    fn check_ad(&self, label: &str, count: usize) {
        let out = self.dc.tool(
            "ldapsearch",
            &[
                "-E",
                "pr=500/noprompt",
                "-b",
                self.ou,
                "-s",
                "one",
                "(thumbnailPhoto=*)",
                "dn",
            ],
        );
        let found = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("dn:"))
            .count();
        assert_eq!(found, count, "{label}: AD photos");
    }

    fn graph(&self) -> GraphServer {
        let config = GraphConfig {
            latency_ms: self.latency,
            ..GraphConfig::default()
        };
        let server = graph::spawn(config, 0).expect("the Graph fake");
        let seeds: Vec<Value> = (0..self.users)
            .map(|i| json!({"userPrincipalName": format!("t{i}@contoso.com"), "employeeId": format!("E{i}")}))
            .collect();
        graph::seed(&server.state, Value::Array(seeds)).expect("Graph users");
        server
    }

    fn google(&self, label: &str) -> (GoogleServer, PathBuf) {
        let config = GoogleConfig {
            latency_ms: self.latency,
            ..GoogleConfig::default()
        };
        let server = google::spawn(config, 0).expect("the Google fake");
        let mut key = self.key.clone();
        key["token_uri"] = json!(server.state.token_uri());
        let credential = service_account::credential_from_key_file(&key).expect("credential");
        google::admin::trust(&server.state, credential).expect("trust the key");
        let seeds: Vec<Value> = (0..self.users)
            .map(|i| json!({"primaryEmail": format!("t{i}@example.com"), "employeeId": format!("E{i}")}))
            .collect();
        google::seed(&server.state, Value::Array(seeds)).expect("Google users");
        let key_file = self.work.join(format!("key-{label}.json"));
        std::fs::write(&key_file, serde_json::to_vec(&key).unwrap_or_default()).expect("key file");
        (server, key_file)
    }
}

/// adphoto with a data folder of its own (no conversion cache, no ledger of earlier runs).
fn adphoto_cmd(adphoto: &Path, work: &Path, label: &str) -> Command {
    let mut c = Command::new(adphoto);
    c.env("XDG_DATA_HOME", work.join(format!("data-{label}")))
        .env_remove("GOOGLE_APPLICATION_CREDENTIALS");
    c
}

struct StopOnExit(PathBuf, PathBuf);

impl Drop for StopOnExit {
    fn drop(&mut self) {
        stop_samba(&self.0, &self.1);
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "goal met"
    } else {
        "goal missed"
    }
}

fn timed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"))
}

fn create_users(dc: &Dc, ou: &str, users: usize, work: &Path) {
    let mut ldif = format!("dn: {ou}\nchangetype: add\nobjectClass: organizationalUnit\n\n");
    for i in 0..users {
        ldif.push_str(&format!(
            "dn: CN=Target User {i},{ou}\nchangetype: add\nobjectClass: user\nsAMAccountName: t{i}\n\
             givenName: Target\nsn: User{i}\nemployeeID: E{i}\nuserAccountControl: 544\n\n"
        ));
    }
    dc.apply(&ldif, work, "users.ldif", false);
}

fn clear_photos(dc: &Dc, ou: &str, users: usize, work: &Path) {
    let mut ldif = String::new();
    for i in 0..users {
        ldif.push_str(&format!(
            "dn: CN=Target User {i},{ou}\nchangetype: modify\ndelete: thumbnailPhoto\n-\n\n"
        ));
    }
    dc.apply(&ldif, work, "clear.ldif", true);
}

/// The portraits the runs convert: `E{i}.jpg`, 1200x1600, each distinct.
#[derive(Clone, Copy, PartialEq)]
enum Portraits {
    /// Drawn head-and-shoulders portraits (the photo benchmark's generator): the face
    /// is found on the detector's first look, as in a photographer's folder.
    Faces,
    /// Smooth shading with grain and no face: every look of the detector is made and
    /// each photo falls back to the centre (the worst case for face framing).
    Plain,
}

impl Portraits {
    fn name(self) -> &'static str {
        match self {
            Portraits::Faces => "drawn head-and-shoulders portraits",
            Portraits::Plain => "faceless shaded pictures",
        }
    }
}

fn write_portraits(folder: &Path, users: usize, kind: Portraits) {
    let indices: Vec<usize> = (0..users).collect();
    adphoto_bench::parallel::map(&indices, |&i| {
        let rgb = match kind {
            Portraits::Faces => drawn_portrait(i),
            Portraits::Plain => plain_picture(i),
        };
        let jpeg = turbojpeg::compress(
            turbojpeg::Image {
                pixels: rgb.as_slice(),
                width: 1200,
                pitch: 1200 * 3,
                height: 1600,
                format: turbojpeg::PixelFormat::RGB,
            },
            90,
            turbojpeg::Subsamp::Sub2x2,
        )
        .expect("encode");
        std::fs::write(folder.join(format!("E{i}.jpg")), &*jpeg).expect("photo");
    });
}

/// Portrait `i`: one of 64 drawn people, with the user's number written into the
/// grain of the bottom row so that every file (and every source checksum) differs.
fn drawn_portrait(i: usize) -> Vec<u8> {
    let spec = adphoto_bench::portrait::PortraitSpec {
        width: 1200,
        height: 1600,
        seed: adphoto_bench::noise::hash(&[0x07A2_6E75, (i % 64) as u64]),
        detail: 1.5,
        grain: 4.0,
    };
    let mut rgb = adphoto_bench::portrait::render(&spec);
    let last_row = (1600 - 1) * 1200 * 3;
    for bit in 0..32 {
        if (i >> bit) & 1 == 1 {
            let at = last_row + bit * 3;
            rgb[at] ^= 0x40;
        }
    }
    rgb
}

/// Smooth shading with grain, no face.
fn plain_picture(i: usize) -> Vec<u8> {
    let (w, h) = (1200usize, 1600usize);
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
    let mut rgb = vec![0u8; w * h * 3];
    for (n, px) in rgb.chunks_exact_mut(3).enumerate() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let (x, y) = (n % w, n / w);
        let grain = (state >> 61) as u8;
        px.copy_from_slice(&[
            ((x * 255 / w) as u8).wrapping_add(grain).wrapping_add(i as u8),
            ((y * 255 / h) as u8).wrapping_add(grain),
            (((x + y) * 127 / w) as u8).wrapping_add((i * 7) as u8),
        ]);
    }
    rgb
}
