//! Face framing and the quality verdict, on real faces that packages ship: the
//! astronaut portrait of scikit-image (public domain, tests/fixtures/make-faces.py) and
//! the group photo inside the rustface package. Where the face ends up is checked
//! against OpenCV's Haar cascade (an independent detector, run when the fixtures were
//! made: tests/fixtures/faces/opencv-faces.json), not against the engine's own.

use adphoto_testkit as common;

use std::path::PathBuf;

use adphoto_core::photo::{Converted, Converter, Fit, Framing, FramingMode, Limits, Rendition};
use common::*;
use image::{imageops, RgbImage};

fn faces_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/faces")
}

fn astronaut() -> RgbImage {
    image::open(faces_dir().join("astronaut.jpg")).unwrap().to_rgb8()
}

/// OpenCV's face box and the mean height of its two eyes, in astronaut.jpg.
fn opencv_reference() -> ([f64; 4], f64) {
    let text = std::fs::read_to_string(faces_dir().join("opencv-faces.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let f: Vec<f64> = v["face"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let eyes: Vec<f64> = v["eyes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[1].as_f64().unwrap())
        .collect();
    ([f[0], f[1], f[2], f[3]], eyes.iter().sum::<f64>() / eyes.len() as f64)
}

/// The astronaut scaled by `scale`, its top-left corner at (x, y) of a `w`×`h` noisy
/// background: the same face at another distance and place in the frame.
fn staged(w: u32, h: u32, scale: f64, x: i64, y: i64) -> RgbImage {
    let a = astronaut();
    let side = (512.0 * scale).round() as u32;
    let a = imageops::resize(&a, side, side, imageops::FilterType::Lanczos3);
    let mut canvas = noise_image(w, h, 7);
    imageops::overlay(&mut canvas, &a, x, y);
    canvas
}

fn framed(data: &[u8], renditions: &[Rendition], framing: &Framing) -> Converted {
    Converter::new()
        .unwrap()
        .convert_framed(data, renditions, Fit::Crop, framing, &Limits::default())
        .unwrap()
}

fn kinds(c: &Converted) -> Vec<&'static str> {
    c.verdict.issues.iter().map(|i| i.kind).collect()
}

#[test]
fn the_face_lands_where_asked_and_the_same_size_wherever_and_however_far_it_was() {
    let ([fx, fy, fw, fh], eyes_y) = opencv_reference();
    let mut relative_sizes = Vec::new();
    // (canvas, scale of the astronaut, where it is): landscape and portrait, near and far.
    for (w, h, scale, x, y) in [
        (1800, 1200, 1.6, 150, 500),
        (1200, 1800, 1.6, 300, 120),
        (2400, 1600, 2.0, 1300, 250),
        (1500, 1500, 2.0, 0, 400),
    ] {
        let jpeg = encode_jpeg(&staged(w, h, scale, x, y), 92);
        // Outputs the face has the pixels for (a 648 one would be upscaled, and say so).
        let mut sizes = sized(96);
        sizes.extend(sized(200));
        let out = framed(&jpeg, &sizes, &Framing::default());
        let report = out.framing.clone().unwrap();
        let what = format!("{w}x{h} at ({x},{y}) x{scale}");
        assert_eq!(report.framed_on, "face", "{what}: {report:?}");
        assert!(!report.limited_by_edge, "{what}: {report:?}");
        assert_eq!(kinds(&out), Vec::<&str>::new(), "{what}");
        let sq = report.square;
        // The reference face and eyes, in the output's coordinates (per cent of the side).
        let to_out = |v: f64, origin: u32| 100.0 * (v - f64::from(origin)) / f64::from(sq.side);
        let centre_x = to_out(x as f64 + (fx + fw / 2.0) * scale, sq.left);
        let eye_line = to_out(y as f64 + eyes_y * scale, sq.top);
        assert!((centre_x - 50.0).abs() < 3.0, "{what}: face centre at {centre_x:.1}%");
        assert!((eye_line - 42.0).abs() < 3.0, "{what}: eyes at {eye_line:.1}%");
        relative_sizes.push(fh * scale / f64::from(sq.side));
        let _ = fy;
        // The output is that square of the picture: compare with an independent crop.
        let canvas = staged(w, h, scale, x, y);
        let expected = imageops::resize(
            &imageops::crop_imm(&canvas, sq.left, sq.top, sq.side, sq.side).to_image(),
            96,
            96,
            imageops::FilterType::Lanczos3,
        );
        let got = decode(&out.outputs[0].jpeg);
        let diff: f64 = got
            .pixels()
            .zip(expected.pixels())
            .map(|(a, b)| (0..3).map(|c| (f64::from(a[c]) - f64::from(b[c])).abs()).sum::<f64>())
            .sum::<f64>()
            / (96.0 * 96.0 * 3.0);
        assert!(
            diff < 8.0,
            "{what}: output differs from the reported square by {diff:.1} per channel"
        );
    }
    let (min, max) = relative_sizes
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    // Within the detector's own precision (its box size steps with the pyramid's scales):
    // measured by an independent detector, the face is the same size to about 6% either way.
    assert!(max / min < 1.15, "relative face sizes {relative_sizes:?}");
}

#[test]
fn a_small_face_in_a_large_photo_is_decoded_again_finely_rather_than_upscaled() {
    // 4000x3000: the centred square would be decoded at 2/8; the face's square is about
    // 900 pixels and needs 6/8 or more for a 648 output.
    let jpeg = encode_jpeg(&staged(4000, 3000, 3.0, 2200, 600), 90);
    let out = framed(&jpeg, &sized(648), &Framing::default());
    assert_eq!(out.framing.as_ref().unwrap().framed_on, "face");
    assert!(out.source.decode_scale_eighths.unwrap() >= 6, "{:?}", out.source);
    assert!(!kinds(&out).contains(&"upscaled"), "{:?}", out.verdict);
}

#[test]
fn the_face_is_found_in_sideways_phone_photos() {
    // Stored turned a quarter, with EXIF orientation 6 saying how to show it.
    let upright = staged(1800, 1200, 1.0, 150, 300);
    let stored = imageops::rotate270(&upright);
    let jpeg = with_exif_orientation(&encode_jpeg(&stored, 92), 6);
    let out = framed(&jpeg, &sized(96), &Framing::default());
    let report = out.framing.unwrap();
    assert_eq!(report.framed_on, "face");
    let ([fx, _, fw, _], _) = opencv_reference();
    let centre = 150.0 + fx + fw / 2.0;
    let got = f64::from(report.square.left) + f64::from(report.square.side) / 2.0;
    assert!(
        (got - centre).abs() < 0.04 * f64::from(report.square.side),
        "{got} vs {centre}"
    );
}

#[test]
fn a_face_at_the_edge_gets_as_close_as_possible_and_says_so() {
    let jpeg = encode_jpeg(&staged(1600, 1000, 1.0, -120, -40), 92);
    let out = framed(&jpeg, &sized(96), &Framing::default());
    let report = out.framing.clone().unwrap();
    assert_eq!(report.framed_on, "face");
    assert!(report.limited_by_edge);
    assert_eq!((report.square.left, report.square.top), (0, 0));
    assert!(kinds(&out).contains(&"framing-limited"), "{:?}", out.verdict);
    assert!(out
        .verdict
        .issues
        .iter()
        .any(|i| i.message.contains("too close to the edge")));
}

#[test]
fn eye_line_and_face_height_are_adjustable() {
    let jpeg = encode_jpeg(&staged(1800, 1800, 1.0, 600, 500), 92);
    let framing = Framing::with(FramingMode::Face, Some(35), Some(50)).unwrap();
    let r = framed(&jpeg, &sized(96), &framing).framing.unwrap();
    assert_eq!((r.eye_line, r.face_height), (Some(35.0), Some(50.0)));
    assert!(Framing::with(FramingMode::Face, Some(5), None).is_err());
}

#[test]
fn pictures_without_a_face_fall_back_to_the_centre_and_say_so() {
    for (what, picture) in [
        ("noise", noise_image(1200, 800, 3)),
        ("quadrants", quad_image(800, 1200, [RED, GREEN, BLUE, WHITE])),
        ("grey", RgbImage::from_pixel(900, 600, image::Rgb([128, 128, 128]))),
    ] {
        let data = encode_jpeg(&picture, 90);
        let out = framed(&data, &sized(96), &Framing::default());
        let report = out.framing.clone().unwrap();
        assert_eq!((report.framed_on, report.faces), ("centre", 0), "{what}");
        assert!(kinds(&out).contains(&"no-face"), "{what}");
        // The fallback is the centred square: the same picture as asking for the centre.
        let centre = framed(&data, &sized(96), &Framing::centre());
        assert_eq!(centre.framing.as_ref().unwrap().square, report.square, "{what}");
        assert!(
            !kinds(&centre).contains(&"no-face"),
            "centre framing does not look for faces"
        );
        let (a, b) = (decode(&out.outputs[0].jpeg), decode(&centre.outputs[0].jpeg));
        // Decoded whole rather than cropped, then the same square: the same picture up
        // to rounding in the decoder's chroma upsampling at the crop's edges.
        let mean: f64 = a
            .pixels()
            .zip(b.pixels())
            .map(|(p, q)| (0..3).map(|c| f64::from(p[c].abs_diff(q[c]))).sum::<f64>())
            .sum::<f64>()
            / (96.0 * 96.0 * 3.0);
        assert!(
            mean < 6.0,
            "{what}: fallback differs from centre by {mean:.2} per channel"
        );
    }
}

#[test]
fn the_drawn_example_portraits_are_framed_or_fall_back_and_always_say_which() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/photos");
    let (mut seen, mut on_face) = (0, 0);
    for entry in std::fs::read_dir(&examples).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let Ok(out) = Converter::new().unwrap().convert_framed(
            &data,
            &sized(96),
            Fit::Crop,
            &Framing::default(),
            &Limits::default(),
        ) else {
            continue; // the damaged HEIC: other tests' business
        };
        seen += 1;
        let report = out.framing.clone().unwrap();
        // Drawings: the detector may or may not take them for faces; either way the
        // result says what was done, and a fallback is flagged.
        match report.framed_on {
            "face" => on_face += 1,
            _ => assert!(kinds(&out).contains(&"no-face"), "{}", path.display()),
        }
    }
    assert_eq!(seen, 8);
    eprintln!("drawn examples framed on a face: {on_face} of {seen}");
}

#[test]
fn two_people_are_framed_on_the_larger_and_flagged() {
    let mut canvas = staged(2400, 1400, 1.5, 100, 300);
    let smaller = imageops::resize(&astronaut(), 640, 640, imageops::FilterType::Lanczos3);
    imageops::overlay(&mut canvas, &smaller, 1500, 500);
    let out = framed(&encode_jpeg(&canvas, 92), &sized(96), &Framing::default());
    let report = out.framing.clone().unwrap();
    assert_eq!(report.framed_on, "face");
    assert_eq!(report.faces, 2, "{report:?}");
    assert!(kinds(&out).contains(&"several-faces"), "{:?}", out.verdict);
    // The larger face (the first astronaut, scale 1.5) is the one framed.
    let face = report.face.unwrap();
    assert!(face.x < 1200, "{face:?}");
}

#[test]
fn a_crowd_is_never_framed_on_one_small_face_without_a_warning() {
    // rustface's own group photo: 30 faces of about 60 pixels in 1666x1136, each far
    // under an eighth of the picture. Not a portrait: it must be flagged either way.
    let model = PathBuf::from(env!("ADPHOTO_FACE_MODEL_PATH"));
    let group = model.parent().unwrap().parent().unwrap().join("test.png");
    let data = std::fs::read(&group).unwrap();
    let out = framed(&data, &sized(96), &Framing::default());
    let k = kinds(&out);
    assert!(
        k.contains(&"no-face") || k.contains(&"several-faces") || k.contains(&"face-small"),
        "{:?}",
        out.verdict
    );
}

#[test]
fn blurred_dark_and_blown_out_faces_are_reported_and_still_converted() {
    let sharp = staged(1500, 1500, 1.4, 400, 300);
    let mut both = sized(96);
    both.extend(sized(256));
    let both = || both.clone();
    let out = framed(&encode_jpeg(&sharp, 92), &both(), &Framing::default());
    assert_eq!(kinds(&out), Vec::<&str>::new(), "{:?}", out.verdict);

    // Blurred as a missed focus is: measured on the face if it is still found, else on
    // the middle of the square; "blurred" either way.
    let blurred = imageops::blur(&sharp, 3.0);
    let out = framed(&encode_jpeg(&blurred, 92), &both(), &Framing::default());
    assert!(kinds(&out).contains(&"blurred"), "{:?}", out.verdict);
    assert_eq!(out.outputs.len(), 2);

    let mut dark = sharp.clone();
    dark.pixels_mut().for_each(|p| p.0 = p.0.map(|v| v / 6));
    let out = framed(&encode_jpeg(&dark, 92), &both(), &Framing::default());
    let k = kinds(&out);
    assert!(k.contains(&"too-dark") || k.contains(&"no-face"), "{:?}", out.verdict);

    let mut bright = sharp.clone();
    bright
        .pixels_mut()
        .for_each(|p| p.0 = p.0.map(|v| v.saturating_add(140)));
    let out = framed(&encode_jpeg(&bright, 92), &both(), &Framing::default());
    let k = kinds(&out);
    assert!(k.contains(&"blown-out") || k.contains(&"no-face"), "{:?}", out.verdict);
}

#[test]
fn a_small_source_is_reported_upscaled() {
    let out = framed(
        &std::fs::read(faces_dir().join("astronaut.jpg")).unwrap(),
        &sized(648),
        &Framing::default(),
    );
    assert!(kinds(&out).contains(&"upscaled"), "{:?}", out.verdict);
    let json = serde_json::to_value(&out).unwrap();
    assert_eq!(json["framing"]["framed_on"], "face");
    assert!(json["framing"]["face"]["width"].as_u64().unwrap() > 50);
    assert!(json["verdict"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "upscaled"));
}

/// The README's before/after picture: for a landscape phone-style photo and a 2:3
/// portrait with the face high in the frame, the whole photo, the centred square
/// (what every other tool makes) and the face-framed square, 300 pixels each. Written
/// to target/doc-pictures/ (README shows the copy in tests/fixtures/faces/readme/).
#[test]
fn readme_before_and_after_picture() {
    let cases = [staged(2400, 1600, 1.2, 1350, 250), staged(1600, 2400, 1.5, 250, 150)];
    let panel = 300u32;
    let mut sheet = RgbImage::from_pixel(panel * 3 + 40, panel * 2 + 30, image::Rgb([255, 255, 255]));
    for (row, photo) in cases.iter().enumerate() {
        let jpeg = encode_jpeg(photo, 92);
        let size = [Rendition {
            size: panel,
            quality: 90,
            max_bytes: None,
        }];
        let centre = framed(&jpeg, &size, &Framing::centre());
        let face = framed(&jpeg, &size, &Framing::default());
        assert_eq!(face.framing.as_ref().unwrap().framed_on, "face");
        assert_ne!(
            face.framing.as_ref().unwrap().square,
            centre.framing.as_ref().unwrap().square
        );
        let (w, h) = photo.dimensions();
        let scale = f64::from(panel) / f64::from(w.max(h));
        let whole = imageops::resize(
            photo,
            (f64::from(w) * scale) as u32,
            (f64::from(h) * scale) as u32,
            imageops::FilterType::Triangle,
        );
        let y = 10 + row as u32 * (panel + 10);
        imageops::overlay(
            &mut sheet,
            &whole,
            10 + i64::from((panel - whole.width()) / 2),
            i64::from(y + (panel - whole.height()) / 2),
        );
        imageops::overlay(
            &mut sheet,
            &decode(&centre.outputs[0].jpeg),
            i64::from(20 + panel),
            i64::from(y),
        );
        imageops::overlay(
            &mut sheet,
            &decode(&face.outputs[0].jpeg),
            i64::from(30 + 2 * panel),
            i64::from(y),
        );
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/doc-pictures");
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = std::fs::File::create(dir.join("face-framing.jpg")).unwrap();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&sheet)
        .unwrap();
}
