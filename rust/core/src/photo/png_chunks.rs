//! A PNG reduced to what its pixels need. Ancillary chunks are where small files hide
//! large costs (an `iCCP` or `zTXt` chunk is zlib data that may inflate to gigabytes,
//! and the decoder inflates some of them before the first row); none of them changes
//! the pixels of a photo, except transparency (`tRNS`) and orientation (a small `eXIf`).

use std::borrow::Cow;

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
/// The largest `eXIf` kept: an orientation needs a few dozen bytes.
const MAX_EXIF: usize = 64 << 10;

/// The PNG with only IHDR, PLTE, tRNS, IDAT, IEND, a small eXIf and any critical chunk
/// the decoder should judge. Borrowed when nothing is dropped; left as it is when its
/// structure is broken (the decoder then reports the damage).
pub fn without_ancillary(data: &[u8]) -> Cow<'_, [u8]> {
    let Some(mut rest) = data.strip_prefix(SIGNATURE) else {
        return Cow::Borrowed(data);
    };
    let mut kept: Vec<&[u8]> = Vec::new();
    let mut dropped = false;
    while rest.len() >= 12 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let Some(total) = len.checked_add(12).filter(|t| *t <= rest.len()) else {
            break;
        };
        let kind = &rest[4..8];
        let (chunk, after) = rest.split_at(total);
        let keep = match kind {
            b"IHDR" | b"PLTE" | b"tRNS" | b"IDAT" | b"IEND" => true,
            b"eXIf" => len <= MAX_EXIF,
            // Critical chunks (upper-case first letter) we do not know: the decoder
            // must see them to refuse the file.
            _ => kind[0].is_ascii_uppercase(),
        };
        if keep {
            kept.push(chunk);
        } else {
            dropped = true;
        }
        rest = after;
        if kind == b"IEND" {
            rest = &[];
            break;
        }
    }
    if !dropped {
        return Cow::Borrowed(data);
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(SIGNATURE);
    kept.iter().for_each(|c| out.extend_from_slice(c));
    out.extend_from_slice(rest); // a truncated tail, for the decoder to report
    Cow::Owned(out)
}

/// The PNG's `iCCP` profile, inflated to at most `limit` bytes: `image` would inflate
/// the whole chunk first (a 1x1 PNG can claim a gigabyte of profile). `None` when
/// absent, damaged or larger than the limit.
pub fn icc_profile(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut rest = data.strip_prefix(SIGNATURE)?;
    while rest.len() >= 12 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let total = len.checked_add(12).filter(|t| *t <= rest.len())?;
        let kind = &rest[4..8];
        match kind {
            b"iCCP" => {
                let body = &rest[8..8 + len];
                // A name of 1-79 bytes, its NUL, the compression method (0: zlib).
                let name_end = body.iter().take(80).position(|b| *b == 0)?;
                let compressed = body.get(name_end + 2..)?;
                let mut profile = Vec::new();
                flate2::read::ZlibDecoder::new(compressed)
                    .take(limit as u64 + 1)
                    .read_to_end(&mut profile)
                    .ok()?;
                return (profile.len() <= limit).then_some(profile);
            }
            // The profile must come before the pixels.
            b"IDAT" | b"IEND" => return None,
            _ => rest = &rest[total..],
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    fn iccp(profile: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(profile).unwrap();
        let mut body = b"icc\0\0".to_vec();
        body.extend(z.finish().unwrap());
        [
            SIGNATURE.to_vec(),
            chunk(b"IHDR", b"h"),
            chunk(b"iCCP", &body),
            chunk(b"IDAT", b"d"),
        ]
        .concat()
    }

    #[test]
    fn a_profile_is_read_only_up_to_its_limit() {
        assert_eq!(icc_profile(&iccp(b"profile"), 100).as_deref(), Some(&b"profile"[..]));
        assert_eq!(icc_profile(&iccp(&[7u8; 1000]), 999), None, "over the limit");
        assert_eq!(icc_profile(&iccp(&[7u8; 1000]), 1000).map(|p| p.len()), Some(1000));
        let plain = [SIGNATURE.to_vec(), chunk(b"IHDR", b"h"), chunk(b"IDAT", b"d")].concat();
        assert_eq!(icc_profile(&plain, 100), None);
        assert_eq!(icc_profile(b"not a png", 100), None);
    }

    #[test]
    fn keeps_what_the_pixels_need_and_drops_the_rest() {
        let mut png = SIGNATURE.to_vec();
        for (kind, data) in [
            (b"IHDR", &b"hdr"[..]),
            (b"iCCP", b"profile"),
            (b"zTXt", b"text"),
            (b"PLTE", b"pal"),
            (b"tRNS", b"t"),
            (b"acTL", b"anim"),
            (b"IDAT", b"pixels"),
            (b"eXIf", b"MM"),
            (b"IEND", b""),
        ] {
            png.extend(chunk(kind, data));
        }
        png.extend_from_slice(b"trailing junk");
        let out = without_ancillary(&png);
        let text = String::from_utf8_lossy(&out);
        for gone in ["iCCP", "zTXt", "acTL", "trailing"] {
            assert!(!text.contains(gone), "{gone}");
        }
        for kept in ["IHDR", "PLTE", "tRNS", "IDAT", "eXIf", "IEND"] {
            assert!(text.contains(kept), "{kept}");
        }
        let plain: Vec<u8> = [SIGNATURE.to_vec(), chunk(b"IHDR", b"h"), chunk(b"IDAT", b"d")].concat();
        assert!(matches!(without_ancillary(&plain), Cow::Borrowed(_)));
        let mut truncated = plain.clone();
        truncated.extend(chunk(b"tEXt", b"x"));
        truncated.extend_from_slice(&[0, 0, 1, 0, b'I', b'D']);
        let out = without_ancillary(&truncated);
        assert!(
            out.ends_with(&[0, 0, 1, 0, b'I', b'D']),
            "a broken tail is left for the decoder"
        );
    }
}
