//! LDAP benchmark: 5,000 users in a real Samba AD DC (tests/services/samba.sh), photos
//! already converted. Side by side: `ldapmodify` applying the equivalent LDIF over one
//! connection, adphoto's first run (read every user and photo, compare, back up,
//! write), and adphoto's second run (everything unchanged: nothing written).
//!
//!     tests/bench/ldap-bench.sh [--users N] [--rounds R]
//!
//! Needs root (Samba's ports are fixed and privileged). Targets: adphoto's first run no
//! slower than ldapmodify; the unchanged run at least 10x faster than the first.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use adphoto_bench::samba_dc::{start_samba, stop_samba, Dc};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let number = |flag: &str, default: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let users = number("--users", 5000);
    let rounds = number("--rounds", 2);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let adphoto = std::env::var("ADPHOTO")
        .map(PathBuf::from)
        .unwrap_or_else(|_| target_dir(&root).join("release/adphoto"));
    let work = root.join("tests/bench/work/ldap");
    stop_samba(&root, &work); // a run that crashed may have left its DC running
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("photos")).expect("work folder");

    let dc = start_samba(&root, &work);
    let _stop = StopOnExit(root.clone(), work.clone());
    let ou = format!("OU=Bench,{}", dc.base);
    println!(
        "ldap-bench: {users} users in {} (Samba AD DC, model {})",
        ou,
        std::env::var("ADPHOTO_SAMBA_MODEL").unwrap_or("single".into())
    );
    let started = Instant::now();
    create_users(&dc, &ou, users, &work);
    println!("  created the users in {:.1} s", started.elapsed().as_secs_f64());
    write_photos(&work.join("photos"), users);

    // The LDIF ldapmodify applies is made by adphoto from the same files, so both
    // tools write exactly the same bytes.
    let csv = work.join("users.csv");
    let mut text = String::from("SamAccountName,DistinguishedName\n");
    for i in 0..users {
        text.push_str(&format!("bench{i},\"CN=Bench User {i},{ou}\"\n"));
    }
    std::fs::write(&csv, text).expect("users.csv");
    let ldif = work.join("photos.ldif");
    let out = Command::new(&adphoto)
        .args(["set", "-q", "--photos"])
        .arg(work.join("photos"))
        .arg("--users")
        .arg(&csv)
        .arg("--target")
        .arg(format!("ldif:{}", ldif.display()))
        .output()
        .expect("adphoto");
    assert!(
        out.status.success(),
        "making the LDIF failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut best = [Duration::MAX; 3];
    for round in 1..=rounds {
        clear_photos(&dc, &ou, users, &work);
        let t = timed(|| {
            let out = dc.tool("ldapmodify", &["-f", ldif.to_str().unwrap_or_default()]);
            assert!(
                out.status.success(),
                "ldapmodify: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        });
        best[0] = best[0].min(t);
        clear_photos(&dc, &ou, users, &work);
        let extra: Vec<String> = std::env::var("ADPHOTO_BENCH_ARGS")
            .map(|a| a.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        // Each round is a first run: its own data folder, so neither the conversion cache
        // nor the record of what adphoto wrote (which would see the photos cleared above as
        // removed by someone else, and leave them alone) carries over from the last round.
        let data = work.join(format!("data-{round}"));
        let run = |label: &str| {
            let folder = work.join(format!("run-{label}-{round}"));
            let out = Command::new(&adphoto)
                .args(["set", "-q", "--server", "ldaps://127.0.0.1"])
                .args(&extra)
                .arg("--ca-cert")
                .arg(&dc.ca_cert)
                .args([
                    "--bind",
                    &dc.admin_upn,
                    "--search-base",
                    &ou,
                    "--pattern",
                    "{sAMAccountName}",
                    "--photos",
                ])
                .arg(work.join("photos"))
                .arg("--backup-dir")
                .arg(folder)
                .env("ADPHOTO_PASSWORD", &dc.password)
                .env("XDG_DATA_HOME", &data)
                .output()
                .expect("adphoto");
            assert!(
                out.status.success(),
                "adphoto {label}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let first = timed(|| run("first"));
        let unchanged = timed(|| run("second"));
        best[1] = best[1].min(first);
        best[2] = best[2].min(unchanged);
        println!(
            "  round {round}: ldapmodify {:.2} s, adphoto first {:.2} s, adphoto unchanged {:.2} s",
            t.as_secs_f64(),
            first.as_secs_f64(),
            unchanged.as_secs_f64()
        );
    }
    verify(&dc, &ou, users);
    let [ldapmodify, first, second] = best.map(|d| d.as_secs_f64());
    println!("\n  tool                          wall s   per user ms");
    println!(
        "  ldapmodify (one connection)  {ldapmodify:>7.2}   {:>8.3}",
        ldapmodify * 1000.0 / users as f64
    );
    println!(
        "  adphoto set, first run       {first:>7.2}   {:>8.3}",
        first * 1000.0 / users as f64
    );
    println!(
        "  adphoto set, unchanged run   {second:>7.2}   {:>8.3}",
        second * 1000.0 / users as f64
    );
    println!(
        "\n  first run vs ldapmodify: {:.2}x its time ({})",
        first / ldapmodify,
        verdict(first <= ldapmodify)
    );
    println!(
        "  unchanged vs first run: {:.1}x faster ({})",
        first / second,
        verdict(first / second >= 10.0)
    );
}

/// Stops the DC however the benchmark ends (a failed assertion included).
struct StopOnExit(PathBuf, PathBuf);

impl Drop for StopOnExit {
    fn drop(&mut self) {
        // ADPHOTO_BENCH_KEEP=1 leaves the DC up, to profile against it.
        if std::env::var_os("ADPHOTO_BENCH_KEEP").is_none() {
            stop_samba(&self.0, &self.1);
        }
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "MISS"
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
        // 544 = a normal account that needs no password: enabled, without the cost of
        // hashing 5,000 passwords.
        ldif.push_str(&format!(
            "dn: CN=Bench User {i},{ou}\nchangetype: add\nobjectClass: user\nsAMAccountName: bench{i}\n\
             givenName: Bench\nsn: User{i}\nuserAccountControl: 544\n\n"
        ));
    }
    dc.apply(&ldif, work, "users.ldif", false);
}

fn clear_photos(dc: &Dc, ou: &str, users: usize, work: &Path) {
    let mut ldif = String::new();
    for i in 0..users {
        ldif.push_str(&format!(
            "dn: CN=Bench User {i},{ou}\nchangetype: modify\ndelete: thumbnailPhoto\n-\n\n"
        ));
    }
    dc.apply(&ldif, work, "clear.ldif", true);
}

/// Distinct 96x96 JPEGs, one per user (already the size thumbnailPhoto needs).
fn write_photos(folder: &Path, users: usize) {
    let mut state = 0x1234_5678_9abc_def0u64;
    for i in 0..users {
        let mut rgb = vec![0u8; 96 * 96 * 3];
        let base = [(i * 37 % 256) as u8, (i * 91 % 256) as u8, (i * 13 % 256) as u8];
        for (n, px) in rgb.chunks_exact_mut(3).enumerate() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let shade = ((n % 96) as u8).wrapping_add((state >> 60) as u8);
            px.copy_from_slice(&[base[0].wrapping_add(shade), base[1], base[2].wrapping_sub(shade)]);
        }
        let jpeg = turbojpeg::compress(
            turbojpeg::Image {
                pixels: rgb.as_slice(),
                width: 96,
                pitch: 96 * 3,
                height: 96,
                format: turbojpeg::PixelFormat::RGB,
            },
            90,
            turbojpeg::Subsamp::Sub2x2,
        )
        .expect("encode");
        std::fs::write(folder.join(format!("bench{i}.jpg")), &*jpeg).expect("photo");
    }
}

fn verify(dc: &Dc, ou: &str, users: usize) {
    let out = dc.tool(
        "ldapsearch",
        &["-LLL", "-b", ou, "(thumbnailPhoto=*)", "1.1", "-E", "pr=1000/noprompt"],
    );
    let with_photo = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("dn:"))
        .count();
    assert_eq!(with_photo, users, "every user must end with a photo");
}
