//! Fitting a JPEG under a byte budget: the highest quality that fits, searched by
//! bisection; the caller shrinks the picture only when even the floor does not fit.

use super::turbo::{Compressor, TurboError};
use super::Rgb8;

/// Below this, JPEG portraits show blocking; shrinking the picture looks better.
pub const MIN_QUALITY: u8 = 50;

pub struct Encoded {
    pub jpeg: Vec<u8>,
    pub quality: u8,
}

/// Encodes at `quality`, or at the highest quality down to MIN_QUALITY that fits
/// `max_bytes`. `None` when even MIN_QUALITY is too big.
pub fn encode_within(
    comp: &mut Compressor,
    img: &Rgb8,
    quality: u8,
    max_bytes: Option<u64>,
) -> Result<Option<Encoded>, TurboError> {
    let mut encode = |q: u8| comp.encode_rgb(&img.data, img.width, img.height, q);
    let first = encode(quality)?;
    let fits = |jpeg: &Vec<u8>| max_bytes.is_none_or(|max| jpeg.len() as u64 <= max);
    if fits(&first) {
        return Ok(Some(Encoded { jpeg: first, quality }));
    }
    let floor = MIN_QUALITY.min(quality);
    let mut best: Option<Encoded> = None;
    let (mut lo, mut hi) = (floor, quality.saturating_sub(1));
    // Size grows with quality almost monotonically; bisection finds the highest fit.
    while lo <= hi && hi >= floor {
        let mid = lo + (hi - lo) / 2;
        let jpeg = encode(mid)?;
        if fits(&jpeg) {
            best = Some(Encoded { jpeg, quality: mid });
            lo = mid + 1;
        } else {
            if mid == floor {
                break;
            }
            hi = mid - 1;
        }
    }
    Ok(best)
}
