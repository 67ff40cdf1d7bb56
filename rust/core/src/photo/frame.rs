//! Which part of the source becomes the square photo, and how many source pixels it
//! spans (which decides the decode scale and whether an output is upscaled).

use serde::{Deserialize, Serialize};

/// How a non-square source becomes a square photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fit {
    /// Keep the centred square (portraits are framed around the face).
    #[default]
    Crop,
    /// Keep everything and fill the sides with white.
    Pad,
}

impl std::str::FromStr for Fit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "crop" => Ok(Fit::Crop),
            "pad" => Ok(Fit::Pad),
            other => Err(format!("unknown fit '{other}' (expected crop or pad)")),
        }
    }
}

/// A rectangle with fractional edges, in the coordinates of some pixel buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn scaled(self, factor: f64) -> Rect {
        Rect {
            left: self.left * factor,
            top: self.top * factor,
            width: self.width * factor,
            height: self.height * factor,
        }
    }

    pub fn shifted(self, dx: f64, dy: f64) -> Rect {
        Rect {
            left: self.left - dx,
            top: self.top - dy,
            ..self
        }
    }
}

/// The frame of a `width`×`height` source for `fit`. A centred square commutes with
/// every EXIF orientation, so this holds in stored coordinates too.
pub fn frame(width: u32, height: u32, fit: Fit) -> Rect {
    let (w, h) = (f64::from(width), f64::from(height));
    match fit {
        Fit::Crop => {
            let side = w.min(h);
            Rect {
                left: (w - side) / 2.0,
                top: (h - side) / 2.0,
                width: side,
                height: side,
            }
        }
        Fit::Pad => Rect {
            left: 0.0,
            top: 0.0,
            width: w,
            height: h,
        },
    }
}

/// The size a `width`×`height` stored image has once its EXIF orientation is applied.
pub fn upright_size(width: f64, height: f64, orientation: u8) -> (f64, f64) {
    if (5..=8).contains(&orientation) {
        (height, width)
    } else {
        (width, height)
    }
}

/// Where a point of the upright picture is in the stored one (EXIF 2.32, tag 0x0112;
/// the continuous form of `Rgb8::oriented`'s table).
fn stored_point(x: f64, y: f64, w: f64, h: f64, orientation: u8) -> (f64, f64) {
    match orientation {
        2 => (w - x, y),
        3 => (w - x, h - y),
        4 => (x, h - y),
        5 => (y, x),
        6 => (y, h - x),
        7 => (w - y, h - x),
        8 => (w - y, x),
        _ => (x, y),
    }
}

/// A rectangle of the upright picture, in the coordinates of the stored `w`×`h` one.
pub fn upright_to_stored(r: Rect, w: f64, h: f64, orientation: u8) -> Rect {
    let (x0, y0) = stored_point(r.left, r.top, w, h, orientation);
    let (x1, y1) = stored_point(r.left + r.width, r.top + r.height, w, h, orientation);
    Rect {
        left: x0.min(x1),
        top: y0.min(y1),
        width: (x1 - x0).abs(),
        height: (y1 - y0).abs(),
    }
}

/// A rectangle of the stored `w`×`h` picture, in upright coordinates.
pub fn stored_to_upright(r: Rect, w: f64, h: f64, orientation: u8) -> Rect {
    // Each orientation's inverse: 6 and 8 undo each other, the rest undo themselves.
    let inverse = match orientation {
        6 => 8,
        8 => 6,
        o => o,
    };
    let (uw, uh) = upright_size(w, h, orientation);
    upright_to_stored(r, uw, uh, inverse)
}

/// How many source pixels the frame spans along the side that becomes the output's
/// full width.
pub fn frame_span(frame: Rect) -> f64 {
    frame.width.max(frame.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_is_the_centred_square_and_pad_is_everything() {
        let c = frame(6000, 4000, Fit::Crop);
        assert_eq!((c.left, c.top, c.width, c.height), (1000.0, 0.0, 4000.0, 4000.0));
        let c = frame(4000, 6000, Fit::Crop);
        assert_eq!((c.left, c.top), (0.0, 1000.0));
        let p = frame(300, 100, Fit::Pad);
        assert_eq!(frame_span(p), 300.0);
    }

    #[test]
    fn rectangles_map_between_upright_and_stored_for_every_orientation() {
        // A 60x40 stored picture; the upright rectangle at the displayed top-left.
        let r = Rect {
            left: 0.0,
            top: 0.0,
            width: 10.0,
            height: 5.0,
        };
        for o in 1..=8u8 {
            let stored = upright_to_stored(r, 60.0, 40.0, o);
            let back = stored_to_upright(stored, 60.0, 40.0, o);
            assert_eq!(back, r, "orientation {o}");
        }
        // Orientation 6 (turn 90 degrees clockwise to view): the displayed top-left is
        // the stored bottom-left.
        let s = upright_to_stored(r, 60.0, 40.0, 6);
        assert_eq!((s.left, s.top, s.width, s.height), (0.0, 30.0, 5.0, 10.0));
        assert_eq!(upright_size(60.0, 40.0, 6), (40.0, 60.0));
    }
}
