//! A bounded pool of worker threads that streams results back in completion order, so
//! a face (CLI, C ABI) can report each item the moment it is done.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Mutex;

/// Runs `work` over `items` on `workers` threads, each with its own state from `init`,
/// and hands every result to `sink` on the calling thread as soon as it exists.
pub fn for_each_parallel<T, S, R>(
    items: Vec<T>,
    workers: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, T) -> R + Sync,
    mut sink: impl FnMut(R),
) where
    T: Send,
    R: Send,
{
    let workers = workers.clamp(1, items.len().max(1));
    let queue = Mutex::new(items.into_iter());
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (queue, init, work) = (&queue, &init, &work);
            scope.spawn(move || {
                let mut state = init();
                loop {
                    let next = match queue.lock() {
                        Ok(mut q) => q.next(),
                        Err(poisoned) => poisoned.into_inner().next(),
                    };
                    let Some(item) = next else { break };
                    if tx.send(work(&mut state, item)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for result in rx {
            sink(result);
        }
    });
}

/// Runs `f`, turning a panic into an error message instead of unwinding further: one
/// hostile file must never take down a batch (or a PowerShell session).
pub fn catch_panic<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        }
    })
}

/// Worker threads to use when the caller does not say: one per core.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_processed_once_and_panics_are_contained() {
        let mut seen = Vec::new();
        for_each_parallel(
            (0..100).collect(),
            4,
            || 0usize,
            |count, i: i32| {
                *count += 1;
                catch_panic(|| if i == 13 { panic!("unlucky") } else { i * 2 })
            },
            |r| seen.push(r),
        );
        assert_eq!(seen.len(), 100);
        assert_eq!(seen.iter().filter(|r| r.is_err()).count(), 1);
        let mut ok: Vec<i32> = seen.into_iter().filter_map(Result::ok).collect();
        ok.sort();
        assert_eq!(ok, (0..100).filter(|i| *i != 13).map(|i| i * 2).collect::<Vec<_>>());
    }
}
