//! JPEGs that already are what the target needs (the right square size, upright,
//! YCbCr or grey, within budget) are kept as they are, minus their metadata: no
//! decode-and-encode, so no generation loss and almost no work.

use super::jpeg_markers::{jpeg_dimensions, read_markers};
use super::preset::Rendition;

/// The photo without its metadata segments, when it can be used as it is for
/// `rendition`. The caller must still have decoded it once (integrity).
pub fn usable_as_is(data: &[u8], rendition: &Rendition) -> Option<Vec<u8>> {
    let (w, h) = jpeg_dimensions(data)?;
    if w != rendition.size || h != rendition.size {
        return None;
    }
    let markers = read_markers(data);
    if markers.adobe || markers.exif.is_some_and(|e| super::exif::orientation(e) != 1) {
        // Adobe-marked files may be CMYK or RGB-coded; a rotated one needs its pixels turned.
        return None;
    }
    let stripped = strip_metadata(data)?;
    if rendition.max_bytes.is_some_and(|max| stripped.len() as u64 > max) {
        return None;
    }
    Some(stripped)
}

/// Removes APP1..APP15 (EXIF, XMP, ICC, Photoshop) and COM segments; keeps the JFIF
/// header, the tables, the frame and the entropy-coded data byte for byte.
fn strip_metadata(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(data.get(..2)?);
    let mut pos = 2;
    loop {
        if *data.get(pos)? != 0xFF {
            return None;
        }
        let marker = *data.get(pos + 1)?;
        if marker == 0xFF {
            pos += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*data.get(pos + 2)?, *data.get(pos + 3)?]));
        let end = pos.checked_add(2 + length)?;
        if length < 2 || end > data.len() {
            return None;
        }
        if marker == 0xDA {
            out.extend_from_slice(&data[pos..]);
            return Some(out);
        }
        let metadata = (0xE1..=0xEF).contains(&marker) || marker == 0xFE;
        let components_ok = !matches!(marker, 0xC0..=0xC3) || matches!(data.get(pos + 9), Some(1) | Some(3));
        if !components_ok {
            return None; // CMYK and other layouts are converted
        }
        if !metadata {
            out.extend_from_slice(&data[pos..end]);
        }
        pos = end;
    }
}

/// libjpeg's quality setting that produced the luminance quantisation table, roughly.
pub fn estimate_quality(data: &[u8]) -> Option<u8> {
    const STANDARD: [u16; 64] = [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29,
        51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121,
        120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];
    let mut pos = 2;
    while pos + 4 <= data.len() && data[pos] == 0xFF {
        let marker = data[pos + 1];
        let length = usize::from(u16::from_be_bytes([data[pos + 2], data[pos + 3]]));
        if marker == 0xDB && pos + 5 + 64 <= data.len() && data[pos + 4] >> 4 == 0 {
            // 8-bit table 0 (luminance), in zig-zag order like STANDARD's natural order
            // only differs by permutation, which does not change the sum.
            let table = &data[pos + 5..pos + 5 + 64];
            let sum: u32 = table.iter().map(|v| u32::from(*v)).sum();
            let standard: u32 = STANDARD.iter().map(|v| u32::from(*v)).sum();
            let scale = f64::from(sum) * 100.0 / f64::from(standard);
            let q = if scale <= 100.0 {
                (200.0 - scale) / 2.0
            } else {
                5000.0 / scale
            };
            return Some(q.round().clamp(1.0, 100.0) as u8);
        }
        if marker == 0xDA || length < 2 {
            break;
        }
        pos += 2 + length;
    }
    None
}
