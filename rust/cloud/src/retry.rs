//! When and how long to wait before trying again, shared by every worker of a run.
//!
//! Cloud services throttle per application, not per connection: when one worker is told
//! to slow down, all of them must. So the waiting is a shared `Throttle`: a gate that
//! closes until the server's `Retry-After` has passed (exactly: seconds or an HTTP
//! date), or for an exponential backoff with jitter when the server names no time, and
//! a limit on requests in flight that halves when throttling starts and grows back one
//! step per run of successes. The result is a pause, not a storm of retries.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use adphoto_core::cancel::Cancel;

/// How often an item is tried and how the waits between tries grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries per request, the first included.
    pub attempts: u32,
    /// First backoff when the server names no wait; doubles each time.
    pub base: Duration,
    /// Longest backoff without a `Retry-After`.
    pub max_backoff: Duration,
    /// Longest `Retry-After` obeyed; a longer one fails the item (the run would
    /// otherwise seem to hang).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 8,
            base: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// The wait before try `attempt + 1` (attempt 1 is the first retry): exponential,
    /// capped, with "full jitter" in its upper half so workers do not retry in step.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.max_backoff);
        let half = exp / 2;
        half + half.mul_f64(jitter())
    }
}

/// A number in [0, 1) from the system's random source (time-based if that fails).
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    let random = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    let n = match random {
        Ok(()) => u32::from_le_bytes(bytes),
        Err(_) => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0),
    };
    f64::from(n) / (f64::from(u32::MAX) + 1.0)
}

/// `Retry-After` as a wait from `now`: delay-seconds, or an HTTP date (IMF-fixdate,
/// RFC 850 or asctime, RFC 9110 §5.6.7). A date in the past means no wait.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>() {
        // Not in the RFC, but some services send fractions: honour them, rounded up.
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_millis((secs * 1000.0).ceil() as u64));
        }
    }
    let at = parse_http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since 1970 of an HTTP date.
fn parse_http_date(value: &str) -> Option<u64> {
    // Drop the weekday ("Sun, " / "Sunday, " / "Sun "), then read the rest.
    let rest = value.split_once(", ").map(|(_, r)| r);
    let (day, month, year, time) = match rest {
        Some(r) if r.contains('-') => {
            // RFC 850: 06-Nov-94 08:49:37 GMT
            let (date, time) = r.split_once(' ')?;
            let mut d = date.split('-');
            let (day, month, year) = (d.next()?, d.next()?, d.next()?);
            let year: i64 = year.parse().ok()?;
            let year = if year < 100 {
                year + if year < 70 { 2000 } else { 1900 }
            } else {
                year
            };
            (day.parse().ok()?, month, year, time.trim_end_matches(" GMT"))
        }
        Some(r) => {
            // IMF-fixdate: 06 Nov 1994 08:49:37 GMT
            let mut p = r.split_whitespace();
            let (day, month, year, time) = (p.next()?, p.next()?, p.next()?, p.next()?);
            (day.parse().ok()?, month, year.parse().ok()?, time)
        }
        None => {
            // asctime: Sun Nov  6 08:49:37 1994
            let mut p = value.split_whitespace().skip(1);
            let (month, day, time, year) = (p.next()?, p.next()?, p.next()?, p.next()?);
            (day.parse().ok()?, month, year.parse().ok()?, time)
        }
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    let mut t = time.split(':');
    let (h, m, s): (u64, u64, u64) = (
        t.next()?.parse().ok()?,
        t.next()?.parse().ok()?,
        t.next()?.parse().ok()?,
    );
    let day: i64 = day;
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    u64::try_from(days).ok().map(|d| d * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// What the caller should do after an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Done (success, or a failure that will not change by retrying).
    Final,
    /// The service is throttling the application: every worker pauses.
    Throttled { retry_after: Option<Duration> },
    /// A transient failure of this request only (a dropped connection).
    Transient,
}

struct GateState {
    /// No request may start before this.
    closed_until: Option<Instant>,
    /// Requests allowed in flight now (between 1 and `max`).
    limit: usize,
    in_flight: usize,
    /// Successes since the limit last changed.
    streak: usize,
    /// Throttling answers seen, for reports.
    throttled: u64,
}

/// The shared slowdown: every request of a run passes through `enter`.
pub struct Throttle {
    max: usize,
    state: Mutex<GateState>,
    changed: Condvar,
}

/// A request's place in flight; give it back with `Throttle::leave`.
#[must_use]
pub struct Admission(());

/// Successes in a row that earn one more request in flight after a slowdown.
const GROW_AFTER: usize = 8;

impl Throttle {
    /// A gate allowing `max` requests in flight (at least one).
    pub fn new(max: usize) -> Throttle {
        let max = max.max(1);
        Throttle {
            max,
            state: Mutex::new(GateState {
                closed_until: None,
                limit: max,
                in_flight: 0,
                streak: 0,
                throttled: 0,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until the gate is open and a place in flight is free. `None` when
    /// `cancel` was set while waiting (nothing may be sent then).
    pub fn enter(&self, cancel: &Cancel) -> Option<Admission> {
        let mut s = self.lock();
        loop {
            if cancel.is_cancelled() {
                return None;
            }
            let now = Instant::now();
            let wait = match s.closed_until {
                Some(t) if t > now => Some(t - now),
                _ => None,
            };
            match wait {
                None if s.in_flight < s.limit => {
                    s.closed_until = None;
                    s.in_flight += 1;
                    return Some(Admission(()));
                }
                // Woken by `leave` or a changed gate; re-checked at least every 100 ms
                // so a cancel is noticed.
                None => {
                    s = self
                        .changed
                        .wait_timeout(s, Duration::from_millis(100))
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
                Some(d) => {
                    s = self
                        .changed
                        .wait_timeout(s, d.min(Duration::from_millis(100)))
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
            }
        }
    }

    /// Gives the place back, saying how the request went.
    pub fn leave(&self, admission: Admission, verdict: Verdict, backoff: Duration) {
        let Admission(()) = admission;
        let mut s = self.lock();
        s.in_flight = s.in_flight.saturating_sub(1);
        match verdict {
            Verdict::Final => {
                s.streak += 1;
                if s.limit < self.max && s.streak >= GROW_AFTER {
                    s.limit += 1;
                    s.streak = 0;
                }
            }
            Verdict::Throttled { retry_after } => Self::close(&mut s, retry_after.unwrap_or(backoff)),
            Verdict::Transient => s.streak = 0,
        }
        drop(s);
        self.changed.notify_all();
    }

    /// Throttling reported inside an answer that was itself a success (an item of a
    /// `$batch`): every worker pauses as for a throttled request.
    pub fn slow_down(&self, wait: Duration) {
        Self::close(&mut self.lock(), wait);
        self.changed.notify_all();
    }

    fn close(s: &mut GateState, wait: Duration) {
        s.throttled += 1;
        s.streak = 0;
        s.limit = (s.limit / 2).max(1);
        let until = Instant::now() + wait;
        if s.closed_until.is_none_or(|t| t < until) {
            s.closed_until = Some(until);
        }
    }

    /// Requests allowed in flight now.
    pub fn limit(&self) -> usize {
        self.lock().limit
    }

    /// Throttling answers seen so far.
    pub fn throttled(&self) -> u64 {
        self.lock().throttled
    }
}

/// Sleeps `d`, waking early (false) if `cancel` is set.
pub fn sleep_unless_cancelled(d: Duration, cancel: &Cancel) -> bool {
    let end = Instant::now() + d;
    loop {
        if cancel.is_cancelled() {
            return false;
        }
        let now = Instant::now();
        if now >= end {
            return true;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(100)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("1.5", now), Some(Duration::from_millis(1500)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:39 1994", now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        let p = RetryPolicy {
            base: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let b1 = p.backoff(1);
            assert!(b1 >= Duration::from_millis(50) && b1 < Duration::from_millis(100));
            let b3 = p.backoff(3);
            assert!(b3 >= Duration::from_millis(200) && b3 < Duration::from_millis(400));
            assert!(p.backoff(30) < Duration::from_secs(1));
        }
    }

    #[test]
    fn throttling_pauses_every_worker_and_halves_the_limit() {
        let t = Arc::new(Throttle::new(4));
        let cancel = Cancel::default();
        let a = t.enter(&cancel).unwrap();
        t.leave(
            a,
            Verdict::Throttled {
                retry_after: Some(Duration::from_millis(300)),
            },
            Duration::ZERO,
        );
        assert_eq!(t.limit(), 2);
        let start = Instant::now();
        let handles: Vec<_> = (0..3)
            .map(|_| {
                let (t, c) = (t.clone(), cancel.clone());
                std::thread::spawn(move || {
                    let a = t.enter(&c).unwrap();
                    let waited = start.elapsed();
                    t.leave(a, Verdict::Final, Duration::ZERO);
                    waited
                })
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap() >= Duration::from_millis(300));
        }
        for _ in 0..GROW_AFTER * 2 {
            let a = t.enter(&cancel).unwrap();
            t.leave(a, Verdict::Final, Duration::ZERO);
        }
        assert_eq!(t.limit(), 4);
        assert_eq!(t.throttled(), 1);
    }

    #[test]
    fn the_limit_bounds_requests_in_flight_and_cancel_frees_waiters() {
        let t = Throttle::new(1);
        let cancel = Cancel::default();
        let first = t.enter(&cancel).unwrap();
        let other = Cancel::default();
        other.cancel();
        assert!(t.enter(&other).is_none());
        t.leave(first, Verdict::Final, Duration::ZERO);
        assert!(t.enter(&cancel).is_some());
    }
}
