//! Luma SSIM as Wang et al. define it: 11×11 Gaussian window (σ = 1.5), C1 = (0.01·255)²,
//! C2 = (0.03·255)², averaged over every position where the window fits (no padding,
//! so edges are not compared against invented pixels).

const RADIUS: usize = 5;
const SIGMA: f64 = 1.5;
const C1: f64 = (0.01 * 255.0) * (0.01 * 255.0);
const C2: f64 = (0.03 * 255.0) * (0.03 * 255.0);

/// A single-channel image.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f64>,
}

/// Rec. 601 luma of packed RGB, the Y that JPEG itself encodes.
pub fn luma(width: usize, height: usize, rgb: &[u8]) -> Plane {
    let data = rgb
        .chunks_exact(3)
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect();
    Plane { width, height, data }
}

fn kernel() -> [f64; 2 * RADIUS + 1] {
    let mut k = [0.0; 2 * RADIUS + 1];
    for (i, v) in k.iter_mut().enumerate() {
        let d = i as f64 - RADIUS as f64;
        *v = (-d * d / (2.0 * SIGMA * SIGMA)).exp();
    }
    let sum: f64 = k.iter().sum();
    k.map(|v| v / sum)
}

/// The Gaussian-weighted mean of `f(a, b)` at every window position (a "valid"
/// separable convolution).
fn windowed(a: &Plane, b: &Plane, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    let k = kernel();
    let n = k.len();
    let (w, h) = (a.width, a.height);
    let (ow, oh) = (w + 1 - n, h + 1 - n);
    let values: Vec<f64> = a.data.iter().zip(&b.data).map(|(&x, &y)| f(x, y)).collect();
    let mut across = vec![0.0; ow * h];
    for y in 0..h {
        let row = &values[y * w..(y + 1) * w];
        for x in 0..ow {
            across[y * ow + x] = row[x..x + n].iter().zip(&k).map(|(v, k)| v * k).sum();
        }
    }
    let mut out = vec![0.0; ow * oh];
    for y in 0..oh {
        for (i, kv) in k.iter().enumerate() {
            let src = &across[(y + i) * ow..(y + i + 1) * ow];
            for (o, s) in out[y * ow..(y + 1) * ow].iter_mut().zip(src) {
                *o += kv * s;
            }
        }
    }
    out
}

/// Mean SSIM of two planes of the same size (at least 11×11).
pub fn ssim(a: &Plane, b: &Plane) -> f64 {
    assert_eq!((a.width, a.height), (b.width, b.height), "SSIM needs equal sizes");
    assert!(
        a.width > 2 * RADIUS && a.height > 2 * RADIUS,
        "SSIM needs at least 11x11"
    );
    let mu_a = windowed(a, b, |x, _| x);
    let mu_b = windowed(a, b, |_, y| y);
    let aa = windowed(a, b, |x, _| x * x);
    let bb = windowed(a, b, |_, y| y * y);
    let ab = windowed(a, b, |x, y| x * y);
    let mut total = 0.0;
    for i in 0..mu_a.len() {
        let (ma, mb) = (mu_a[i], mu_b[i]);
        let var_a = aa[i] - ma * ma;
        let var_b = bb[i] - mb * mb;
        let cov = ab[i] - ma * mb;
        total += ((2.0 * ma * mb + C1) * (2.0 * cov + C2)) / ((ma * ma + mb * mb + C1) * (var_a + var_b + C2));
    }
    total / mu_a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plane(w: usize, h: usize, f: impl Fn(usize, usize) -> f64) -> Plane {
        let data = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| f(x, y))
            .collect();
        Plane {
            width: w,
            height: h,
            data,
        }
    }

    #[test]
    fn identical_images_score_one() {
        let a = plane(40, 30, |x, y| ((x * 7 + y * 13) % 256) as f64);
        assert!((ssim(&a, &a) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn noise_lowers_the_score_and_it_is_symmetric() {
        let a = plane(64, 64, |x, y| (x * 4 + y) as f64 % 256.0);
        let b = plane(64, 64, |x, y| {
            (x * 4 + y) as f64 % 256.0 + if (x * 31 + y * 17) % 5 == 0 { 20.0 } else { -5.0 }
        });
        let s = ssim(&a, &b);
        assert!(s < 0.99 && s > 0.3, "{s}");
        assert!((s - ssim(&b, &a)).abs() < 1e-12);
    }

    #[test]
    fn luma_weights_sum_to_one() {
        let p = luma(1, 1, &[200, 200, 200]);
        assert!((p.data[0] - 200.0).abs() < 1e-9);
    }
}
