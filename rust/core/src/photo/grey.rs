//! A small upright grey copy of a decoded picture: what the face detector and the
//! quality checks look at.

use super::raster::Rgb8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grey8 {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// Rec. 601 luma, as the detector was trained on and JPEG's Y channel holds.
fn luma(p: &[u8]) -> u32 {
    ((luma_256(u64::from(p[0]), u64::from(p[1]), u64::from(p[2])) + 128) >> 8) as u32
}

/// 256 times the luma of a colour (or of sums of colours: it is linear).
fn luma_256(r: u64, g: u64, b: u64) -> u64 {
    77 * r + 150 * g + 29 * b
}

/// `Grey8::reduced` with column sums of type `T`. The block's rows are first added
/// byte by byte into one row of sums (a plain element-wise add, which the compiler
/// makes into wide SIMD adds: most of the work), and only that row is summed per block
/// and channel: the reduction reads the decoded picture once at memory speed.
fn reduce_with<T>(src: &Rgb8, factor: usize) -> Grey8
where
    T: Copy + Default + From<u8> + std::ops::AddAssign + Into<u32>,
{
    let (width, height) = (src.width as usize / factor, src.height as usize / factor);
    let used = width * factor * 3;
    let row_bytes = src.width as usize * 3;
    let area = (factor * factor) as u64;
    let mut columns = vec![T::default(); used];
    let mut data = Vec::with_capacity(width * height);
    for by in 0..height {
        columns.fill(T::default());
        for y in by * factor..(by + 1) * factor {
            let row = &src.data[y * row_bytes..y * row_bytes + used];
            for (c, &v) in columns.iter_mut().zip(row) {
                *c += T::from(v);
            }
        }
        data.extend(columns.chunks_exact(factor * 3).map(|block| {
            let mut s = [0u64; 3];
            for p in block.chunks_exact(3) {
                s[0] += u64::from(p[0].into());
                s[1] += u64::from(p[1].into());
                s[2] += u64::from(p[2].into());
            }
            let l = luma_256(s[0], s[1], s[2]) >> 8;
            ((l + area / 2) / area) as u8
        }));
    }
    Grey8 {
        width: width as u32,
        height: height as u32,
        data,
    }
}

impl Grey8 {
    /// `src` reduced `factor` times, each pixel the luma of the mean colour of its
    /// `factor`×`factor` block (every pixel counted: sampling fewer lets the grain and
    /// detail of a finely decoded photo alias into patterns the detector takes for
    /// features). Partial blocks at the edges dropped.
    pub fn reduced(src: &Rgb8, factor: u32) -> Grey8 {
        let factor = factor.max(1) as usize;
        // A column of up to 257 bytes sums in 16 bits: twice the lanes of 32.
        if factor <= usize::from(u16::MAX) / 255 {
            reduce_with::<u16>(src, factor)
        } else {
            reduce_with::<u32>(src, factor)
        }
    }

    /// The part `left, top, width, height` (clipped to the image) resampled to
    /// `side`×`side`, each pixel the mean of the source pixels it covers (at least
    /// one): a fixed-size view of a face for the sharpness and exposure checks.
    pub fn patch(src: &Rgb8, left: f64, top: f64, width: f64, height: f64, side: u32) -> Grey8 {
        let side = side.max(1);
        let mut data = Vec::with_capacity((side * side) as usize);
        if src.width == 0 || src.height == 0 {
            return Grey8 {
                width: side,
                height: side,
                data: vec![0; (side * side) as usize],
            };
        }
        let edges = |start: f64, length: f64, limit: u32| -> Vec<(usize, usize)> {
            (0..side)
                .map(|i| {
                    let a = start + f64::from(i) * length / f64::from(side);
                    let b = start + f64::from(i + 1) * length / f64::from(side);
                    let lo = (a.floor().max(0.0) as u32).min(limit - 1);
                    let hi = (b.ceil().max(0.0) as u32).clamp(lo + 1, limit);
                    (lo as usize, hi as usize)
                })
                .collect()
        };
        let xs = edges(left, width, src.width);
        let ys = edges(top, height, src.height);
        let row_bytes = src.width as usize * 3;
        // Cells wider than 3 pixels are sampled every half cell, as in `reduced`.
        let step = |lo: usize, hi: usize| ((hi - lo) / 2).max(1);
        for &(y0, y1) in &ys {
            for &(x0, x1) in &xs {
                let (mut sum, mut n) = (0u32, 0u32);
                for y in (y0..y1).step_by(step(y0, y1)) {
                    for x in (x0..x1).step_by(step(x0, x1)) {
                        let at = y * row_bytes + x * 3;
                        sum += luma(&src.data[at..at + 3]);
                        n += 1;
                    }
                }
                data.push(((sum + n / 2) / n.max(1)) as u8);
            }
        }
        Grey8 {
            width: side,
            height: side,
            data,
        }
    }

    /// Applies an EXIF orientation (1..=8), as `Rgb8::oriented` does for colour.
    pub fn oriented(self, orientation: u8) -> Grey8 {
        if !(2..=8).contains(&orientation) {
            return self;
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let swaps = orientation >= 5;
        let (ow, oh) = if swaps { (h, w) } else { (w, h) };
        let mut out = vec![0u8; self.data.len()];
        for y in 0..oh {
            for x in 0..ow {
                let (sx, sy) = match orientation {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                out[y * ow + x] = self.data[sy * w + sx];
            }
        }
        Grey8 {
            width: ow as u32,
            height: oh as u32,
            data: out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reduction as first written: every block's pixels summed one by one.
    fn reduced_by_blocks(src: &Rgb8, factor: u32) -> Vec<u8> {
        let f = factor as usize;
        let (w, h) = (src.width as usize / f, src.height as usize / f);
        let mut out = Vec::new();
        for by in 0..h {
            for bx in 0..w {
                let mut s = [0u64; 3];
                for y in by * f..(by + 1) * f {
                    for x in bx * f..(bx + 1) * f {
                        let at = (y * src.width as usize + x) * 3;
                        for (sum, &v) in s.iter_mut().zip(&src.data[at..at + 3]) {
                            *sum += u64::from(v);
                        }
                    }
                }
                let l = luma_256(s[0], s[1], s[2]) >> 8;
                let area = (f * f) as u64;
                out.push(((l + area / 2) / area) as u8);
            }
        }
        out
    }

    #[test]
    fn row_sums_give_what_block_sums_give() {
        // Noise (so every rounding is exercised), odd sizes (partial blocks dropped),
        // white (the largest sums) and factors on both sides of the 16-bit limit.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut noise = Rgb8::filled(531, 389, [0, 0, 0]);
        for v in noise.data.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *v = (state >> 56) as u8;
        }
        for factor in [1, 2, 3, 5, 7, 12, 64] {
            assert_eq!(
                Grey8::reduced(&noise, factor).data,
                reduced_by_blocks(&noise, factor),
                "factor {factor}"
            );
        }
        let white = Rgb8::filled(600, 300, [255, 255, 255]);
        for factor in [257, 258, 300] {
            let g = Grey8::reduced(&white, factor);
            assert_eq!(g.data, reduced_by_blocks(&white, factor), "factor {factor}");
            assert!(g.data.iter().all(|&v| v == 255));
        }
    }

    #[test]
    fn reduction_averages_blocks_and_orientation_turns() {
        let mut src = Rgb8::filled(4, 2, [0, 0, 0]);
        src.paste(&Rgb8::filled(2, 2, [255, 255, 255]), 2, 0);
        let g = Grey8::reduced(&src, 2);
        assert_eq!((g.width, g.height, g.data.clone()), (2, 1, vec![0, 255]));
        let mut square = Rgb8::filled(4, 4, [0, 0, 0]);
        square.paste(&Rgb8::filled(2, 4, [255, 255, 255]), 2, 0);
        assert_eq!(Grey8::reduced(&square, 4).data, vec![128]);
        let turned = g.oriented(6);
        assert_eq!((turned.width, turned.height, turned.data), (1, 2, vec![0, 255]));
        let p = Grey8::patch(&src, 2.0, 0.0, 2.0, 2.0, 3);
        assert!(p.data.iter().all(|&v| v == 255));
    }
}
