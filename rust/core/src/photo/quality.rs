//! A verdict on each photo: what an administrator would want to know before writing it
//! to 2,000 accounts. Warnings only: the photo is still made.
//!
//! Sharpness and exposure are measured on the face (or, without one, the middle of the
//! square) resampled to the size the face will have in the largest output, so "blurred"
//! means blurred as people will see it, not blurred at the camera's resolution.

use serde::Serialize;

use super::face::Face;
use super::grey::Grey8;
use super::raster::Rgb8;

/// Below this variance of the Laplacian the face looks soft. Measured on the fixtures
/// (the astronaut's face at 233 pixels: sharp about 600, a Gaussian blur of 1.5 pixels
/// about 60, of 3 pixels about 15), with the benchmark's drawn faces (70-300) above it.
pub const BLUR_THRESHOLD: f64 = 40.0;
/// Mean luma of the face below which it reads as a silhouette.
pub const DARK_THRESHOLD: f64 = 55.0;
/// Share of the face at 250 or more: highlights with no detail left.
pub const BLOWN_SHARE: f64 = 0.20;
/// A face smaller than this many source pixels has no detail to give any output.
pub const SMALL_FACE_PIXELS: f64 = 64.0;
/// In a centred frame, a face under this share of the side is too small to recognise.
pub const SMALL_FACE_SHARE: f64 = 0.15;

/// One finding about a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualityIssue {
    /// Stable name: no-face, several-faces, face-small, face-cut, framing-limited,
    /// blurred, too-dark, blown-out, upscaled.
    pub kind: &'static str,
    pub message: String,
}

impl QualityIssue {
    pub fn new(kind: &'static str, message: impl Into<String>) -> QualityIssue {
        QualityIssue {
            kind,
            message: message.into(),
        }
    }
}

/// The measurements behind the verdict, and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    /// Variance of the Laplacian of the face (or middle of the square), as seen at the
    /// largest output's scale.
    pub sharpness: f64,
    /// Mean luma (0-255) of the same area.
    pub brightness: f64,
    /// Share of it at 250 or more.
    pub blown_share: f64,
    pub issues: Vec<QualityIssue>,
}

/// Where to measure, in the decoded pixels (stored orientation), and at what size.
pub struct Area {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    /// The area's size in the largest output, in pixels.
    pub seen_at: u32,
    /// It is a face (the messages say so).
    pub is_face: bool,
}

/// Sharpness and exposure of `area` of `pixels`.
pub fn measure(pixels: &Rgb8, area: &Area) -> Quality {
    let side = area.seen_at.clamp(24, 256);
    let patch = Grey8::patch(pixels, area.left, area.top, area.width, area.height, side);
    let n = patch.data.len().max(1) as f64;
    let brightness = patch.data.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let blown_share = patch.data.iter().filter(|&&v| v >= 250).count() as f64 / n;
    let sharpness = laplacian_variance(&patch);
    let what = if area.is_face { "the face" } else { "the photo" };
    let mut issues = Vec::new();
    if sharpness < BLUR_THRESHOLD {
        issues.push(QualityIssue::new(
            "blurred",
            format!("{what} looks blurred (sharpness {sharpness:.0}, below {BLUR_THRESHOLD:.0})"),
        ));
    }
    if brightness < DARK_THRESHOLD {
        issues.push(QualityIssue::new(
            "too-dark",
            format!("{what} is too dark (mean brightness {brightness:.0} of 255)"),
        ));
    }
    if blown_share > BLOWN_SHARE {
        issues.push(QualityIssue::new(
            "blown-out",
            format!("{:.0}% of {what} is blown out to white", blown_share * 100.0),
        ));
    }
    Quality {
        sharpness: (sharpness * 10.0).round() / 10.0,
        brightness: (brightness * 10.0).round() / 10.0,
        blown_share: (blown_share * 1000.0).round() / 1000.0,
        issues,
    }
}

/// Findings about the faces themselves: none, several, too small, cut by an edge.
/// `faces` are in upright source pixels, largest first; `upright` is the source's size.
pub fn face_issues(faces: &[Face], subjects: usize, upright: (f64, f64), square_side: f64) -> Vec<QualityIssue> {
    let mut issues = Vec::new();
    let Some(main) = faces.first() else {
        issues.push(QualityIssue::new(
            "no-face",
            "no face found: the centred square was used; check the framing",
        ));
        return issues;
    };
    if subjects > 1 {
        issues.push(QualityIssue::new(
            "several-faces",
            format!("{subjects} faces found: framed on the largest; is this the right person?"),
        ));
    }
    if main.height < SMALL_FACE_PIXELS || main.height < SMALL_FACE_SHARE * square_side {
        issues.push(QualityIssue::new(
            "face-small",
            format!(
                "the face is only {:.0} pixels tall in the source ({:.0}% of the square)",
                main.height,
                100.0 * main.height / square_side.max(1.0)
            ),
        ));
    }
    let (w, h) = upright;
    let margin = 0.02 * main.height;
    if main.x < -margin || main.y < -margin || main.x + main.width > w + margin || main.y + main.height > h + margin {
        issues.push(QualityIssue::new(
            "face-cut",
            "the face is cut by the edge of the picture",
        ));
    }
    issues
}

/// Variance of the 4-neighbour Laplacian over the interior of `g`.
fn laplacian_variance(g: &Grey8) -> f64 {
    let (w, h) = (g.width as usize, g.height as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let (mut sum, mut sum_sq, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let at =
                |dx: isize, dy: isize| f64::from(g.data[((y as isize + dy) as usize) * w + (x as isize + dx) as usize]);
            let l = at(-1, 0) + at(1, 0) + at(0, -1) + at(0, 1) - 4.0 * at(0, 0);
            sum += l;
            sum_sq += l * l;
            n += 1.0;
        }
    }
    let mean = sum / n;
    sum_sq / n - mean * mean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker(cell: u32, dark: u8, light: u8) -> Rgb8 {
        let mut img = Rgb8::filled(64, 64, [dark; 3]);
        for y in 0..64 {
            for x in 0..64 {
                if (x / cell + y / cell) % 2 == 0 {
                    img.paste(&Rgb8::filled(1, 1, [light; 3]), x, y);
                }
            }
        }
        img
    }

    fn area(seen_at: u32) -> Area {
        Area {
            left: 0.0,
            top: 0.0,
            width: 64.0,
            height: 64.0,
            seen_at,
            is_face: true,
        }
    }

    #[test]
    fn flat_dark_and_white_areas_are_called_out() {
        let kinds = |q: &Quality| q.issues.iter().map(|i| i.kind).collect::<Vec<_>>();
        let flat = measure(&Rgb8::filled(64, 64, [20, 20, 20]), &area(64));
        assert_eq!(kinds(&flat), vec!["blurred", "too-dark"]);
        let white = measure(&Rgb8::filled(64, 64, [255, 255, 255]), &area(64));
        assert!(kinds(&white).contains(&"blown-out"));
        let sharp = measure(&checker(2, 60, 200), &area(64));
        assert!(sharp.issues.is_empty(), "{sharp:?}");
    }

    #[test]
    fn face_findings() {
        let face = |x: f64, side: f64| Face {
            x,
            y: 100.0,
            width: side,
            height: side,
            score: 4.0,
        };
        assert_eq!(face_issues(&[], 0, (100.0, 100.0), 100.0)[0].kind, "no-face");
        let two = [face(100.0, 300.0), face(600.0, 250.0)];
        let kinds: Vec<_> = face_issues(&two, 2, (1000.0, 1000.0), 800.0)
            .iter()
            .map(|i| i.kind)
            .collect();
        assert_eq!(kinds, vec!["several-faces"]);
        let kinds: Vec<_> = face_issues(&[face(-40.0, 50.0)], 1, (1000.0, 1000.0), 1000.0)
            .iter()
            .map(|i| i.kind)
            .collect();
        assert_eq!(kinds, vec!["face-small", "face-cut"]);
    }
}
