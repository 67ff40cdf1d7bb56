//! Conversions shared by the targets of one run (`set --to A --to B`): the first target
//! to need a photo reads it once and converts it for every target's set of renditions
//! (one decode, one face search); the others take their part when they get there. Each
//! part is exactly what that target alone would have made (see `photo::convert_sets`),
//! so the checksums a plan compares are the same however the run was shaped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use crate::error::Error;
use crate::parallel::catch_panic;
use crate::photo::{convert_sets, read_source, Converted, Converter, Fit, Framing, Limits, Rendition};

enum Slot {
    /// A target's worker is converting it; the others wait for it.
    Converting,
    /// One result per set, taken by its target.
    Done(Vec<Option<Result<Converted, Error>>>),
}

pub struct SharedConversions {
    sets: Vec<Vec<Rendition>>,
    fit: Fit,
    framing: Framing,
    limits: Limits,
    slots: Mutex<HashMap<PathBuf, Slot>>,
    ready: Condvar,
    photos: AtomicUsize,
    decodes: AtomicUsize,
}

impl std::fmt::Debug for SharedConversions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedConversions({} sets)", self.sets.len())
    }
}

impl SharedConversions {
    /// Conversions for the targets whose sets of renditions are `sets` (target `i`
    /// asks for set `i`).
    pub fn new(sets: Vec<Vec<Rendition>>, fit: Fit, framing: Framing, limits: Limits) -> SharedConversions {
        SharedConversions {
            sets,
            fit,
            framing,
            limits,
            slots: Mutex::new(HashMap::new()),
            ready: Condvar::new(),
            photos: AtomicUsize::new(0),
            decodes: AtomicUsize::new(0),
        }
    }

    /// The photo at `path` converted for set `set`: taken from the conversion another
    /// target made, else made now for every set.
    pub fn convert(&self, converter: &mut Converter, path: &Path, set: usize) -> Result<Converted, Error> {
        let key = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match slots.get_mut(&key) {
                None => break,
                Some(Slot::Converting) => {}
                Some(Slot::Done(results)) => {
                    let mine = results.get_mut(set).and_then(Option::take);
                    drop(slots);
                    // Asked again (the same file for two users of one target): made again,
                    // identically, rather than kept for ever.
                    return match mine {
                        Some(r) => r,
                        None => self.convert_alone(converter, path, set),
                    };
                }
            }
            slots = self.ready.wait(slots).unwrap_or_else(|p| p.into_inner());
        }
        slots.insert(key.clone(), Slot::Converting);
        drop(slots);
        let mut results = self.convert_all(converter, path);
        let mine = results.get_mut(set).and_then(Option::take);
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.insert(key, Slot::Done(results));
        drop(slots);
        self.ready.notify_all();
        mine.unwrap_or_else(|| Err(Error::internal("no such set of renditions")))
    }

    /// Photos converted, and decodes made for them (one each with face framing).
    pub fn photos(&self) -> usize {
        self.photos.load(Ordering::Relaxed)
    }

    pub fn decodes(&self) -> usize {
        self.decodes.load(Ordering::Relaxed)
    }

    fn convert_all(&self, converter: &mut Converter, path: &Path) -> Vec<Option<Result<Converted, Error>>> {
        let sets: Vec<&[Rendition]> = self.sets.iter().map(Vec::as_slice).collect();
        let made = catch_panic(|| {
            let data = read_source(path, &self.limits).map_err(|e| Error::from(&e))?;
            let converted = convert_sets(converter, &data, &sets, self.fit, &self.framing, &self.limits);
            self.decodes.fetch_add(converted.decodes, Ordering::Relaxed);
            Ok::<_, Error>(converted.results)
        });
        self.photos.fetch_add(1, Ordering::Relaxed);
        let failed =
            |e: Error| -> Vec<Option<Result<Converted, Error>>> { sets.iter().map(|_| Some(Err(e.clone()))).collect() };
        match made {
            Ok(Ok(results)) => results.into_iter().map(Some).collect(),
            Ok(Err(e)) => failed(e),
            Err(panic) => failed(Error::internal(format!("internal error: {panic}"))),
        }
    }

    fn convert_alone(&self, converter: &mut Converter, path: &Path, set: usize) -> Result<Converted, Error> {
        let renditions = self
            .sets
            .get(set)
            .ok_or_else(|| Error::internal("no such set of renditions"))?;
        converter
            .convert_file_framed(path, renditions, self.fit, &self.framing, &self.limits)
            .map_err(|e| Error::from(&e))
    }
}
