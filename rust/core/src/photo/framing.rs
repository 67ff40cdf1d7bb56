//! How the square is chosen: on the face (the default) or the centre, and where the
//! face sits in it.
//!
//! The geometry is what directory clients show. Outlook, Teams and Windows draw the
//! photo in a circle inscribed in the square (Teams everywhere, new Outlook and OWA,
//! the Windows sign-in screen and Start), and in places as the square itself (classic
//! Outlook's contact card, SharePoint, Windows account pictures at small sizes). The
//! face must therefore sit inside the circle with room around it, which rules out a
//! "passport" framing (head 70-80% of the height, fine in a rectangle, cut by a circle).
//!
//! Default: the face box the detector reports (brow to chin, about 55-60% of the
//! whole head with hair) is 36% of the side, centred horizontally, eyes 42% from the
//! top. The head is then about 60% of the side and its top about 8% below the square's
//! edge, inside the circle; the chin is at 64%, leaving the neck and the top of the
//! shoulders in the lower third, which is what makes the circle read as a portrait
//! rather than a face mask. At 96 pixels (AD's thumbnailPhoto, shown at 32-48 pixels
//! in Outlook and Teams lists) that face is 35 pixels tall: eyes and mouth stay legible.
//! Both numbers are adjustable (`--eye-line`, `--face-height`).

use serde::{Deserialize, Serialize};

use super::face::Face;
use super::frame::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FramingMode {
    /// Find the face and frame the square on it; the centre when none is found.
    #[default]
    Face,
    /// The centred square, as before face framing existed.
    #[serde(alias = "center")]
    Centre,
}

impl std::str::FromStr for FramingMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "face" => Ok(FramingMode::Face),
            "centre" | "center" => Ok(FramingMode::Centre),
            other => Err(format!("unknown framing '{other}' (expected face or centre)")),
        }
    }
}

/// The framing asked for. Percentages are whole numbers so options compare and hash
/// exactly (they are part of the conversion cache's key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Framing {
    pub mode: FramingMode,
    /// Where the eyes sit, in per cent of the side from the top.
    pub eye_line: u8,
    /// The face's height (the detector's box, brow to chin), in per cent of the side.
    pub face_height: u8,
}

impl Framing {
    pub const DEFAULT_EYE_LINE: u8 = 42;
    pub const DEFAULT_FACE_HEIGHT: u8 = 36;
    pub const EYE_LINE_RANGE: std::ops::RangeInclusive<u8> = 25..=60;
    pub const FACE_HEIGHT_RANGE: std::ops::RangeInclusive<u8> = 15..=70;

    pub fn centre() -> Framing {
        Framing {
            mode: FramingMode::Centre,
            ..Framing::default()
        }
    }

    /// The defaults with the caller's changes, checked.
    pub fn with(mode: FramingMode, eye_line: Option<u8>, face_height: Option<u8>) -> Result<Framing, String> {
        let f = Framing {
            mode,
            eye_line: eye_line.unwrap_or(Self::DEFAULT_EYE_LINE),
            face_height: face_height.unwrap_or(Self::DEFAULT_FACE_HEIGHT),
        };
        f.check()?;
        Ok(f)
    }

    pub fn check(&self) -> Result<(), String> {
        if !Self::EYE_LINE_RANGE.contains(&self.eye_line) {
            return Err(format!(
                "eye line {}% is outside {}..{}%",
                self.eye_line,
                Self::EYE_LINE_RANGE.start(),
                Self::EYE_LINE_RANGE.end()
            ));
        }
        if !Self::FACE_HEIGHT_RANGE.contains(&self.face_height) {
            return Err(format!(
                "face height {}% is outside {}..{}%",
                self.face_height,
                Self::FACE_HEIGHT_RANGE.start(),
                Self::FACE_HEIGHT_RANGE.end()
            ));
        }
        Ok(())
    }
}

impl Default for Framing {
    fn default() -> Self {
        Framing {
            mode: FramingMode::Face,
            eye_line: Self::DEFAULT_EYE_LINE,
            face_height: Self::DEFAULT_FACE_HEIGHT,
        }
    }
}

/// Where the eyes are within the detector's box, from its top: on the astronaut
/// portrait OpenCV's eye cascade puts them at y 102 and SeetaFace's box spans 66-166.
pub const EYES_IN_BOX: f64 = 0.36;

/// The square chosen for a face, in upright source pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceFrame {
    pub square: Rect,
    /// The edges of the picture moved or shrank the square: the face is not where
    /// (or not as large as) the framing asked.
    pub limited: bool,
    /// Where the eyes and the face ended up, in per cent of the side.
    pub eye_line: f64,
    pub face_height: f64,
    /// The face's centre from the left edge, in per cent of the side (50 = centred).
    pub face_centre: f64,
}

/// The square that puts `face` where `framing` asks in a `width`×`height` upright
/// picture, or as close to it as the edges allow: first the size (the same relative
/// face size in every photo of a run), shrunk only when the picture is too small; then
/// the position, moved inside the picture when it would reach past an edge.
pub fn face_frame(width: f64, height: f64, face: &Face, framing: &Framing) -> FaceFrame {
    let wanted_side = face.height / (f64::from(framing.face_height) / 100.0);
    let side = wanted_side.min(width).min(height);
    let eyes = face.y + EYES_IN_BOX * face.height;
    let wanted_left = face.centre_x() - side / 2.0;
    let wanted_top = eyes - f64::from(framing.eye_line) / 100.0 * side;
    let left = wanted_left.clamp(0.0, width - side);
    let top = wanted_top.clamp(0.0, height - side);
    let moved = (left - wanted_left).abs() > 0.5 || (top - wanted_top).abs() > 0.5;
    FaceFrame {
        square: Rect {
            left,
            top,
            width: side,
            height: side,
        },
        limited: moved || side + 0.5 < wanted_side,
        eye_line: 100.0 * (eyes - top) / side,
        face_height: 100.0 * face.height / side,
        face_centre: 100.0 * (face.centre_x() - left) / side,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(x: f64, y: f64, side: f64) -> Face {
        Face {
            x,
            y,
            width: side,
            height: side,
            score: 5.0,
        }
    }

    #[test]
    fn a_face_with_room_lands_exactly_where_asked() {
        let f = face(1800.0, 1200.0, 720.0);
        let r = face_frame(4000.0, 6000.0, &f, &Framing::default());
        assert!(!r.limited);
        assert!((r.square.width - 2000.0).abs() < 1e-9);
        assert!((r.face_height - 36.0).abs() < 1e-9);
        assert!((r.eye_line - 42.0).abs() < 1e-9);
        assert!((r.face_centre - 50.0).abs() < 1e-9);
    }

    #[test]
    fn the_same_relative_size_whatever_the_distance() {
        for side in [200.0, 500.0, 900.0] {
            let r = face_frame(4000.0, 6000.0, &face(1500.0, 1500.0, side), &Framing::default());
            assert!((r.face_height - 36.0).abs() < 1e-9, "{side}");
        }
    }

    #[test]
    fn edges_move_or_shrink_the_square_and_say_so() {
        // A face near the top-left corner: the square is pushed inside.
        let r = face_frame(4000.0, 3000.0, &face(10.0, 5.0, 400.0), &Framing::default());
        assert!(r.limited);
        assert_eq!((r.square.left, r.square.top), (0.0, 0.0));
        assert!(r.face_centre < 50.0 && r.eye_line < 42.0);
        // A face too large for the picture: the square is the whole short side.
        let r = face_frame(1000.0, 800.0, &face(300.0, 100.0, 600.0), &Framing::default());
        assert!(r.limited);
        assert_eq!(r.square.width, 800.0);
        assert!(r.face_height > 36.0);
        let q = r.square;
        assert!(q.left >= 0.0 && q.top >= 0.0 && q.left + q.width <= 1000.0 && q.top + q.height <= 800.0);
    }

    #[test]
    fn options_are_checked_and_parsed() {
        assert!(Framing::with(FramingMode::Face, Some(10), None).is_err());
        assert!(Framing::with(FramingMode::Face, None, Some(90)).is_err());
        assert_eq!(
            Framing::with(FramingMode::Centre, Some(40), Some(50)).unwrap().eye_line,
            40
        );
        assert_eq!("center".parse::<FramingMode>(), Ok(FramingMode::Centre));
        assert_eq!("FACE".parse::<FramingMode>(), Ok(FramingMode::Face));
        let f: Framing = serde_json::from_str(r#"{"mode":"centre"}"#).unwrap();
        assert_eq!(f, Framing::centre());
    }
}
