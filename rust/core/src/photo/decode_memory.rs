//! One memory budget for every decode in the process: each worker reserves what its
//! decode will hold before decoding and waits while the others hold the rest, so the
//! pixels in memory at once stay bounded whatever the number of workers (or of host
//! threads calling through the C ABI).

use std::sync::{Condvar, Mutex};

/// Decoded pixels held at once across all workers. A single decode may take all of it
/// (then it waits until nothing else is held); one larger than this (a raised
/// per-image limit) runs alone.
pub const POOL_BYTES: u64 = 256 << 20;

static HELD: Mutex<u64> = Mutex::new(0);
static RELEASED: Condvar = Condvar::new();

/// Memory reserved for one decode; given back when dropped.
#[derive(Debug)]
pub struct Reservation(u64);

/// Waits until `bytes` fit in the pool (or the pool is empty), then holds them.
pub fn reserve(bytes: u64) -> Reservation {
    let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
    while *held > 0 && held.saturating_add(bytes) > POOL_BYTES {
        held = RELEASED.wait(held).unwrap_or_else(|p| p.into_inner());
    }
    *held += bytes;
    Reservation(bytes)
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
        *held = held.saturating_sub(self.0);
        RELEASED.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    #[test]
    fn reservations_never_exceed_the_pool_together() {
        let peak = Arc::new(AtomicU64::new(0));
        let now = Arc::new(AtomicU64::new(0));
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let (peak, now) = (peak.clone(), now.clone());
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let bytes = POOL_BYTES / 3 + 1;
                        let _r = reserve(bytes);
                        let held = now.fetch_add(bytes, Ordering::SeqCst) + bytes;
                        peak.fetch_max(held, Ordering::SeqCst);
                        std::thread::yield_now();
                        now.fetch_sub(bytes, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(peak.load(Ordering::SeqCst) <= POOL_BYTES);
        // A request larger than the whole pool still runs (alone).
        drop(reserve(POOL_BYTES * 2));
    }
}
