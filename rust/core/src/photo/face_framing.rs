//! The framing step: find the faces on a small grey copy of the decoded picture, choose
//! the square for the main one, and report what was done.

use serde::Serialize;

use super::decoded::Decoded;
use super::face::{Face, FaceFinder, WINDOW};
use super::frame::{self, Rect};
use super::framing::{face_frame, Framing, FramingMode};
use super::grey::Grey8;

/// The grey copies' shorter sides (at least: they are whole reductions of the decode).
/// The detector finds faces of WINDOW pixels and more, and its work grows with the
/// copy's area: a first look at 160 pixels finds the faces of portraits (a quarter of
/// the picture's shorter side and more) at a ninth of the cost of the last; only when
/// it finds none does a look at 320 find faces down to an eighth (half-length shots,
/// phone photos), and then one at 480 down to a twelfth. A smaller face is a group or a
/// crowd. Each later look searches only the faces the earlier one could not see (with
/// some overlap), which saves about a fifth of its work.
///
/// A first look at 200 pixels (a fifth of the shorter side) was measured too: 6 ms a
/// photo less on the benchmark's portraits, but faces found that close to the window's
/// size get coarse boxes, and a run's faces then differed in size by more than 15%.
const DETECT_LOOKS: [u32; 3] = [160, 320, 480];

/// How far past the previous look's smallest face a later look still searches, so a
/// face at the boundary between two looks is seen by one of them (the detector's image
/// pyramid steps by 0.8).
const LOOK_OVERLAP: f64 = 1.25;

/// The shorter side the whole picture is decoded to (at least) when the face is looked
/// for, for every target alike (so each target's bytes depend on its own sizes only,
/// and one decode serves them all): fine enough that the square chosen around a face,
/// 60% of the shorter side and more (a portrait's face and a half-length shot's), still
/// covers Microsoft 365's 648 pixels, so the picture is entropy-decoded once. A smaller
/// square for a larger output is decoded again, finer, from the file.
pub const WHOLE_SHORT_SIDE: u32 = 1200;

/// A face at least this fraction of the main one's height counts as another subject.
const OTHER_SUBJECT: f64 = 0.5;

/// What the framing did, for the result and the review sheet. Coordinates are in the
/// source's pixels, upright (as a viewer shows the photo).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FramingReport {
    /// What was asked.
    pub mode: FramingMode,
    /// What was done: "face", or "centre" (asked, or no face found).
    pub framed_on: &'static str,
    /// Faces found (0 when not looked for).
    pub faces: usize,
    /// The face the square was chosen for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub face: Option<FaceBox>,
    /// The square taken from the source.
    pub square: SquareBox,
    /// Where the face ended up, in per cent of the side (eye line from the top, face
    /// height, face centre from the left).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eye_line: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub face_height: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub face_centre: Option<f64>,
    /// The edges of the picture kept the face from where the framing asked.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub limited_by_edge: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FaceBox {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SquareBox {
    pub left: u32,
    pub top: u32,
    pub side: u32,
}

/// Faces found, in upright source pixels, with what is needed to place them.
pub struct Found {
    pub faces: Vec<Face>,
    /// Upright size of the source.
    pub upright: (f64, f64),
}

/// Looks for faces in `decoded`, which must hold the whole picture at `scale` decoded
/// pixels per source pixel.
pub fn find_faces(decoded: &Decoded, finder: &mut FaceFinder, scale: f64) -> Found {
    let o = decoded.source.orientation;
    let px = &decoded.pixels;
    let short = px.width.min(px.height);
    let mut faces = Vec::new();
    let mut looked_at = 0;
    // The shorter side of the previous look's copy: faces of WINDOW pixels there and
    // larger have been searched for.
    let mut searched_short = None;
    for target in DETECT_LOOKS {
        // A small picture has fewer looks: the same copy is not looked at twice.
        let factor = (short / target).max(1);
        if factor == looked_at {
            continue;
        }
        looked_at = factor;
        let grey = Grey8::reduced(px, factor).oriented(o);
        if grey.width.min(grey.height) < WINDOW {
            continue;
        }
        let to_source = f64::from(factor) / scale;
        let grey_short = grey.width.min(grey.height);
        let largest = searched_short.map(|earlier: u32| {
            (f64::from(WINDOW) * LOOK_OVERLAP * f64::from(grey_short) / f64::from(earlier)).ceil() as u32
        });
        searched_short = Some(grey_short);
        faces = finder
            .find(&grey, largest)
            .into_iter()
            .map(|f| f.scaled(to_source))
            .collect();
        if !faces.is_empty() {
            break;
        }
    }
    Found {
        faces,
        upright: frame::upright_size(f64::from(decoded.source.width), f64::from(decoded.source.height), o),
    }
}

/// Faces that count as subjects: the main one and those nearly as large.
pub fn subjects(faces: &[Face]) -> usize {
    let Some(main) = faces.first() else { return 0 };
    faces.iter().filter(|f| f.height >= OTHER_SUBJECT * main.height).count()
}

/// Frames `decoded` on the main face when there is one (changing its frame and span),
/// and says what happened. Returns the chosen square in stored source pixels too, so
/// the caller can decode it again more finely when the first decode is too coarse.
pub fn frame_on_face(
    decoded: &mut Decoded,
    found: &Found,
    framing: &Framing,
    scale: f64,
) -> (FramingReport, Option<Rect>) {
    let (sw, sh) = (f64::from(decoded.source.width), f64::from(decoded.source.height));
    let o = decoded.source.orientation;
    let Some(main) = found.faces.first() else {
        return (centre_report(decoded, framing.mode, 0), None);
    };
    let (uw, uh) = found.upright;
    let chosen = face_frame(uw, uh, main, framing);
    let stored = frame::upright_to_stored(chosen.square, sw, sh, o);
    decoded.frame = stored.scaled(scale);
    decoded.source_span = frame::frame_span(stored);
    let report = FramingReport {
        mode: framing.mode,
        framed_on: "face",
        faces: found.faces.len(),
        face: Some(face_box(main)),
        square: square_box(chosen.square),
        eye_line: Some(round1(chosen.eye_line)),
        face_height: Some(round1(chosen.face_height)),
        face_centre: Some(round1(chosen.face_centre)),
        limited_by_edge: chosen.limited,
    };
    (report, Some(stored))
}

/// The report for a centred frame (asked for, or the fallback): the square as decoded.
pub fn centre_report(decoded: &Decoded, mode: FramingMode, faces: usize) -> FramingReport {
    let (sw, sh) = (f64::from(decoded.source.width), f64::from(decoded.source.height));
    let square = frame::frame(decoded.source.width, decoded.source.height, super::Fit::Crop);
    FramingReport {
        mode,
        framed_on: "centre",
        faces,
        face: None,
        square: square_box(frame::stored_to_upright(square, sw, sh, decoded.source.orientation)),
        eye_line: None,
        face_height: None,
        face_centre: None,
        limited_by_edge: false,
    }
}

fn face_box(f: &Face) -> FaceBox {
    FaceBox {
        x: f.x.max(0.0).round() as u32,
        y: f.y.max(0.0).round() as u32,
        width: f.width.round() as u32,
        height: f.height.round() as u32,
        score: round1(f.score),
    }
}

fn square_box(r: Rect) -> SquareBox {
    SquareBox {
        left: r.left.round() as u32,
        top: r.top.round() as u32,
        side: r.width.round() as u32,
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
