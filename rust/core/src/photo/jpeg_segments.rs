//! The whole marker structure of a JPEG, scans included: each segment with its payload
//! and, for a scan, the entropy-coded data that follows it. Read the way libjpeg reads
//! it (fill bytes skipped, stray bytes between segments searched past), so what is
//! counted here is what the decoder will do.

/// One segment: `marker` at `start`, its payload, and where it ends (after a scan's
/// entropy-coded data for SOS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub marker: u8,
    pub start: usize,
    pub end: usize,
    pub payload: &'a [u8],
}

/// The segments after SOI, up to EOI or the first thing that is not a segment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Structure<'a> {
    pub segments: Vec<Segment<'a>>,
    /// Where EOI ends, when there is one.
    pub end_of_image: Option<usize>,
    /// Bytes between segments that are neither markers nor fill bytes (libjpeg skips
    /// them with a warning).
    pub stray_bytes: usize,
}

impl Structure<'_> {
    pub fn scans(&self) -> impl Iterator<Item = &Segment<'_>> {
        self.segments.iter().filter(|s| s.marker == 0xDA)
    }
}

/// Markers without a length: TEM and the restart markers (SOI and EOI are handled
/// by the walk).
fn standalone(marker: u8) -> bool {
    marker == 0x01 || (0xD0..=0xD7).contains(&marker)
}

pub fn read_structure(data: &[u8]) -> Structure<'_> {
    let mut s = Structure::default();
    if !data.starts_with(&[0xFF, 0xD8]) {
        return s;
    }
    let mut pos = 2;
    // Each time: the next marker, 0xFF (any number of fill bytes) then a marker byte.
    while let Some(at) = next_marker(data, pos) {
        // Fill bytes (0xFF) before a marker are allowed; anything else is not.
        s.stray_bytes += data[pos..at].iter().filter(|b| **b != 0xFF).count();
        let marker = data[at + 1];
        let mut header_end = at + 2;
        if marker == 0xD9 {
            s.end_of_image = Some(at + 2);
            break;
        }
        if marker == 0xD8 {
            break; // a second SOI: whatever follows is not this image
        }
        let mut payload: &[u8] = &[];
        if !standalone(marker) {
            let Some(len) = data
                .get(at + 2..at + 4)
                .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            else {
                break;
            };
            if len < 2 || at + 2 + len > data.len() {
                break;
            }
            payload = &data[at + 4..at + 2 + len];
            header_end = at + 2 + len;
        }
        let end = if marker == 0xDA {
            entropy_end(data, header_end)
        } else {
            header_end
        };
        s.segments.push(Segment {
            marker,
            start: at,
            end,
            payload,
        });
        pos = end;
    }
    s
}

/// The position of the next `0xFF xx` marker (xx not 0x00 nor 0xFF) at or after `pos`,
/// with any fill bytes before it skipped.
fn next_marker(data: &[u8], mut pos: usize) -> Option<usize> {
    while pos + 1 < data.len() {
        if data[pos] == 0xFF {
            let mut next = pos + 1;
            while next < data.len() && data[next] == 0xFF {
                next += 1;
            }
            if next < data.len() && data[next] != 0x00 {
                return Some(next - 1);
            }
            pos = next;
        } else {
            pos += 1;
        }
    }
    None
}

/// Where a scan's entropy-coded data ends: at the first marker that is neither a
/// stuffed byte (0xFF00) nor a restart marker (0xFFD0..D7), or the end of the file.
fn entropy_end(data: &[u8], from: usize) -> usize {
    // The entropy-coded data is nearly the whole file, and only an 0xFF can start a
    // marker: go from one 0xFF to the next (memchr reads many bytes at a time) rather
    // than look at every byte. A stuffed 0x00 or a restart marker is data; an 0xFF
    // after an 0xFF is a fill byte, and the next 0xFF is where the marker may start.
    let Some(rest) = data.get(from..) else {
        return data.len();
    };
    for offset in memchr::memchr_iter(0xFF, rest) {
        let at = from + offset;
        let Some(&next) = data.get(at + 1) else { break };
        if next == 0x00 || next == 0xFF || (0xD0..=0xD7).contains(&next) {
            continue;
        }
        return at;
    }
    data.len()
}

/// A marker segment with its length, for the unit tests that build JPEGs by hand.
#[cfg(test)]
pub(crate) fn test_segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::photo::jpeg_segments::test_segment as segment;

    #[test]
    fn scans_run_to_the_next_real_marker() {
        let mut data = vec![0xFF, 0xD8];
        data.extend(segment(0xE0, b"JFIF\0"));
        data.extend(b"xx"); // stray bytes
        data.extend([0xFF, 0xFF]); // fill
        data.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        data.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        data.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]); // data, stuffing, restart
        data.extend(segment(0xFE, b"after"));
        data.extend([0xFF, 0xD9]);
        data.extend(b"trailer");
        let s = read_structure(&data);
        let markers: Vec<u8> = s.segments.iter().map(|s| s.marker).collect();
        assert_eq!(markers, [0xE0, 0xC0, 0xDA, 0xFE]);
        let scan = s.scans().next().unwrap();
        assert_eq!(&data[scan.end - 1..scan.end + 2], [0x56, 0xFF, 0xFE]);
        assert_eq!(s.end_of_image, Some(data.len() - 7));
        assert_eq!(s.stray_bytes, 2, "the two stray letters, not the fill bytes");
    }

    #[test]
    fn broken_and_cut_files_end_the_walk() {
        assert_eq!(read_structure(&[]), Structure::default());
        assert_eq!(read_structure(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]).segments.len(), 0);
        let s = read_structure(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, 1, 2]);
        assert!(s.segments.is_empty() && s.end_of_image.is_none());
    }
}
