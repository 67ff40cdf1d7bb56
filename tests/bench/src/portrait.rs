//! A synthetic head-and-shoulders photo with natural-image statistics.
//!
//! What matters for the benchmark is not likeness but how the file behaves: a JPEG
//! decoder spends its time on entropy-coded detail, a resizer's output quality depends
//! on texture at every scale, and a centre crop must land on a subject. So the picture
//! is a defocused background, a silhouette with soft edges and its own textures, fractal
//! texture with a roughly 1/f amplitude spectrum, and sensor grain.

use crate::noise::{hash, mix, Fractal};

/// What varies from photo to photo.
#[derive(Debug, Clone, Copy)]
pub struct PortraitSpec {
    pub width: u32,
    pub height: u32,
    pub seed: u64,
    /// Gain of the subject's fine texture; with `grain` it sets the file size.
    pub detail: f32,
    /// Standard deviation of the sensor grain, in 8-bit levels at mid-grey.
    pub grain: f32,
}

/// Scene parameters drawn from the seed, one after another.
struct Draws {
    seed: u64,
    n: u64,
}

impl Draws {
    fn next(&mut self) -> f32 {
        self.n += 1;
        crate::noise::unit(hash(&[self.seed, 0xD4A5, self.n]))
    }

    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.next()
    }

    fn colour(&mut self, palette: &[[f32; 3]]) -> [f32; 3] {
        let base = palette[(self.next() * palette.len() as f32) as usize % palette.len()];
        base.map(|c| c * self.range(0.9, 1.1))
    }
}

/// An ellipse whose edge is blurred over `edge` pixels.
#[derive(Clone, Copy)]
struct Ellipse {
    cx: f32,
    cy: f32,
    rx: f32,
    ry: f32,
    edge: f32,
}

impl Ellipse {
    /// Signed distance, roughly in pixels (exact on the axes, close enough elsewhere for
    /// a soft edge).
    fn distance(&self, x: f32, y: f32) -> f32 {
        let (u, v) = ((x - self.cx) / self.rx, (y - self.cy) / self.ry);
        ((u * u + v * v).sqrt() - 1.0) * self.rx.min(self.ry)
    }

    /// Coverage in [0, 1], with a cheap early exit far outside (most pixels are).
    fn alpha(&self, x: f32, y: f32) -> f32 {
        if (x - self.cx).abs() > self.rx + self.edge || (y - self.cy).abs() > self.ry + self.edge {
            return 0.0;
        }
        coverage(self.distance(x, y), self.edge)
    }
}

/// Coverage of a shape at signed distance `d` (negative inside) with a soft edge.
fn coverage(d: f32, edge: f32) -> f32 {
    let t = (0.5 - d / (2.0 * edge)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn lerp3(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

const BACKGROUNDS: [[f32; 3]; 6] = [
    [120.0, 135.0, 150.0],
    [70.0, 90.0, 80.0],
    [190.0, 185.0, 175.0],
    [60.0, 65.0, 90.0],
    [150.0, 120.0, 95.0],
    [210.0, 210.0, 215.0],
];
const SKIN: [[f32; 3]; 5] = [
    [232.0, 190.0, 165.0],
    [205.0, 155.0, 120.0],
    [165.0, 115.0, 85.0],
    [115.0, 78.0, 58.0],
    [240.0, 205.0, 185.0],
];
const HAIR: [[f32; 3]; 4] = [
    [40.0, 30.0, 25.0],
    [90.0, 60.0, 35.0],
    [190.0, 160.0, 110.0],
    [20.0, 20.0, 22.0],
];
const CLOTHES: [[f32; 3]; 6] = [
    [30.0, 40.0, 80.0],
    [200.0, 200.0, 205.0],
    [120.0, 30.0, 35.0],
    [50.0, 50.0, 55.0],
    [90.0, 110.0, 70.0],
    [170.0, 150.0, 120.0],
];

/// Renders the photo as packed 8-bit RGB.
pub fn render(spec: &PortraitSpec) -> Vec<u8> {
    let (w, h) = (spec.width, spec.height);
    let m = w.min(h) as f32;
    let mut d = Draws { seed: spec.seed, n: 0 };

    let cx = w as f32 / 2.0 + d.range(-0.03, 0.03) * m;
    let cy = h as f32 / 2.0 - d.range(0.10, 0.14) * m;
    let edge = d.range(3.0, 10.0);
    let head = Ellipse {
        cx,
        cy,
        rx: d.range(0.13, 0.15) * m,
        ry: d.range(0.18, 0.20) * m,
        edge,
    };
    let hair_shape = Ellipse {
        cy: cy - 0.03 * m,
        rx: head.rx * 1.12,
        ry: head.ry * 1.1,
        ..head
    };
    let eye_dx = 0.36 * head.rx;
    let eye = |side: f32| Ellipse {
        cx: cx + side * eye_dx,
        cy: cy - 0.05 * head.ry,
        rx: 0.16 * head.rx,
        ry: 0.06 * head.ry,
        edge: edge * 0.6,
    };
    let eyes = [eye(-1.0), eye(1.0)];
    let mouth = Ellipse {
        cx,
        cy: cy + 0.55 * head.ry,
        rx: 0.3 * head.rx,
        ry: 0.05 * head.ry,
        edge: edge * 0.8,
    };
    let neck_half_width = 0.5 * head.rx;
    let torso = Ellipse {
        cx,
        cy: cy + d.range(0.54, 0.58) * m,
        rx: d.range(0.40, 0.46) * m,
        ry: 0.3 * m,
        edge,
    };
    // The neck runs from under the chin into the shoulders.
    let (neck_top, neck_bottom) = (cy + 0.6 * head.ry, torso.cy - 0.2 * m);
    // Light from the upper left or right, a little in front.
    let light = {
        let side = if d.next() < 0.5 { -0.45 } else { 0.45 };
        let v: [f32; 3] = [side, -0.35, 0.82];
        let n = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
        v.map(|c| c / n)
    };

    let bg = [d.colour(&BACKGROUNDS), d.colour(&BACKGROUNDS)];
    let angle = d.range(0.0, std::f32::consts::TAU);
    let (gx, gy) = (angle.cos(), angle.sin());
    let skin = d.colour(&SKIN);
    let hair = d.colour(&HAIR);
    let cloth = d.colour(&CLOTHES);
    let lips = skin.map(|c| c * 0.7);
    let eye_colour = [35.0, 28.0, 25.0];

    // Equal gain per octave in 2-D is a 1/f amplitude spectrum (the scale invariance of
    // natural images); the small positive exponent steepens it a little, as lenses do.
    let spacings: Vec<u32> = (1..=12).map(|k| 1u32 << k).collect();
    let mut texture = Fractal::new(hash(&[spec.seed, 1]), w, h, &spacings, 1, 0.15);
    let fine_octaves = 4; // spacings 2..16: what a defocused background loses
    let mut strands = Fractal::new(hash(&[spec.seed, 2]), w, h, &[2, 4, 8, 16, 32], 12, 0.3);
    let mut chroma_a = Fractal::new(hash(&[spec.seed, 3]), w, h, &spacings[4..], 1, 0.4);
    let mut chroma_b = Fractal::new(hash(&[spec.seed, 4]), w, h, &spacings[4..], 1, 0.4);
    let mut wave = vec![0.0f32; w as usize];
    Fractal::new(hash(&[spec.seed, 5]), w, 1, &[128, 256, 512], 1, 0.5).add_row(0, 0..3, &mut wave);

    let mut out = vec![0u8; w as usize * h as usize * 3];
    let (mut coarse, mut fine, mut strand, mut ca, mut cb) = (vec![0f32; w as usize], vec![], vec![], vec![], vec![]);
    for y in 0..h {
        for buf in [&mut coarse, &mut fine, &mut strand, &mut ca, &mut cb] {
            buf.clear();
            buf.resize(w as usize, 0.0);
        }
        texture.add_row(y, fine_octaves..texture.len(), &mut coarse);
        texture.add_row(y, 0..fine_octaves, &mut fine);
        strands.add_row(y, 0..strands.len(), &mut strand);
        chroma_a.add_row(y, 0..chroma_a.len(), &mut ca);
        chroma_b.add_row(y, 0..chroma_b.len(), &mut cb);

        let fy = y as f32 + 0.5;
        let row_seed = hash(&[spec.seed, 6, u64::from(y)]);
        let row = &mut out[(y * w * 3) as usize..((y + 1) * w * 3) as usize];
        for (x, px) in row.chunks_exact_mut(3).enumerate() {
            let fx = x as f32 + 0.5;
            let (tc, tf) = (coarse[x], fine[x]);
            let chroma = |rgb: [f32; 3], k: f32| {
                [
                    rgb[0] + k * ca[x],
                    rgb[1] - k * (0.4 * ca[x] + 0.3 * cb[x]),
                    rgb[2] + k * cb[x],
                ]
            };

            // Background: a gradient, out of focus (fine octaves mostly gone).
            let t = ((fx / w as f32 - 0.5) * gx + (fy / h as f32 - 0.5) * gy + 0.5).clamp(0.0, 1.0);
            let tex = 0.1 * (tc + 0.05 * tf);
            let mut c = chroma(lerp3(bg[0], bg[1], t).map(|v| v * (1.0 + tex)), 6.0);

            // Neck and torso.
            let dx = fx - cx;
            let neck_d = {
                let qx = dx.abs() - neck_half_width;
                let qy = (fy - (neck_top + neck_bottom) / 2.0).abs() - (neck_bottom - neck_top) / 2.0;
                let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
                outside + qx.max(qy).min(0.0)
            };
            let a_neck = coverage(neck_d, edge);
            if a_neck > 0.0 {
                let shade = 0.62 + 0.15 * (1.0 - (dx / neck_half_width).powi(2)).max(0.0);
                let tex = 0.12 * (tc + spec.detail * tf);
                c = lerp3(c, chroma(skin.map(|v| v * shade * (1.0 + tex)), 3.0), a_neck);
            }
            let torso_d = if fy < torso.cy {
                torso.distance(fx, fy)
            } else {
                dx.abs() - torso.rx
            };
            let a_torso = coverage(torso_d, edge);
            if a_torso > 0.0 {
                let u = (dx / torso.rx).clamp(-1.0, 1.0);
                let shade = 0.75 + 0.25 * (1.0 - u * u).sqrt() + 0.1 * u * light[0];
                // Fabric weave: the fine octaves again, stronger.
                let tex = 0.15 * (tc + 1.6 * spec.detail * tf);
                c = lerp3(c, chroma(cloth.map(|v| v * shade * (1.0 + tex)), 5.0), a_torso);
            }

            // Face, lit as an ellipsoid, with eyes and mouth.
            let a_head = head.alpha(fx, fy);
            if a_head > 0.0 {
                let (u, v) = (dx / head.rx, (fy - cy) / head.ry);
                let n = [u, v, (1.0 - u * u - v * v).max(0.0).sqrt()];
                let lambert = (n[0] * light[0] + n[1] * light[1] + n[2] * light[2]).max(0.0);
                let shade = 0.5 + 0.55 * lambert;
                let tex = 0.1 * (tc + spec.detail * tf);
                let mut face = chroma(skin.map(|v| v * shade * (1.0 + tex)), 3.0);
                for e in &eyes {
                    face = lerp3(face, eye_colour, e.alpha(fx, fy));
                }
                face = lerp3(face, lips.map(|v| v * shade), mouth.alpha(fx, fy));
                c = lerp3(c, face, a_head);
            }

            // Hair: streaky texture, above a wavy hairline that drops at the temples.
            let a_shape = hair_shape.alpha(fx, fy);
            if a_shape > 0.0 {
                let u = dx / head.rx;
                let hairline = cy - 0.45 * head.ry + 0.9 * head.ry * u.powi(4) + 0.015 * m * wave[x];
                let a_hair = a_shape * coverage(fy - hairline, edge * 2.0);
                if a_hair > 0.0 {
                    let s = strand[x];
                    let tex = 0.35 * s + 0.1 * tc + 0.25 * spec.detail * tf;
                    let sheen = (s * 40.0).max(0.0) * (1.0 - u.abs());
                    let colour = hair.map(|v| v * (1.0 + tex) + sheen);
                    c = lerp3(c, colour, a_hair);
                }
            }

            // Lens vignetting.
            let r2 = (dx / w as f32).powi(2) + ((fy - h as f32 / 2.0) / h as f32).powi(2);
            let vignette = 1.0 - 0.5 * r2;

            // Sensor grain: shot noise grows with the signal; the channels share part of
            // it (demosaicking correlates them).
            let g1 = mix(row_seed ^ x as u64);
            let g2 = mix(g1);
            let tri = |bits: u64| ((bits & 0xFFFF) as f32 + ((bits >> 16) & 0xFFFF) as f32) / 65536.0 - 1.0;
            let shared = tri(g1) * 2.45;
            let own = [tri(g1 >> 32), tri(g2), tri(g2 >> 32)];
            for ch in 0..3 {
                let v = c[ch] * vignette;
                let sigma = spec.grain * (0.25 + 0.75 * v.max(0.0) / 255.0).sqrt();
                let noisy = v + sigma * (0.8 * shared + 0.6 * 2.45 * own[ch]);
                px[ch] = noisy.round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    out
}
