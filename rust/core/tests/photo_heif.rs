//! Phone formats: HEIC and AVIF through libheif, under the same limits as every other
//! decoder. Fixtures: the astronaut encoded by libheif's own encoders
//! (tests/fixtures/make-faces.py).
#![cfg(all(feature = "heif", not(windows)))]

use adphoto_testkit as common;

use std::path::PathBuf;

use adphoto_core::photo::{Converter, Fit, Framing, Limits};
use common::*;

fn fixture_face(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/faces")
            .join(name),
    )
    .unwrap()
}

fn run(data: &[u8], limits: &Limits) -> Result<adphoto_core::photo::Converted, adphoto_core::photo::PhotoError> {
    Converter::new()
        .unwrap()
        .convert_framed(data, &sized(96), Fit::Crop, &Framing::default(), limits)
}

#[test]
fn heic_and_avif_decode_to_the_same_portrait_and_are_framed_on_the_face() {
    let centred = |data: &[u8]| {
        Converter::new()
            .unwrap()
            .convert_framed(data, &sized(96), Fit::Crop, &Framing::centre(), &Limits::default())
            .unwrap()
    };
    let reference = decode(&centred(&fixture_face("astronaut.jpg")).outputs[0].jpeg);
    for (name, format) in [("astronaut.heic", "heic"), ("astronaut.avif", "avif")] {
        let out = run(&fixture_face(name), &Limits::default()).unwrap();
        assert_eq!(out.source.format, format);
        assert_eq!((out.source.width, out.source.height), (512, 512));
        assert_eq!(out.framing.as_ref().unwrap().framed_on, "face", "{name}");
        // The same picture as the JPEG, up to the two codecs' losses.
        let img = decode(&centred(&fixture_face(name)).outputs[0].jpeg);
        let diff: f64 = img
            .pixels()
            .zip(reference.pixels())
            .map(|(a, b)| (0..3).map(|c| f64::from(a[c].abs_diff(b[c]))).sum::<f64>())
            .sum::<f64>()
            / (96.0 * 96.0 * 3.0);
        assert!(diff < 10.0, "{name}: {diff:.1} per channel from the JPEG's output");
    }
}

#[test]
fn heif_files_obey_the_pixel_and_size_limits_before_decoding() {
    let heic = fixture_face("astronaut.heic");
    let tight = Limits {
        max_pixels: 512 * 511,
        ..Limits::default()
    };
    assert_eq!(run(&heic, &tight).unwrap_err().kind(), "too-many-pixels");
    let small_files = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    assert_eq!(run(&heic, &small_files).unwrap_err().kind(), "file-too-large");
    // A container that claims a 20000x20000 picture (its 'ispe' box rewritten) is
    // refused from the header: nothing near 1.2 GB is ever allocated.
    let mut bomb = heic.clone();
    let at = bomb.windows(4).position(|w| w == b"ispe").unwrap();
    bomb[at + 8..at + 12].copy_from_slice(&20000u32.to_be_bytes());
    bomb[at + 12..at + 16].copy_from_slice(&20000u32.to_be_bytes());
    let e = run(&bomb, &Limits::default()).unwrap_err();
    assert!(matches!(e.kind().name(), "too-many-pixels" | "corrupt-image"), "{e}");
    // Truncated and garbage HEIF: an error of its kind, never a crash.
    for cut in [40, heic.len() / 3, heic.len() - 100] {
        let e = run(&heic[..cut], &Limits::default()).unwrap_err();
        assert_eq!(e.kind(), "corrupt-image", "cut at {cut}: {e}");
    }
}
