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
}
