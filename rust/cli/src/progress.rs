//! A one-line progress display on stderr, shown only on a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    total: usize,
    done: usize,
    failed: usize,
    started: Instant,
    last_draw: Option<Instant>,
    enabled: bool,
    noun: &'static str,
}

impl Progress {
    pub fn new(total: usize, noun: &'static str, quiet: bool) -> Progress {
        Progress {
            total,
            done: 0,
            failed: 0,
            started: Instant::now(),
            last_draw: None,
            enabled: !quiet && std::io::stderr().is_terminal(),
            noun,
        }
    }

    /// The total, once the work has been counted.
    pub fn set_total(&mut self, total: usize) {
        self.total = total;
    }

    pub fn advance(&mut self, failed: bool) {
        self.done += 1;
        self.failed += usize::from(failed);
        let due = self.last_draw.is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
        if self.enabled && (due || self.done == self.total) {
            self.draw();
        }
    }

    /// Clears the line so that normal output continues on a clean line.
    pub fn clear(&mut self) {
        if self.enabled && self.last_draw.is_some() {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    fn draw(&mut self) {
        const WIDTH: usize = 30;
        let filled = (self.done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        let rate = self.done as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        let failed = if self.failed > 0 {
            format!(", {} failed", self.failed)
        } else {
            String::new()
        };
        eprint!(
            "\r\x1b[2K[{}{}] {}/{} {} ({rate:.1}/s{failed})",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            self.done,
            self.total,
            self.noun
        );
        let _ = std::io::stderr().flush();
        self.last_draw = Some(Instant::now());
    }
}
