//! Just enough image parsing to report a photo's type and pixel size from its header,
//! as both services do, without pulling in a decoder.

/// Image formats the services accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Gif,
    Bmp,
    Tiff,
}

impl ImageKind {
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Gif => "image/gif",
            ImageKind::Bmp => "image/bmp",
            ImageKind::Tiff => "image/tiff",
        }
    }
}

/// Recognise a format by its magic bytes.
pub fn sniff(data: &[u8]) -> Option<ImageKind> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        Some(ImageKind::Gif)
    } else if data.starts_with(b"BM") {
        Some(ImageKind::Bmp)
    } else if data.starts_with(b"II*\0") || data.starts_with(b"MM\0*") {
        Some(ImageKind::Tiff)
    } else {
        None
    }
}

/// Width and height from the header, where the format makes that cheap.
pub fn dimensions(data: &[u8]) -> Option<(u32, u32)> {
    match sniff(data)? {
        ImageKind::Jpeg => jpeg_dimensions(data),
        ImageKind::Png if data.len() >= 24 => Some((be32(&data[16..20]), be32(&data[20..24]))),
        ImageKind::Gif if data.len() >= 10 => Some((
            u16::from_le_bytes([data[6], data[7]]) as u32,
            u16::from_le_bytes([data[8], data[9]]) as u32,
        )),
        ImageKind::Bmp if data.len() >= 26 => Some((
            i32::from_le_bytes([data[18], data[19], data[20], data[21]]).unsigned_abs(),
            i32::from_le_bytes([data[22], data[23], data[24], data[25]]).unsigned_abs(),
        )),
        _ => None,
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Walk the JPEG marker segments to the first start-of-frame and read its size.
pub fn jpeg_dimensions(data: &[u8]) -> Option<(u32, u32)> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 3 < data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        // Fill bytes: a run of 0xFF before the marker code.
        if marker == 0xFF {
            i += 1;
            continue;
        }
        // Markers without a length field.
        if marker == 0x01 || (0xD0..=0xD9).contains(&marker) {
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        if len < 2 {
            return None;
        }
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let seg = data.get(i + 4..i + 2 + len)?;
            if seg.len() < 5 {
                return None;
            }
            let height = u16::from_be_bytes([seg[1], seg[2]]) as u32;
            let width = u16::from_be_bytes([seg[3], seg[4]]) as u32;
            return (width > 0 && height > 0).then_some((width, height));
        }
        i += 2 + len;
    }
    None
}

/// A tiny but structurally valid baseline JPEG header of the given size, for tests and
/// seeding: SOI, a JFIF APP0, a SOF0 frame header and EOI, padded with `filler` bytes in
/// a comment segment so callers can make photos of any length.
pub fn synthetic_jpeg(width: u16, height: u16, filler: usize) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend_from_slice(&[
        0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    ]);
    let mut remaining = filler;
    let mut counter: u8 = 0;
    while remaining > 0 {
        let chunk = remaining.min(65_000);
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&((chunk + 2) as u16).to_be_bytes());
        for _ in 0..chunk {
            out.push(counter);
            counter = counter.wrapping_add(37);
        }
        remaining -= chunk;
    }
    out.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_jpeg_reports_its_size() {
        let j = synthetic_jpeg(648, 480, 1000);
        assert_eq!(sniff(&j), Some(ImageKind::Jpeg));
        assert_eq!(jpeg_dimensions(&j), Some((648, 480)));
        let big = synthetic_jpeg(96, 96, 200_000);
        assert_eq!(jpeg_dimensions(&big), Some((96, 96)));
        assert!(big.len() > 200_000);
    }

    #[test]
    fn garbage_is_not_an_image() {
        assert_eq!(sniff(b"hello"), None);
        assert_eq!(jpeg_dimensions(&[0xFF, 0xD8, 0x00, 0x00]), None);
    }
}
