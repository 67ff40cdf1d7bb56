//! Reads the one EXIF field that changes pixels: Orientation (tag 0x0112 in IFD0).
//! Everything else in EXIF (GPS, camera serials) is dropped by never being copied.

/// The EXIF orientation, 1..=8; 1 when absent or unreadable.
pub fn orientation(tiff: &[u8]) -> u8 {
    read_orientation(tiff).filter(|o| (1..=8).contains(o)).unwrap_or(1)
}

fn read_orientation(tiff: &[u8]) -> Option<u8> {
    let big_endian = match tiff.get(0..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    if u16_at(2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    for index in 0..count.min(512) {
        let entry = ifd.checked_add(2 + index * 12)?;
        if u16_at(entry)? != 0x0112 {
            continue;
        }
        // Type SHORT (3), count 1: the value sits in the first two bytes of the field.
        return match u16_at(entry + 2)? {
            3 => u8::try_from(u16_at(entry + 8)?).ok(),
            4 => u8::try_from(u32_at(entry + 8)?).ok(),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal TIFF block with only the Orientation tag, as cameras write it.
    pub fn tiff_with_orientation(value: u16, big_endian: bool) -> Vec<u8> {
        let w16 = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let w32 = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut t = Vec::new();
        t.extend_from_slice(if big_endian { b"MM" } else { b"II" });
        t.extend_from_slice(&w16(42));
        t.extend_from_slice(&w32(8));
        t.extend_from_slice(&w16(1));
        t.extend_from_slice(&w16(0x0112));
        t.extend_from_slice(&w16(3));
        t.extend_from_slice(&w32(1));
        t.extend_from_slice(&w16(value));
        t.extend_from_slice(&[0, 0]);
        t.extend_from_slice(&w32(0));
        t
    }

    #[test]
    fn reads_both_byte_orders() {
        for o in 1..=8 {
            assert_eq!(orientation(&tiff_with_orientation(o, true)), o as u8);
            assert_eq!(orientation(&tiff_with_orientation(o, false)), o as u8);
        }
    }

    #[test]
    fn out_of_range_or_broken_means_upright() {
        assert_eq!(orientation(&tiff_with_orientation(9, true)), 1);
        assert_eq!(orientation(&tiff_with_orientation(0, false)), 1);
        let mut t = tiff_with_orientation(6, true);
        t.truncate(12);
        assert_eq!(orientation(&t), 1);
        assert_eq!(orientation(b"MM\0*\xff\xff\xff\xff"), 1);
        assert_eq!(orientation(b""), 1);
    }
}
