//! Running a tool's processes and accounting for what they cost.
//!
//! CPU time comes from the kernel's own accounting of each finished child (`wait4`),
//! not from a clock around it: wall time on a shared two-core machine measures the
//! neighbours as much as the tool, and CPU time also counts every thread a tool starts,
//! so a tool cannot look fast by quietly using a second core.
//!
//! Each tool is started by a small launcher (this program re-run as `photo-bench
//! __measure PROGRAM ARGS...`) rather than by the benchmark itself. Linux carries a
//! process's peak RSS across exec() and seeds it from the memory of whoever spawned
//! it, so a tool spawned straight from a benchmark holding a few hundred MB of photos
//! would be charged for them. The launcher is a fresh, small process; it waits for the
//! tool and reports the tool's own figures on its stdout.

use std::ffi::OsString;
use std::fs::File;
use std::os::fd::AsFd;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::BenchResult;

/// The first argument that turns this program into the launcher.
pub const LAUNCHER_ARG: &str = "__measure";

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
    /// Cores kept busy by everything else on the machine meanwhile, on average: the
    /// figures are only as good as this is small.
    pub background_cores: Option<f64>,
}

impl Usage {
    pub fn peak_rss_mb(&self) -> f64 {
        self.peak_rss_kib as f64 * 1024.0 / 1e6
    }
}

/// One finished process, as the kernel accounted for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub cpu: Duration,
    pub max_rss_kib: u64,
    /// Why it did not exit with status 0, if it did not.
    pub problem: Option<String>,
}

/// Runs `commands` one after another through `launcher`, their output going to `log`
/// (kept out of the terminal, and read back only to explain a failure).
pub fn run_all(commands: Vec<Command>, log: &Path, launcher: &Path) -> BenchResult<Usage> {
    let mut usage = Usage::default();
    let log_file = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let busy_before = machine_busy();
    let started = Instant::now();
    for command in commands {
        let program = command.get_program().to_string_lossy().into_owned();
        let mut wrapped = Command::new(launcher);
        wrapped
            .arg(LAUNCHER_ARG)
            .arg(command.get_program())
            .args(command.get_args());
        for (key, value) in command.get_envs() {
            match value {
                Some(v) => wrapped.env(key, v),
                None => wrapped.env_remove(key),
            };
        }
        let stderr = log_file.try_clone().map_err(|e| e.to_string())?;
        let output = wrapped
            .stdin(Stdio::null())
            .stderr(stderr)
            .output()
            .map_err(|e| format!("cannot start the launcher {}: {e}", launcher.display()))?;
        let report = String::from_utf8_lossy(&output.stdout);
        match parse_report(&report) {
            Ok(m) => {
                usage.processes += 1;
                usage.cpu += m.cpu;
                usage.peak_rss_kib = usage.peak_rss_kib.max(m.max_rss_kib);
                if let Some(problem) = m.problem {
                    let said = last_line(log).map_or(String::new(), |l| format!(": \"{l}\""));
                    usage
                        .failures
                        .push(format!("{program}: {problem}{said} (see {})", log.display()));
                }
            }
            Err(e) => usage.failures.push(format!("{program}: {e}")),
        }
    }
    usage.wall = started.elapsed();
    usage.background_cores = machine_busy().zip(busy_before).map(|(after, before)| {
        let others = after.saturating_sub(before).as_secs_f64() - usage.cpu.as_secs_f64();
        (others / usage.wall.as_secs_f64().max(1e-9)).max(0.0)
    });
    Ok(usage)
}

/// The launcher: runs `args` (program first), its stdout and stderr both going to the
/// launcher's stderr, and prints the measurement as one JSON line on stdout.
pub fn launcher_main(args: Vec<OsString>) -> ExitCode {
    let Some((program, rest)) = args.split_first() else {
        println!("{}", json!({ "error": "no program given" }));
        return ExitCode::FAILURE;
    };
    let mut command = Command::new(program);
    command.args(rest);
    let report = match std::io::stderr().as_fd().try_clone_to_owned() {
        Ok(fd) => match measure(command.stdout(fd)) {
            Ok(m) => json!({
                "cpu_us": m.cpu.as_micros() as u64,
                "max_rss_kib": m.max_rss_kib,
                "problem": m.problem,
            }),
            Err(e) => json!({ "error": e }),
        },
        Err(e) => json!({ "error": e.to_string() }),
    };
    println!("{report}");
    ExitCode::SUCCESS
}

fn parse_report(line: &str) -> Result<Measured, String> {
    let v: serde_json::Value =
        serde_json::from_str(line.trim()).map_err(|_| format!("the launcher said {:?}", line.trim()))?;
    if let Some(e) = v["error"].as_str() {
        return Err(e.to_string());
    }
    Ok(Measured {
        cpu: Duration::from_micros(v["cpu_us"].as_u64().unwrap_or_default()),
        max_rss_kib: v["max_rss_kib"].as_u64().unwrap_or_default(),
        problem: v["problem"].as_str().map(str::to_string),
    })
}

/// Starts `command`, waits for it, and returns what the kernel accounted to it.
pub fn measure(command: &mut Command) -> Result<Measured, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let child = command
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let (status, rusage) = wait(child.id() as libc::pid_t)?;
    Ok(Measured {
        cpu: timeval(rusage.ru_utime) + timeval(rusage.ru_stime),
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: rusage.ru_maxrss as u64,
        problem: describe_status(status),
    })
}

/// The last thing a tool said, which is usually why it failed.
fn last_line(log: &Path) -> Option<String> {
    let text = std::fs::read_to_string(log).ok()?;
    let line = text.lines().rev().find(|l| !l.trim().is_empty())?.trim();
    Some(line.chars().take(200).collect())
}

/// CPU time spent by the whole machine since boot, from /proc/stat: user, nice,
/// system, irq, softirq and steal (stolen time is a neighbour's work too).
fn machine_busy() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .map_while(|v| v.parse().ok())
        .collect();
    let busy: u64 = [0, 1, 2, 5, 6, 7].iter().filter_map(|&i| ticks.get(i)).sum();
    // Safety: sysconf only reads a configuration value.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (hz > 0).then(|| Duration::from_secs_f64(busy as f64 / hz as f64))
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
    fn counts_cpu_and_memory_and_reports_failures() {
        let mut busy = Command::new("sh");
        busy.args(["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"]);
        let m = measure(&mut busy).unwrap();
        assert!(m.cpu > Duration::from_millis(10), "{:?}", m.cpu);
        assert!(m.max_rss_kib > 0);
        assert_eq!(m.problem, None);

        let mut failing = Command::new("sh");
        failing.args(["-c", "exit 3"]);
        assert_eq!(measure(&mut failing).unwrap().problem.as_deref(), Some("exit status 3"));
        assert!(measure(&mut Command::new("/nonexistent/tool")).is_err());
    }

    #[test]
    fn reads_the_launcher_report() {
        let m = parse_report(r#"{"cpu_us": 1500000, "max_rss_kib": 2048, "problem": null}"#).unwrap();
        assert_eq!(
            (m.cpu, m.max_rss_kib, m.problem),
            (Duration::from_millis(1500), 2048, None)
        );
        assert!(parse_report(r#"{"error": "cannot start x"}"#).is_err());
        assert!(parse_report("").is_err());
    }
}
