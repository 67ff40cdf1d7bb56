//! JPEGs that already are what the target needs (the right square size, upright,
//! YCbCr or grey, within budget) are kept as they are, minus their metadata: no
//! decode-and-encode, so no generation loss and almost no work.
//!
//! "As they are" means the image data byte for byte: the quantisation and Huffman
//! tables, restart interval, frame header and every scan with its entropy-coded data.
//! Nothing else is copied — no APPn (EXIF, XMP, ICC, Photoshop, JFIF thumbnails and
//! extensions), no comments, wherever they sit (before the frame, between scans, after
//! the last scan), and nothing after the end-of-image marker.

use super::jpeg_markers::{jpeg_dimensions, read_markers};
use super::jpeg_segments::{read_structure, Structure};
use super::preset::Rendition;

/// The JFIF header libjpeg-turbo writes (version 1.01, no density, no thumbnail): it
/// tells readers the three components are YCbCr, and says nothing else.
const JFIF: [u8; 18] = [
    0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
];

/// The file's own JFIF header without its thumbnail (version and pixel density kept,
/// so an ordinary file comes out byte for byte), or the standard one.
fn jfif_header(structure: &Structure<'_>) -> [u8; 18] {
    let mut header = JFIF;
    if let Some(own) = structure
        .segments
        .iter()
        .find(|s| s.marker == 0xE0 && s.payload.starts_with(b"JFIF\0") && s.payload.len() >= 14)
    {
        header[4..16].copy_from_slice(&own.payload[..12]);
    }
    header
}

/// The photo without its metadata, when it can be used as it is for `rendition`. The
/// caller must still have decoded it once (integrity).
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
    let stripped = image_only(data)?;
    if rendition.max_bytes.is_some_and(|max| stripped.len() as u64 > max) {
        return None;
    }
    Some(stripped)
}

/// The segments a decoder needs, copied byte for byte, and nothing else. `None` for
/// anything unusual (damage, arithmetic or lossless coding, RGB-coded components):
/// such a file is re-encoded instead.
fn image_only(data: &[u8]) -> Option<Vec<u8>> {
    let structure = read_structure(data);
    structure.end_of_image?;
    if structure.stray_bytes > 0 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    // libjpeg decoded these components as YCbCr (or grey), which is what JFIF says.
    out.extend_from_slice(&jfif_header(&structure));
    for segment in &structure.segments {
        match segment.marker {
            // Tables, restart interval, scans with their data.
            0xDB | 0xC4 | 0xDD | 0xDA => {}
            // Baseline, extended and progressive Huffman frames of grey or YCbCr.
            0xC0..=0xC2 => {
                let components = segment.payload.get(5).copied()?;
                let ids = segment.payload.get(6..).unwrap_or_default();
                let rgb_coded = components == 3 && ids.len() >= 7 && [ids[0], ids[3], ids[6]] == *b"RGB";
                if !(components == 1 || components == 3) || rgb_coded {
                    return None;
                }
            }
            // Metadata of every kind.
            0xE0..=0xEF | 0xFE => continue,
            _ => return None,
        }
        out.extend_from_slice(&data[segment.start..segment.end]);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    Some(out)
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
