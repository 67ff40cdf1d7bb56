//! The real `adphoto` binary run as a child process: with a deadline, so that a hang
//! fails the test instead of stalling the suite, and with the child's own peak memory
//! (its maximum resident set size, which does not depend on how busy the machine is).

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

pub struct Finished {
    /// The exit code; `None` when the child was killed (deadline) or died of a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident memory of the child, in bytes.
    pub peak_rss: u64,
    pub timed_out: bool,
}

impl Finished {
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
            .collect()
    }
}

/// Runs the `adphoto` binary at `adphoto` (a test's `env!("CARGO_BIN_EXE_adphoto")`)
/// with ARGS, killing it after `deadline`.
///
/// The child is started through GNU `time` and `timeout`, two small processes: its peak
/// memory is then its own. (Measured from this test process, with `wait4`, it would also
/// count this process's memory, which a child shares until it starts the program.)
pub fn run_adphoto<S: AsRef<OsStr>>(adphoto: &str, args: &[S], envs: &[(&str, &str)], deadline: Duration) -> Finished {
    let peak_file = std::env::temp_dir().join(format!(
        "adphoto-peak-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let mut command = Command::new("/usr/bin/time");
    command
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&peak_file)
        .arg("timeout")
        .arg("-s")
        .arg("KILL")
        .arg(deadline.as_secs().max(1).to_string())
        .arg(adphoto)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        command.env(k, v);
    }
    let mut child = command
        .spawn()
        .expect("start adphoto under /usr/bin/time (Debian package: time)");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = child.wait().expect("wait for adphoto");
    let report = std::fs::read_to_string(&peak_file).unwrap_or_default();
    let _ = std::fs::remove_file(&peak_file);
    // The last line is the peak in KiB; a line before it notes a signal or exit status.
    let peak_kib: u64 = report.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    let code = status.code().filter(|c| *c != 137);
    Finished {
        code,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        peak_rss: peak_kib * 1024,
        timed_out: status.code() == Some(137),
    }
}

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
