//! Microsoft Graph benchmark: 2,000 users on the local Graph fake with 50 ms of latency
//! per request and Graph's limit of 4 concurrent requests per app. Side by side:
//!
//! - adphoto's first run (`adphoto graph set`: list users, read current photos in
//!   `$batch`es, plan, upload what changed), wall time from start to exit;
//! - a plain sequential HTTP loop, what an `Invoke-RestMethod` loop does: one token,
//!   then one `PUT /users/{upn}/photo/$value` after another;
//! - the physical limit: users x latency / 4 (every upload takes the latency, and no
//!   more than 4 may run at once);
//! - adphoto's second run over unchanged photos (nothing to upload).
//!
//!     tests/bench/graph-bench.sh [--users N] [--latency-ms MS] [--concurrent C]
//!
//! Targets: at least 3.5x faster than the sequential loop, within 1.2x of the physical
//! limit, and no 429 caused by exceeding the concurrency limit.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use adphoto_fakes::graph::config::{GraphConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use adphoto_fakes::graph::{self, GraphServer};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let number = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let users = number("--users", 2000) as usize;
    let latency = number("--latency-ms", 50);
    let concurrent = number("--concurrent", 4) as u32;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let adphoto = std::env::var("ADPHOTO")
        .map(PathBuf::from)
        .unwrap_or_else(|_| target_dir(&root).join("release/adphoto"));
    let work = root.join("tests/bench/work/graph");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("photos")).expect("work folder");

    let config = GraphConfig {
        latency_ms: latency,
        max_concurrent_per_app: concurrent,
        ..GraphConfig::default()
    };
    let server = graph::spawn(config, 0).expect("start the Graph fake");
    let seeds: Vec<Value> = (0..users)
        .map(|i| json!({"userPrincipalName": format!("bench{i}@contoso.com"), "employeeId": format!("bench{i}")}))
        .collect();
    graph::seed(&server.state, Value::Array(seeds)).expect("seed users");
    write_photos(&work.join("photos"), users);
    println!("graph-bench: {users} users, {latency} ms latency per request, at most {concurrent} concurrent requests");

    let limit = Duration::from_millis(latency * users as u64 / u64::from(concurrent.max(1)));
    let first = run_adphoto(&adphoto, &server, &work);
    let after_first = stats(&server);
    let puts = total(&after_first["photo_puts"]);
    assert_eq!(puts, users as u64, "adphoto uploaded every photo");
    let second = run_adphoto(&adphoto, &server, &work);
    let after_second = stats(&server);
    assert_eq!(
        total(&after_second["photo_puts"]),
        puts,
        "the second run uploads nothing"
    );

    clear_photos(&server);
    let sequential = sequential_loop(&server.url(), &work.join("photos"), users);
    assert_eq!(total(&stats(&server)["photo_puts"]), 2 * users as u64);

    let secs = |d: Duration| d.as_secs_f64();
    println!();
    println!("  {:<44}{:>9.1} s", "adphoto graph set, first run", secs(first));
    println!(
        "  {:<44}{:>9.1} s",
        "sequential PUT loop (Invoke-RestMethod)",
        secs(sequential)
    );
    println!("  {:<44}{:>9.1} s", "physical limit (users x latency / 4)", secs(limit));
    println!(
        "  {:<44}{:>9.1} s",
        "adphoto graph set, unchanged second run",
        secs(second)
    );
    println!();
    let speedup = secs(sequential) / secs(first);
    let overhead = secs(first) / secs(limit);
    println!(
        "  adphoto vs sequential loop: {speedup:.2}x faster (target >= 3.5x) {}",
        verdict(speedup >= 3.5)
    );
    println!(
        "  adphoto vs physical limit:  {overhead:.2}x (target <= 1.2x) {}",
        verdict(overhead <= 1.2)
    );
    let throttled = after_first["throttled_429"].as_u64().unwrap_or(0);
    let rejections = after_first["concurrency_rejections"].as_u64().unwrap_or(0);
    let peak = after_first["max_concurrent_by_client"][DEFAULT_CLIENT_ID]
        .as_u64()
        .unwrap_or(0);
    println!(
        "  429s from exceeding the concurrency limit: {rejections} (all 429s: {throttled}; peak in flight {peak}; Retry-After violations {}) {}",
        after_first["retry_after_violations"],
        verdict(rejections == 0)
    );
    println!(
        "  requests of the first run: {} $batch, {} PUT, {} token",
        after_first["requests"]["POST /v1.0/$batch"],
        after_first["requests"]["PUT /v1.0/users/{id}/photo/$value"],
        after_first["requests"]["POST /{tenant}/oauth2/v2.0/token"]
    );
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "MISSED"
    }
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"))
}

/// `adphoto graph set` from start to exit, with a fresh conversion cache.
fn run_adphoto(adphoto: &Path, server: &GraphServer, work: &Path) -> Duration {
    let started = Instant::now();
    let out = Command::new(adphoto)
        .args(["graph", "set", "-q", "--pattern", "{employeeID}", "--photos"])
        .arg(work.join("photos"))
        .args(["--tenant", "contoso", "--client-id", DEFAULT_CLIENT_ID])
        .args(["--login-url", &server.url(), "--graph-url", &server.url()])
        .args(["--client-secret-env", "GRAPH_BENCH_SECRET"])
        .env("GRAPH_BENCH_SECRET", DEFAULT_CLIENT_SECRET)
        .env("XDG_DATA_HOME", work.join("data"))
        .output()
        .expect("run adphoto");
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "adphoto failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// The loop administrators write: sign in, then one PUT per user, one at a time.
fn sequential_loop(url: &str, photos: &Path, users: usize) -> Duration {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let started = Instant::now();
    let form = format!(
        "grant_type=client_credentials&client_id={DEFAULT_CLIENT_ID}&client_secret={DEFAULT_CLIENT_SECRET}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
    );
    let mut r = agent
        .post(format!("{url}/contoso/oauth2/v2.0/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(form.as_bytes())
        .expect("token");
    let token: Value = serde_json::from_slice(&r.body_mut().read_to_vec().expect("token body")).expect("json");
    let bearer = format!("Bearer {}", token["access_token"].as_str().expect("access_token"));
    for i in 0..users {
        let photo = std::fs::read(photos.join(format!("bench{i}.jpg"))).expect("photo");
        let r = agent
            .put(format!("{url}/v1.0/users/bench{i}@contoso.com/photo/$value"))
            .header("Authorization", &bearer)
            .header("Content-Type", "image/jpeg")
            .send(&photo[..])
            .expect("PUT");
        assert_eq!(r.status().as_u16(), 200, "the sequential loop is never throttled");
    }
    started.elapsed()
}

fn stats(server: &GraphServer) -> Value {
    let g = server.state.lock();
    let mut v = serde_json::to_value(&g.stats).expect("stats");
    if let (Some(o), Value::Object(r)) = (v.as_object_mut(), g.retry.report()) {
        o.extend(r);
    }
    if let (Some(o), Value::Object(r)) = (v.as_object_mut(), server.state.concurrency.report()) {
        o.extend(r);
    }
    v
}

fn total(counts: &Value) -> u64 {
    counts
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0)
}

fn clear_photos(server: &GraphServer) {
    let mut g = server.state.lock();
    for i in 0..g.users.all().len() {
        g.users.get_mut(i).photo = None;
    }
}

/// 648x648 portraits: already the size of the `hd` preset, so adphoto passes them
/// through as they are (as after `adphoto convert --preset hd`).
fn write_photos(folder: &Path, users: usize) {
    let mut state = 0x1234_5678_9abc_def0u64;
    for i in 0..users {
        let mut rgb = vec![0u8; 648 * 648 * 3];
        let base = [(i * 37 % 256) as u8, (i * 91 % 256) as u8, (i * 13 % 256) as u8];
        for (n, px) in rgb.chunks_exact_mut(3).enumerate() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let shade = ((n % 648 / 3) as u8).wrapping_add((state >> 61) as u8);
            px.copy_from_slice(&[base[0].wrapping_add(shade), base[1], base[2].wrapping_sub(shade)]);
        }
        let jpeg = turbojpeg::compress(
            turbojpeg::Image {
                pixels: rgb.as_slice(),
                width: 648,
                pitch: 648 * 3,
                height: 648,
                format: turbojpeg::PixelFormat::RGB,
            },
            85,
            turbojpeg::Subsamp::Sub2x2,
        )
        .expect("encode");
        std::fs::write(folder.join(format!("bench{i}.jpg")), &*jpeg).expect("photo");
    }
}
