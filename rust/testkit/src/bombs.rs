//! Small files that claim, or inflate into, enormous images: built byte by byte so the
//! tests need no fixtures and show exactly what each attack is.

use std::io::Write;

use super::crc32;

/// A PNG of the given chunks (each `(type, data)`), CRCs computed.
pub fn png(chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in chunks {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    png
}

pub fn ihdr(width: u32, height: u32, bit_depth: u8, colour_type: u8) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, colour_type, 0, 0, 0]);
    ihdr
}

/// A zlib stream of `len` zero bytes, compressed as it is produced (never held whole).
pub fn zlib_zeros(len: u64) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        z.write_all(&block[..n]).unwrap();
        left -= n as u64;
    }
    z.finish().unwrap()
}

/// A 16-bit RGBA PNG of `side`×`side` transparent pixels (778 KB at 10000).
pub fn png_rgba16(side: u32) -> Vec<u8> {
    let row = 1 + u64::from(side) * 8;
    png(&[
        (b"IHDR", ihdr(side, side, 16, 6)),
        (b"IDAT", zlib_zeros(row * u64::from(side))),
        (b"IEND", Vec::new()),
    ])
}

/// A 1x1 RGB PNG whose ICC profile chunk inflates to `profile_bytes`.
pub fn png_with_huge_iccp(profile_bytes: u64) -> Vec<u8> {
    let mut iccp = b"bomb\0\0".to_vec();
    iccp.extend(zlib_zeros(profile_bytes));
    png(&[
        (b"IHDR", ihdr(1, 1, 8, 2)),
        (b"iCCP", iccp),
        (b"IDAT", zlib_zeros(4)),
        (b"IEND", Vec::new()),
    ])
}

/// 35 bytes: a GIF whose logical screen is `side`×`side`, holding one 1x1 frame.
pub fn gif_screen(side: u16) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend_from_slice(&side.to_le_bytes());
    gif.extend_from_slice(&side.to_le_bytes());
    gif.extend_from_slice(&[0x80, 0, 0]); // a global colour table of two entries
    gif.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
    gif.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // a 1x1 frame at 0,0
    gif.extend_from_slice(&[2, 2, 0x44, 0x01, 0]); // LZW: clear, index 0, end
    gif.push(0x3B);
    gif
}

/// A lossless WebP of `side`×`side` transparent pixels: every prefix code has a single
/// symbol, so the pixels take no bits at all (28 bytes whatever the size).
pub fn webp_lossless(side: u32) -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.put(side - 1, 14);
    bits.put(side - 1, 14);
    bits.put(1, 1); // alpha used
    bits.put(0, 3); // version
    bits.put(0, 1); // no transform
    bits.put(0, 1); // no colour cache
    bits.put(0, 1); // no meta prefix codes
    for _ in 0..5 {
        bits.put(1, 1); // simple code
        bits.put(0, 1); // one symbol
        bits.put(0, 1); // of one bit
        bits.put(0, 1); // symbol 0
    }
    let mut vp8l = vec![0x2F];
    vp8l.extend(bits.finish());
    let mut webp = b"RIFF".to_vec();
    webp.extend_from_slice(&((4 + 8 + vp8l.len()) as u32).to_le_bytes());
    webp.extend_from_slice(b"WEBPVP8L");
    webp.extend_from_slice(&(vp8l.len() as u32).to_le_bytes());
    webp.extend(vp8l);
    webp
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// `count` bits of `value`, least significant first (VP8L's order).
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used % 8 == 0 {
                self.bytes.push(0);
            }
            let bit = ((value >> i) & 1) as u8;
            *self.bytes.last_mut().unwrap() |= bit << (self.used % 8);
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// A JPEG from libjpeg-turbo itself (grey, or 4:2:0 colour), progressive or not,
/// of a smooth gradient.
pub fn jpeg_turbo(width: u32, height: u32, grey: bool, progressive: bool) -> Vec<u8> {
    jpeg_turbo_of(width, height, grey, progressive, false)
}

/// A progressive grey JPEG of one flat tone: every block after the first scan is a run
/// of zeros, so a repeated scan adds a few hundred bytes and a pass over every block.
pub fn jpeg_flat_progressive(width: u32, height: u32) -> Vec<u8> {
    jpeg_turbo_of(width, height, true, true, true)
}

fn jpeg_turbo_of(width: u32, height: u32, grey: bool, progressive: bool, flat: bool) -> Vec<u8> {
    use turbojpeg_sys as tj;
    let channels = if grey { 1 } else { 3 };
    let mut pixels = vec![128u8; width as usize * height as usize * channels];
    for (i, px) in pixels.chunks_exact_mut(channels).enumerate().filter(|_| !flat) {
        let (x, y) = (i % width as usize, i / width as usize);
        for (c, v) in px.iter_mut().enumerate() {
            *v = ((x * 255 / width as usize + y * 255 / height as usize + c * 60) / 2) as u8;
        }
    }
    // SAFETY: a fresh handle, parameters from the library's own enums, a source buffer
    // of exactly width*height*channels bytes, and the output freed with tj3Free.
    unsafe {
        let h = tj::tj3Init(tj::TJINIT_TJINIT_COMPRESS as _);
        assert!(!h.is_null());
        let subsampling = if grey {
            tj::TJSAMP_TJSAMP_GRAY
        } else {
            tj::TJSAMP_TJSAMP_420
        };
        assert_eq!(tj::tj3Set(h, tj::TJPARAM_TJPARAM_SUBSAMP as _, subsampling as _), 0);
        assert_eq!(tj::tj3Set(h, tj::TJPARAM_TJPARAM_QUALITY as _, 85), 0);
        assert_eq!(tj::tj3Set(h, tj::TJPARAM_TJPARAM_PROGRESSIVE as _, progressive as _), 0);
        let format = if grey { tj::TJPF_TJPF_GRAY } else { tj::TJPF_TJPF_RGB };
        let mut buf: *mut u8 = std::ptr::null_mut();
        let mut size: tj::size_t = 0;
        let rc = tj::tj3Compress8(
            h,
            pixels.as_ptr(),
            width as _,
            (width as usize * channels) as _,
            height as _,
            format as _,
            &mut buf,
            &mut size,
        );
        assert_eq!(rc, 0, "libjpeg-turbo could not encode the test image");
        let jpeg = std::slice::from_raw_parts(buf, size as usize).to_vec();
        tj::tj3Free(buf.cast());
        tj::tj3Destroy(h);
        jpeg
    }
}

/// The JPEG with its last scan (and the tables just before it) repeated `times` more:
/// a progressive file whose decoding work grows with every copy while the file grows
/// by a few hundred bytes each.
pub fn with_repeated_last_scan(jpeg: &[u8], times: usize) -> Vec<u8> {
    let segments = segments(jpeg);
    let last_scan = segments.iter().rposition(|(m, _, _)| *m == 0xDA).expect("a scan");
    let first = (0..last_scan)
        .rev()
        .take_while(|i| segments[*i].0 == 0xC4)
        .last()
        .unwrap_or(last_scan);
    let (start, end) = (segments[first].1, segments[last_scan].2);
    let eoi = jpeg.len() - 2;
    assert_eq!(&jpeg[eoi..], [0xFF, 0xD9]);
    let mut out = jpeg[..end].to_vec();
    for _ in 0..times {
        out.extend_from_slice(&jpeg[start..end]);
    }
    out.extend_from_slice(&jpeg[end..]);
    out
}

/// Every segment as (marker, start, end), a scan's end including its entropy data.
pub fn segments(jpeg: &[u8]) -> Vec<(u8, usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 2;
    while pos + 4 <= jpeg.len() {
        let marker = jpeg[pos + 1];
        if marker == 0xD9 {
            break;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        let mut end = pos + 2 + len;
        if marker == 0xDA {
            while end + 1 < jpeg.len()
                && !(jpeg[end] == 0xFF && jpeg[end + 1] != 0 && !(0xD0..=0xD7).contains(&jpeg[end + 1]))
            {
                end += 1;
            }
        }
        out.push((marker, pos, end));
        pos = end;
    }
    out
}
