//! The current photos of a run's users, by object id, shared between the thread that
//! reads them in bulk and the planner's workers that compare with them. A photo being
//! read is `pending`: whoever needs it waits for it rather than reading it again, so the
//! reading (network-bound) overlaps the converting (CPU-bound).

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};

use adphoto_core::directory::Current;

enum Slot {
    Pending,
    Known(Current),
}

#[derive(Default)]
pub struct PhotoCache {
    slots: Mutex<HashMap<String, Slot>>,
    filled: Condvar,
}

impl PhotoCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Slot>> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The ids nobody has read or is reading yet, now marked pending: the caller must
    /// `fill` every one of them.
    pub fn claim(&self, ids: &[String]) -> Vec<String> {
        let mut slots = self.lock();
        let mut claimed = Vec::new();
        for id in ids {
            if !slots.contains_key(id) {
                slots.insert(id.clone(), Slot::Pending);
                claimed.push(id.clone());
            }
        }
        claimed
    }

    pub fn fill(&self, id: &str, state: Current) {
        self.lock().insert(id.to_string(), Slot::Known(state));
        self.filled.notify_all();
    }

    /// The photo's state, waiting while it is being read; `None` if nobody read it.
    pub fn get(&self, id: &str) -> Option<Current> {
        let mut slots = self.lock();
        loop {
            match slots.get(id) {
                None => return None,
                Some(Slot::Known(s)) => return Some(s.clone()),
                Some(Slot::Pending) => slots = self.filled.wait(slots).unwrap_or_else(|p| p.into_inner()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn pending_photos_are_waited_for() {
        let cache = Arc::new(PhotoCache::default());
        assert_eq!(cache.claim(&["a".into(), "b".into()]), ["a", "b"]);
        assert!(cache.claim(&["a".into()]).is_empty(), "claimed once");
        let reader = {
            let cache = cache.clone();
            std::thread::spawn(move || cache.get("a"))
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        cache.fill("a", Current::Photo(vec![vec![1]]));
        assert_eq!(reader.join().unwrap(), Some(Current::Photo(vec![vec![1]])));
        assert!(cache.get("c").is_none());
    }
}
