//! The one pixel layout the pipeline works in after decoding: 8-bit sRGB, 3 bytes a
//! pixel, rows packed. Alpha and 16-bit samples never get this far.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rgb8 {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Rgb8 {
    /// A canvas filled with one colour.
    pub fn filled(width: u32, height: u32, rgb: [u8; 3]) -> Rgb8 {
        let mut data = Vec::with_capacity(width as usize * height as usize * 3);
        for _ in 0..width as usize * height as usize {
            data.extend_from_slice(&rgb);
        }
        Rgb8 { width, height, data }
    }

    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }

    /// Copies `src` onto this canvas with its top-left corner at (x, y); parts that
    /// fall outside are clipped.
    pub fn paste(&mut self, src: &Rgb8, x: u32, y: u32) {
        let cols = src.width.min(self.width.saturating_sub(x)) as usize * 3;
        for row in 0..src.height.min(self.height.saturating_sub(y)) {
            let from = row as usize * src.width as usize * 3;
            let to = ((y + row) as usize * self.width as usize + x as usize) * 3;
            self.data[to..to + cols].copy_from_slice(&src.data[from..from + cols]);
        }
    }

    /// Applies an EXIF orientation (1..=8) so the pixels appear as the camera meant.
    pub fn oriented(self, orientation: u8) -> Rgb8 {
        if !(2..=8).contains(&orientation) {
            return self;
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let swaps = orientation >= 5;
        let (ow, oh) = if swaps { (h, w) } else { (w, h) };
        let mut out = vec![0u8; self.data.len()];
        for y in 0..oh {
            for x in 0..ow {
                // For each displayed pixel, where it is stored (EXIF 2.32, tag 0x0112).
                let (sx, sy) = match orientation {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                let s = (sy * w + sx) * 3;
                let d = (y * ow + x) * 3;
                out[d..d + 3].copy_from_slice(&self.data[s..s + 3]);
            }
        }
        Rgb8 {
            width: ow as u32,
            height: oh as u32,
            data: out,
        }
    }
}

/// Composites straight (non-premultiplied) RGBA onto white, the background every
/// directory client draws a photo on. (Only HEIC/AVIF decoding needs it, and that is
/// not built on Windows yet.)
#[cfg(any(test, all(feature = "heif", not(windows))))]
pub fn flatten_rgba_on_white(width: u32, height: u32, rgba: &[u8]) -> Rgb8 {
    let mut data = Vec::with_capacity(width as usize * height as usize * 3);
    for px in rgba.chunks_exact(4) {
        let a = u32::from(px[3]);
        for &c in &px[..3] {
            data.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    Rgb8 { width, height, data }
}

/// Converts CMYK samples as libjpeg returns them into RGB. Photoshop (any file with an
/// Adobe APP14 marker) stores CMYK inverted, so 255 means "no ink" there.
pub fn cmyk_to_rgb(width: u32, height: u32, cmyk: &[u8], inverted: bool) -> Rgb8 {
    let mut data = Vec::with_capacity(width as usize * height as usize * 3);
    for px in cmyk.chunks_exact(4) {
        let ink = |v: u8| {
            if inverted {
                u32::from(v)
            } else {
                255 - u32::from(v)
            }
        };
        let k = ink(px[3]);
        for &c in &px[..3] {
            data.push(((ink(c) * k + 127) / 255) as u8);
        }
    }
    Rgb8 { width, height, data }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: [u8; 3] = [255, 0, 0];
    const G: [u8; 3] = [0, 255, 0];
    const B: [u8; 3] = [0, 0, 255];
    const W: [u8; 3] = [255, 255, 255];

    /// A 3x2 image whose corners are red, green (top) and blue, white (bottom).
    fn corners() -> Rgb8 {
        let mut img = Rgb8::filled(3, 2, [0, 0, 0]);
        img.paste(&Rgb8::filled(1, 1, R), 0, 0);
        img.paste(&Rgb8::filled(1, 1, G), 2, 0);
        img.paste(&Rgb8::filled(1, 1, B), 0, 1);
        img.paste(&Rgb8::filled(1, 1, W), 2, 1);
        img
    }

    #[test]
    fn every_orientation_puts_the_corners_where_the_camera_meant() {
        // Displayed top-left, top-right, bottom-left, bottom-right, worked out by hand.
        let expected = [
            (1, [R, G, B, W]),
            (2, [G, R, W, B]),
            (3, [W, B, G, R]),
            (4, [B, W, R, G]),
            (5, [R, B, G, W]),
            (6, [B, R, W, G]),
            (7, [W, G, B, R]),
            (8, [G, W, R, B]),
        ];
        for (o, [tl, tr, bl, br]) in expected {
            let img = corners().oriented(o);
            let (w, h) = (img.width, img.height);
            assert_eq!((w, h), if o >= 5 { (2, 3) } else { (3, 2) }, "size for {o}");
            assert_eq!(
                [
                    img.pixel(0, 0),
                    img.pixel(w - 1, 0),
                    img.pixel(0, h - 1),
                    img.pixel(w - 1, h - 1)
                ],
                [tl, tr, bl, br],
                "orientation {o}"
            );
        }
    }

    #[test]
    fn transparent_becomes_white_and_half_alpha_blends() {
        let img = flatten_rgba_on_white(3, 1, &[0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128]);
        assert_eq!(img.data, vec![255, 255, 255, 0, 0, 0, 127, 127, 127]);
    }

    #[test]
    fn adobe_cmyk_is_inverted() {
        // Pure cyan ink: C=100%, K=0. Photoshop stores C as 0 and K as 255.
        assert_eq!(cmyk_to_rgb(1, 1, &[0, 255, 255, 255], true).data, vec![0, 255, 255]);
        assert_eq!(cmyk_to_rgb(1, 1, &[255, 0, 0, 0], false).data, vec![0, 255, 255]);
    }
}
