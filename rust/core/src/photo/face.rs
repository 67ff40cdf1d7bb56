//! Finding faces: the SeetaFace frontal cascade (the `rustface` crate, whose model is
//! embedded at build time) run on a small grey copy of the picture the decoder already
//! reduced. Never on the full frame: a face is found as well on 320 pixels as on 6000,
//! at a thousandth of the work.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use rustface::{Detector, ImageData, Model};

use super::grey::Grey8;

/// The model file of the rustface package (BSD-2-Clause), found by build.rs.
static MODEL_BYTES: &[u8] = include_bytes!(env!("ADPHOTO_FACE_MODEL_PATH"));

/// The detector's window: faces smaller than this (in the grey copy) are not found.
pub const WINDOW: u32 = 40;

/// Scores below this are mostly textures that look a little like a face. The crate's
/// default (3.85) misses faces turned slightly away; 2.0 keeps them while the fixtures
/// and the benchmark's drawn portraits give no false faces.
const SCORE_THRESHOLD: f64 = 2.0;

/// A face, in the coordinates of the image it was found in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub score: f64,
}

impl Face {
    pub fn area(&self) -> f64 {
        self.width * self.height
    }

    pub fn centre_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    /// The same face in an image `factor` times larger.
    pub fn scaled(self, factor: f64) -> Face {
        Face {
            x: self.x * factor,
            y: self.y * factor,
            width: self.width * factor,
            height: self.height * factor,
            score: self.score,
        }
    }
}

/// One detector per converter (per worker thread); it keeps scratch buffers between
/// photos.
pub struct FaceFinder(Option<Box<dyn Detector>>);

// Safety: the only Detector implementation (rustface's FuStDetector) owns plain
// buffers and its model, no thread-affine state; a finder is moved between threads,
// never shared.
unsafe impl Send for FaceFinder {}

impl FaceFinder {
    /// A finder; the model is parsed once per process and copied per finder.
    pub fn new() -> FaceFinder {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        let model = MODEL.get_or_init(|| rustface::read_model(MODEL_BYTES).ok()).clone();
        FaceFinder(model.map(|m| {
            let mut d = rustface::create_detector_with_model(m);
            d.set_score_thresh(SCORE_THRESHOLD);
            d.set_pyramid_scale_factor(0.8);
            d.set_slide_window_step(4, 4);
            d
        }))
    }

    /// Every face in `image` up to about `largest` pixels high (any size with `None`),
    /// largest first. The limit stops the detector's image pyramid where such a face
    /// fills its window, which saves the coarse levels an earlier, smaller look has
    /// already searched. An image smaller than the detector's window has no face; a
    /// failure inside the detector (it asserts on its input) is treated as "no face"
    /// rather than allowed to stop the batch.
    pub fn find(&mut self, image: &Grey8, largest: Option<u32>) -> Vec<Face> {
        let Some(detector) = self.0.as_mut() else {
            return Vec::new();
        };
        // rustface keeps the setting between calls; "no limit" is any size at least the
        // image's (it takes the smaller of the two).
        detector.set_max_face_size(largest.unwrap_or(i32::MAX as u32).max(WINDOW));
        if image.width < WINDOW
            || image.height < WINDOW
            || image.data.len() != image.width as usize * image.height as usize
        {
            return Vec::new();
        }
        let found = catch_unwind(AssertUnwindSafe(|| {
            detector.detect(&ImageData::new(&image.data, image.width, image.height))
        }));
        let Ok(found) = found else {
            // The detector's scratch state may be inconsistent after a panic.
            *self = FaceFinder::new();
            return Vec::new();
        };
        let mut faces: Vec<Face> = found
            .iter()
            .map(|f| {
                let b = f.bbox();
                Face {
                    x: f64::from(b.x()),
                    y: f64::from(b.y()),
                    width: f64::from(b.width()),
                    height: f64::from(b.height()),
                    score: f.score(),
                }
            })
            .collect();
        faces.sort_by(|a, b| b.area().total_cmp(&a.area()).then(b.score.total_cmp(&a.score)));
        faces
    }
}

impl Default for FaceFinder {
    fn default() -> Self {
        FaceFinder::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads() {
        assert!(rustface::read_model(MODEL_BYTES).is_ok());
        assert!(FaceFinder::new().0.is_some());
    }

    /// The astronaut (tests/fixtures/faces), grey, 512 pixels square: one face of
    /// about 100 pixels.
    fn astronaut_grey() -> Grey8 {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/faces/astronaut.jpg");
        let image = image::open(path).unwrap().to_luma8();
        Grey8 {
            width: image.width(),
            height: image.height(),
            data: image.into_raw(),
        }
    }

    #[test]
    fn a_largest_face_size_hides_larger_faces_for_that_look_only() {
        let grey = astronaut_grey();
        let mut finder = FaceFinder::new();
        let faces = finder.find(&grey, None);
        assert_eq!(faces.len(), 1, "{faces:?}");
        let height = faces[0].height;
        assert!((60.0..160.0).contains(&height), "{height}");
        // Looking only for faces of the window's size: this one, twice as large, is not
        // seen (the detector's box refinement still finds faces somewhat larger than
        // the limit, so a later look's limit overlaps the earlier look's range anyway).
        assert!(finder.find(&grey, Some(WINDOW)).is_empty());
        // A limit a little above its size: found, in the same place (the score, summed
        // over the pyramid levels that saw it, is lower).
        assert_eq!(boxes(&finder.find(&grey, Some((height * 1.3) as u32))), boxes(&faces));
        // The detector keeps its settings between calls: the limit must not stick.
        assert!(finder.find(&grey, Some(WINDOW)).is_empty());
        assert_eq!(finder.find(&grey, None), faces);
    }

    fn boxes(faces: &[Face]) -> Vec<[f64; 4]> {
        faces.iter().map(|f| [f.x, f.y, f.width, f.height]).collect()
    }

    #[test]
    fn tiny_flat_and_malformed_images_have_no_face() {
        let mut finder = FaceFinder::new();
        for (w, h) in [(0, 0), (10, 300), (39, 39), (64, 64), (300, 200)] {
            let image = Grey8 {
                width: w,
                height: h,
                data: vec![128; (w * h) as usize],
            };
            assert!(finder.find(&image, None).is_empty(), "{w}x{h}");
        }
        let lying = Grey8 {
            width: 100,
            height: 100,
            data: vec![0; 10],
        };
        assert!(finder.find(&lying, Some(60)).is_empty());
    }
}
