//! Smooth value noise on a lattice, evaluated one image row at a time.
//!
//! Every lattice value comes from a hash of (seed, column, row), never from a running
//! random stream, so the same seed gives the same picture whatever order or thread the
//! rows are computed in.

/// A 64-bit mixer (the SplitMix64 finaliser): cheap, and good enough that neighbouring
/// inputs give unrelated outputs.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A hash of several values, each folded in through the mixer.
pub fn hash(parts: &[u64]) -> u64 {
    parts.iter().fold(0x5EED, |h, &p| mix(h ^ p))
}

/// A value in [-1, 1) from 24 bits of `h`.
pub fn signed_unit(h: u64) -> f32 {
    (h >> 40) as f32 / (1u64 << 23) as f32 - 1.0
}

/// A value in [0, 1) from 24 bits of `h`.
pub fn unit(h: u64) -> f32 {
    (h >> 40) as f32 / (1u64 << 24) as f32
}

/// Smoothstep, so the noise has no creases along the lattice lines (creases would be
/// sharp edges, and sharp edges cost JPEG bits that no real photo spends there).
fn smooth(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

/// One octave of value noise: random values on a lattice with spacing `sx`×`sy`
/// pixels (unequal spacings give streaks, as in hair), smoothly interpolated.
pub struct Lattice {
    sy: u32,
    columns: usize,
    values: Vec<f32>,
    /// For each pixel column: the lattice column to its left and the weight of the one
    /// to its right. Tabulated once so the per-pixel loop has no division in it.
    left: Vec<u32>,
    weight: Vec<f32>,
    /// The lattice interpolated vertically to the current row.
    row: Vec<f32>,
    row_y: Option<u32>,
}

impl Lattice {
    pub fn new(seed: u64, width: u32, height: u32, sx: u32, sy: u32) -> Lattice {
        let columns = (width / sx) as usize + 2;
        let rows = (height / sy) as usize + 2;
        let mut values = Vec::with_capacity(columns * rows);
        for j in 0..rows as u64 {
            let row_seed = hash(&[seed, j]);
            values.extend((0..columns as u64).map(|i| signed_unit(mix(row_seed ^ i))));
        }
        let (left, weight) = (0..width)
            .map(|x| (x / sx, smooth((x % sx) as f32 / sx as f32)))
            .unzip();
        Lattice {
            sy,
            columns,
            values,
            left,
            weight,
            row: vec![0.0; columns],
            row_y: None,
        }
    }

    /// Adds `gain` times this octave's row `y` to `out`.
    pub fn add_row(&mut self, y: u32, gain: f32, out: &mut [f32]) {
        if self.row_y != Some(y) {
            let j = (y / self.sy) as usize;
            let t = smooth((y % self.sy) as f32 / self.sy as f32);
            let above = &self.values[j * self.columns..(j + 1) * self.columns];
            let below = &self.values[(j + 1) * self.columns..(j + 2) * self.columns];
            for ((r, &a), &b) in self.row.iter_mut().zip(above).zip(below) {
                *r = a + (b - a) * t;
            }
            self.row_y = Some(y);
        }
        for ((o, &i), &w) in out.iter_mut().zip(&self.left).zip(&self.weight) {
            let a = self.row[i as usize];
            let b = self.row[i as usize + 1];
            *o += gain * (a + (b - a) * w);
        }
    }
}

/// A sum of octaves, each with its own gain.
pub struct Fractal {
    octaves: Vec<(Lattice, f32)>,
}

impl Fractal {
    /// Octaves with spacings `spacings` (anisotropic by `stretch` vertically), and gain
    /// `spacing^exponent`, scaled so the sum has a standard deviation near 1.
    pub fn new(seed: u64, width: u32, height: u32, spacings: &[u32], stretch: u32, exponent: f32) -> Fractal {
        let gains: Vec<f32> = spacings.iter().map(|&s| (s as f32).powf(exponent)).collect();
        // Interpolated value noise with uniform lattice values has a standard deviation
        // of about 0.45; octaves are independent, so variances add.
        let sum_sq: f32 = gains.iter().map(|g| g * g).sum();
        let norm = 1.0 / (0.45 * sum_sq.sqrt());
        let octaves = spacings
            .iter()
            .zip(gains)
            .enumerate()
            .map(|(k, (&s, g))| {
                let lattice = Lattice::new(hash(&[seed, k as u64, u64::from(s)]), width, height, s, s * stretch);
                (lattice, g * norm)
            })
            .collect();
        Fractal { octaves }
    }

    /// Adds row `y` of the octaves whose spacing index is in `range` to `out`.
    pub fn add_row(&mut self, y: u32, range: std::ops::Range<usize>, out: &mut [f32]) {
        for (lattice, gain) in &mut self.octaves[range] {
            lattice.add_row(y, *gain, out);
        }
    }

    pub fn len(&self) -> usize {
        self.octaves.len()
    }

    pub fn is_empty(&self) -> bool {
        self.octaves.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_do_not_depend_on_evaluation_order() {
        let mut a = Lattice::new(7, 100, 50, 8, 8);
        let mut b = Lattice::new(7, 100, 50, 8, 8);
        let (mut r1, mut r2) = (vec![0.0; 100], vec![0.0; 100]);
        a.add_row(13, 1.0, &mut r1);
        b.add_row(40, 1.0, &mut vec![0.0; 100]);
        b.add_row(13, 1.0, &mut r2);
        assert_eq!(r1, r2);
    }

    #[test]
    fn fractal_has_roughly_unit_deviation() {
        let (w, h) = (512, 512);
        let mut f = Fractal::new(3, w, h, &[2, 4, 8, 16], 1, 0.0);
        let mut sum_sq = 0.0f64;
        for y in 0..h {
            let mut row = vec![0.0; w as usize];
            f.add_row(y, 0..f.len(), &mut row);
            sum_sq += row.iter().map(|v| f64::from(v * v)).sum::<f64>();
        }
        let sd = (sum_sq / f64::from(w * h)).sqrt();
        assert!((0.7..1.3).contains(&sd), "sd {sd}");
    }
}
