//! Running a tool's processes and accounting for what they cost.
//!
//! CPU time comes from the kernel's own accounting of each finished child (`wait4`),
//! not from a clock around it: wall time on a shared two-core machine measures the
//! neighbours as much as the tool, and CPU time also counts every thread a tool starts,
//! so a tool cannot look fast by quietly using a second core.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::BenchResult;

/// What a set of processes cost, together.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// User plus system CPU time of every process (and anything it waited for).
    pub cpu: Duration,
    /// Wall time from the first start to the last exit.
    pub wall: Duration,
    /// The largest peak resident set of any one process, in KiB.
    pub peak_rss_kib: u64,
    pub processes: usize,
    /// One line per process that did not exit with status 0.
    pub failures: Vec<String>,
}

impl Usage {
    pub fn peak_rss_mb(&self) -> f64 {
        self.peak_rss_kib as f64 * 1024.0 / 1e6
    }
}

/// Runs `commands` one after another, appending their output to `log` (kept out of the
/// terminal, and read back only to explain a failure).
pub fn run_all(commands: Vec<Command>, log: &Path) -> BenchResult<Usage> {
    let mut usage = Usage::default();
    let log_file = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let started = Instant::now();
    for mut command in commands {
        let program = command.get_program().to_string_lossy().into_owned();
        let stdout = log_file.try_clone().map_err(|e| e.to_string())?;
        let stderr = log_file.try_clone().map_err(|e| e.to_string())?;
        let child = command
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn();
        let child = match child {
            Ok(c) => c,
            Err(e) => {
                usage.failures.push(format!("{program}: cannot start: {e}"));
                continue;
            }
        };
        let (status, rusage) = wait(child.id() as libc::pid_t)?;
        usage.processes += 1;
        usage.cpu += timeval(rusage.ru_utime) + timeval(rusage.ru_stime);
        // Linux reports ru_maxrss in KiB.
        usage.peak_rss_kib = usage.peak_rss_kib.max(rusage.ru_maxrss as u64);
        if let Some(problem) = describe_status(status) {
            usage
                .failures
                .push(format!("{program}: {problem} (see {})", log.display()));
        }
    }
    usage.wall = started.elapsed();
    Ok(usage)
}

/// Waits for one child and takes its resource usage from the same system call, so the
/// figures belong to exactly that process.
fn wait(pid: libc::pid_t) -> BenchResult<(libc::c_int, libc::rusage)> {
    let mut status: libc::c_int = 0;
    // Safety: rusage is plain old data that the kernel fills in; zero is a valid value.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // Safety: both pointers are to live locals of the right types.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut rusage) };
        if r == pid {
            return Ok((status, rusage));
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4({pid}): {err}"));
        }
    }
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

fn describe_status(status: libc::c_int) -> Option<String> {
    if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 => None,
            code => Some(format!("exit status {code}")),
        }
    } else if libc::WIFSIGNALED(status) {
        Some(format!("killed by signal {}", libc::WTERMSIG(status)))
    } else {
        Some(format!("stopped with wait status {status:#x}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cpu_and_reports_failures() {
        let log =
            std::env::temp_dir().join(format!("photo-bench-measure-{}.log", std::process::id()));
        let mut busy = Command::new("sh");
        busy.args(["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"]);
        let mut failing = Command::new("sh");
        failing.args(["-c", "exit 3"]);
        let usage = run_all(vec![busy, failing, Command::new("/nonexistent/tool")], &log).unwrap();
        assert_eq!(usage.processes, 2);
        assert!(usage.cpu > Duration::from_millis(10), "{:?}", usage.cpu);
        assert!(usage.peak_rss_kib > 0);
        assert_eq!(usage.failures.len(), 2, "{:?}", usage.failures);
        assert!(usage.failures[0].contains("exit status 3"));
        let _ = std::fs::remove_file(log);
    }
}
