//! One photo, several sets of renditions (one per target of a run, each with its own
//! preset): the photo is read and decoded once and its faces found once, then each set
//! is finished from that decode. Every set gets exactly the bytes a conversion of that
//! set alone gives (which is what lets a later run into one target alone find its
//! photos unchanged), because the decode a set is finished from does not depend on
//! the other sets: with face framing it is the whole picture at one scale for every
//! set (1,200 pixels across its shorter side at least), otherwise a set only shares a
//! decode made for its own largest size. The sets read the decoded pixels in place.

use super::convert::{Converted, Converter, Prepared};
use super::{Fit, Framing, Limits, Rendition};
use crate::error::Error;

/// What converting one photo for several sets gave.
pub struct SetsConverted {
    /// One result per set, in the order asked.
    pub results: Vec<Result<Converted, Error>>,
    /// How many times the photo was decoded (one with face framing).
    pub decodes: usize,
}

/// Converts `data` for every set in `sets`.
pub fn convert_sets(
    converter: &mut Converter,
    data: &[u8],
    sets: &[&[Rendition]],
    fit: Fit,
    framing: &Framing,
    limits: &Limits,
) -> SetsConverted {
    let mut decodes: Vec<(u32, Result<Prepared, Error>)> = Vec::new();
    let mut results = Vec::with_capacity(sets.len());
    for set in sets {
        let Some(largest) = set.iter().map(|r| r.size).max() else {
            // The converter refuses it with its own message.
            results.push(
                converter
                    .convert_framed(data, set, fit, framing, limits)
                    .map_err(|e| Error::from(&e)),
            );
            continue;
        };
        let shared = decodes.iter().position(|(size, p)| match p {
            Ok(p) => p.serves(largest),
            // A failed decode fails every set that would have used it.
            Err(_) => *size == largest,
        });
        let at = match shared {
            Some(at) => at,
            None => {
                let prepared = converter
                    .prepare(data, fit, framing, limits, largest)
                    .map_err(|e| Error::from(&e));
                decodes.push((largest, prepared));
                decodes.len() - 1
            }
        };
        results.push(match &mut decodes[at].1 {
            Ok(prepared) => converter
                .finish(data, prepared, set, limits)
                .map_err(|e| Error::from(&e)),
            Err(e) => Err(e.clone()),
        });
    }
    SetsConverted {
        results,
        decodes: decodes.len(),
    }
}
