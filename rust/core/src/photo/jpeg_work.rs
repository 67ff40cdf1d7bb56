//! What decoding a JPEG will cost, known from its markers before any decoding: the
//! entropy decoder's steps over all scans (a progressive file may repeat scans at will,
//! each one a pass over every block) and the coefficient memory libjpeg holds for
//! multi-scan files.

use super::jpeg_segments::Structure;

/// Steps charged per block a scan covers, besides one per coefficient in its band: the
/// per-block cost of the entropy decoder (about a Huffman decode). On this machine one
/// step is about a nanosecond.
const BLOCK_STEPS: u64 = 16;

/// The most decoding steps one file may take: about two seconds of one core. A
/// 100-megapixel progressive photo from a camera or Photoshop takes about a third of it.
pub const MAX_DECODE_STEPS: u64 = 2_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Component {
    id: u8,
    h: u64,
    v: u64,
}

/// The frame header (SOFn): size and sampling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub progressive: bool,
    width: u64,
    height: u64,
    components: Vec<Component>,
}

impl Frame {
    /// The first frame header of the file.
    pub fn of(structure: &Structure<'_>) -> Option<Frame> {
        let sof = structure
            .segments
            .iter()
            .find(|s| matches!(s.marker, 0xC0..=0xCF) && !matches!(s.marker, 0xC4 | 0xC8 | 0xCC))?;
        let p = sof.payload;
        let count = usize::from(*p.get(5)?);
        let mut components = Vec::with_capacity(count);
        for c in 0..count {
            let at = 6 + 3 * c;
            let (id, sampling) = (*p.get(at)?, *p.get(at + 1)?);
            components.push(Component {
                id,
                h: u64::from(sampling >> 4).max(1),
                v: u64::from(sampling & 0x0F).max(1),
            });
        }
        Some(Frame {
            progressive: matches!(sof.marker, 0xC2 | 0xC6 | 0xCA | 0xCE),
            height: u64::from(u16::from_be_bytes([*p.get(1)?, *p.get(2)?])),
            width: u64::from(u16::from_be_bytes([*p.get(3)?, *p.get(4)?])),
            components,
        })
    }

    fn max_sampling(&self) -> (u64, u64) {
        let h = self.components.iter().map(|c| c.h).max().unwrap_or(1);
        let v = self.components.iter().map(|c| c.v).max().unwrap_or(1);
        (h, v)
    }

    /// The 8x8 blocks of one component, padded to whole MCUs as libjpeg stores them.
    fn blocks(&self, c: &Component) -> u64 {
        let (hmax, vmax) = self.max_sampling();
        let mcus_x = self.width.div_ceil(8 * hmax);
        let mcus_y = self.height.div_ceil(8 * vmax);
        mcus_x * c.h * mcus_y * c.v
    }

    /// Bytes of the whole-image coefficient buffer libjpeg allocates when the image
    /// comes in several scans (every progressive file): two bytes per coefficient.
    pub fn coefficient_bytes(&self) -> u64 {
        self.components.iter().map(|c| self.blocks(c) * 128).sum()
    }
}

/// The scans of the file and the steps decoding them takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Work {
    pub scans: u64,
    pub steps: u64,
    /// The first scan does not carry every component (so libjpeg buffers the image).
    pub multi_scan: bool,
}

pub fn decode_work(structure: &Structure<'_>, frame: &Frame) -> Work {
    let mut work = Work::default();
    for scan in structure.scans() {
        let p = scan.payload;
        let Some(&count) = p.first() else { continue };
        let count = usize::from(count);
        let (Some(&ss), Some(&se)) = (p.get(1 + 2 * count), p.get(2 + 2 * count)) else {
            continue;
        };
        // Sequential and lossless scans cover the whole band.
        let band = if frame.progressive {
            u64::from(se.saturating_sub(ss)) + 1
        } else {
            64
        };
        let blocks: u64 = (0..count)
            .filter_map(|i| p.get(1 + 2 * i))
            .filter_map(|id| frame.components.iter().find(|c| c.id == *id))
            .map(|c| frame.blocks(c))
            .sum();
        if work.scans == 0 && count < frame.components.len() {
            work.multi_scan = true;
        }
        work.scans += 1;
        work.steps = work.steps.saturating_add(blocks.saturating_mul(BLOCK_STEPS + band));
    }
    work.multi_scan |= frame.progressive;
    work
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::jpeg_segments::read_structure;

    use crate::photo::jpeg_segments::test_segment as segment;

    /// An 8000x8000 4:2:0 progressive frame and the given scans (component ids, Ss, Se).
    fn file(scans: &[(&[u8], u8, u8)]) -> Vec<u8> {
        let mut data = vec![0xFF, 0xD8];
        data.extend(segment(
            0xC2,
            &[8, 0x1F, 0x40, 0x1F, 0x40, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
        ));
        for (ids, ss, se) in scans {
            let mut p = vec![ids.len() as u8];
            for id in *ids {
                p.extend([*id, 0]);
            }
            p.extend([*ss, *se, 0]);
            data.extend(segment(0xDA, &p));
            data.extend([0x00, 0x00]);
        }
        data.extend([0xFF, 0xD9]);
        data
    }

    #[test]
    fn the_standard_progression_is_far_below_the_limit_and_repeats_are_not() {
        let standard: &[(&[u8], u8, u8)] = &[
            (&[1, 2, 3], 0, 0),
            (&[1], 1, 5),
            (&[3], 1, 63),
            (&[2], 1, 63),
            (&[1], 6, 63),
            (&[1], 1, 63),
            (&[1, 2, 3], 0, 0),
            (&[2], 1, 63),
            (&[3], 1, 63),
            (&[1], 1, 63),
        ];
        let data = file(standard);
        let s = read_structure(&data);
        let frame = Frame::of(&s).unwrap();
        assert_eq!(frame.coefficient_bytes(), (1_000_000 + 2 * 250_000) * 128);
        let work = decode_work(&s, &frame);
        assert_eq!(work.scans, 10);
        assert!(work.multi_scan);
        assert!(work.steps < MAX_DECODE_STEPS / 4, "{work:?}");

        let mut bomb = standard.to_vec();
        bomb.extend(std::iter::repeat_n((&[1u8][..], 1u8, 63u8), 400));
        let data = file(&bomb);
        let s = read_structure(&data);
        assert!(decode_work(&s, &Frame::of(&s).unwrap()).steps > 10 * MAX_DECODE_STEPS);
    }
}
