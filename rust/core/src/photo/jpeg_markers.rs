//! Reads the JPEG header segments that libjpeg-turbo does not interpret for us:
//! the EXIF block (for orientation) and Adobe's APP14 marker (for CMYK polarity).

/// What the segments before the first scan say about the image.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JpegMarkers<'a> {
    /// TIFF-structured EXIF data, after the `Exif\0\0` prefix.
    pub exif: Option<&'a [u8]>,
    /// Present when an Adobe APP14 segment exists; Photoshop writes CMYK inverted
    /// whenever it writes this marker.
    pub adobe: bool,
    pub progressive: bool,
}

/// Walks the marker segments up to the first scan. Malformed structure simply ends the
/// walk: libjpeg-turbo will report real corruption when it decodes.
pub fn read_markers(data: &[u8]) -> JpegMarkers<'_> {
    let mut found = JpegMarkers::default();
    let mut pos = 2; // after SOI
    while pos + 4 <= data.len() {
        if data[pos] != 0xFF {
            break;
        }
        let marker = data[pos + 1];
        if marker == 0xFF {
            pos += 1; // fill byte
            continue;
        }
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            pos += 2;
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let length = usize::from(u16::from_be_bytes([data[pos + 2], data[pos + 3]]));
        if length < 2 || pos + 2 + length > data.len() {
            break;
        }
        let payload = &data[pos + 4..pos + 2 + length];
        match marker {
            0xE1 if payload.starts_with(b"Exif\0\0") && found.exif.is_none() => {
                found.exif = Some(&payload[6..]);
            }
            0xEE if payload.starts_with(b"Adobe") => found.adobe = true,
            0xC2 | 0xC6 | 0xCA | 0xCE => found.progressive = true,
            _ => {}
        }
        pos += 2 + length;
    }
    found
}

/// Width and height from the frame header, without decoding.
pub fn jpeg_dimensions(data: &[u8]) -> Option<(u32, u32)> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut pos = 2;
    while pos + 9 <= data.len() {
        if data[pos] != 0xFF {
            return None;
        }
        let marker = data[pos + 1];
        if marker == 0xFF {
            pos += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([data[pos + 2], data[pos + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let h = u16::from_be_bytes([data[pos + 5], data[pos + 6]]);
            let w = u16::from_be_bytes([data[pos + 7], data[pos + 8]]);
            return Some((u32::from(w), u32::from(h)));
        }
        if marker == 0xDA || length < 2 {
            return None;
        }
        pos += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::photo::jpeg_segments::test_segment as segment;

    #[test]
    fn finds_exif_and_adobe_segments_before_the_scan() {
        let mut data = vec![0xFF, 0xD8];
        data.extend(segment(0xE0, b"JFIF\0\x01\x01"));
        data.extend(segment(0xE1, b"Exif\0\0MM\0*"));
        data.extend(segment(0xEE, b"Adobe\0\x64\0\0\0\0\x02"));
        data.extend(segment(0xC2, &[8, 0, 1, 0, 1, 1]));
        data.extend([0xFF, 0xDA]);
        data.extend(segment(0xE1, b"Exif\0\0II*\0")); // after the scan: must be ignored
        let m = read_markers(&data);
        assert_eq!(m.exif, Some(&b"MM\0*"[..]));
        assert!(m.adobe);
        assert!(m.progressive);
    }

    #[test]
    fn survives_truncated_and_lying_lengths() {
        let mut data = vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, b'E'];
        assert_eq!(read_markers(&data), JpegMarkers::default());
        data.truncate(3);
        assert_eq!(read_markers(&data), JpegMarkers::default());
        assert_eq!(read_markers(&[]), JpegMarkers::default());
    }
}
