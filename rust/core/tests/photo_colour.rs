//! Colours as the photographer saw them: wide-gamut RGB profiles converted to sRGB
//! before resizing, CMYK through its own profile. References are independent of the
//! engine: the published P3/Adobe RGB matrices for RGB, littleCMS (through Pillow, when
//! the fixture was made) for CMYK.

use adphoto_testkit as common;

use std::path::PathBuf;

use adphoto_core::photo::{Fit, Framing, Limits};
use common::*;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage};

fn srgb_to_linear(v: f64) -> f64 {
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_to_srgb(v: f64) -> f64 {
    let v = v.clamp(0.0, 1.0);
    if v <= 0.0031308 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    }
}

/// Display P3 (sRGB's curve, P3 primaries, D65) to sRGB, by the published matrix.
fn p3_to_srgb(rgb: [u8; 3]) -> [f64; 3] {
    let l = rgb.map(|c| srgb_to_linear(f64::from(c) / 255.0));
    let m = [
        [1.224_940_2, -0.224_940_2, 0.0],
        [-0.042_056_9, 1.042_056_9, 0.0],
        [-0.019_637_6, -0.078_636_1, 1.098_273_7],
    ];
    let out = |r: [f64; 3]| linear_to_srgb(r[0] * l[0] + r[1] * l[1] + r[2] * l[2]) * 255.0;
    [out(m[0]), out(m[1]), out(m[2])]
}

fn flat(rgb: [u8; 3]) -> RgbImage {
    RgbImage::from_pixel(200, 200, image::Rgb(rgb))
}

fn mean(img: &RgbImage) -> [f64; 3] {
    let mut s = [0.0; 3];
    for p in img.pixels() {
        for c in 0..3 {
            s[c] += f64::from(p[c]);
        }
    }
    s.map(|v| v / f64::from(img.width() * img.height()))
}

fn jpeg_with_profile(img: &RgbImage, icc: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, 95);
    enc.set_icc_profile(icc).unwrap();
    enc.write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn png_with_profile(img: &RgbImage, icc: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = PngEncoder::new(&mut out);
    enc.set_icc_profile(icc).unwrap();
    enc.write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[test]
fn display_p3_photos_are_converted_not_stripped() {
    let colour = [200, 90, 60];
    let expected = p3_to_srgb(colour);
    let icc = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    for (what, file) in [
        ("jpeg", jpeg_with_profile(&flat(colour), icc.clone())),
        ("png", png_with_profile(&flat(colour), icc.clone())),
    ] {
        let out = convert(&file, &sized(64), Fit::Crop).unwrap();
        assert!(out.colour_profile.is_some(), "{what}: {out:?}");
        let got = mean(&decode(&out.outputs[0].jpeg));
        for c in 0..3 {
            assert!(
                (got[c] - expected[c]).abs() < 3.0,
                "{what}: got {got:?}, P3 matrix says {expected:?}"
            );
        }
        // Dropping the profile would have left the P3 numbers: visibly different.
        assert!((expected[0] - f64::from(colour[0])).abs() > 8.0);
    }
}

#[test]
fn an_adobe_rgb_profile_from_a_real_file_is_used() {
    // A real-world profile file (Debian's icc-profiles-free), not one made by the
    // library under test.
    let path = PathBuf::from("/usr/share/color/icc/compatibleWithAdobeRGB1998.icc");
    let icc = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (tests/setup.sh test installs icc-profiles-free)",
            path.display()
        )
    });
    let colour = [60, 170, 90];
    let out = convert(&jpeg_with_profile(&flat(colour), icc), &sized(64), Fit::Crop).unwrap();
    let got = mean(&decode(&out.outputs[0].jpeg));
    // By hand (Adobe RGB: gamma 563/256, its primaries; the Adobe-to-sRGB matrix rows
    // 1.398 -0.398 0 / 0 1 0 / 0 -0.043 1.043): about 0/171/84. Untouched it would be
    // 60/170/90.
    assert!(
        got[0] < 25.0 && (got[1] - 171.0).abs() < 6.0 && (got[2] - 84.0).abs() < 7.0,
        "{got:?}"
    );
}

#[test]
fn cmyk_with_its_profile_matches_littlecms() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/faces");
    let data = std::fs::read(dir.join("cmyk-profiled.jpg")).unwrap();
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cmyk-profiled.json")).unwrap()).unwrap();
    // The whole strip, padded: 128 wide so each 16-pixel patch is 16 output pixels.
    let out = adphoto_core::photo::Converter::new()
        .unwrap()
        .convert_framed(&data, &sized(128), Fit::Pad, &Framing::centre(), &Limits::default())
        .unwrap();
    assert!(
        out.colour_profile.as_deref().is_some_and(|p| p.contains("CMYK")),
        "{:?}",
        out.colour_profile
    );
    let img = decode(&out.outputs[0].jpeg);
    let mut closer = 0;
    for patch in reference["patches"].as_array().unwrap() {
        let x = patch["x"].as_u64().unwrap() as u32;
        let y = img.height() / 2;
        let got = img.get_pixel(x, y).0;
        let lcms: Vec<i32> = patch["lcms_srgb"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap() as i32)
            .collect();
        let naive: Vec<i32> = patch["naive_rgb"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap() as i32)
            .collect();
        let dist = |r: &[i32]| (0..3).map(|c| (i32::from(got[c]) - r[c]).abs()).max().unwrap();
        assert!(
            dist(&lcms) <= 16,
            "patch {}: got {got:?}, littleCMS {lcms:?}",
            patch["cmyk"]
        );
        if dist(&naive) > 20 {
            closer += 1;
        }
    }
    assert!(closer >= 2, "the profile made no difference on the mixed patches");
}

#[test]
fn srgb_files_are_untouched_and_damaged_profiles_are_a_warning() {
    let colour = [120, 130, 140];
    let srgb = moxcms::ColorProfile::new_srgb().encode().unwrap();
    let out = convert(&jpeg_with_profile(&flat(colour), srgb), &sized(64), Fit::Crop).unwrap();
    assert_eq!(out.colour_profile, None);
    let mut junk = b"not an icc profile at all".to_vec();
    junk.resize(200, 0);
    let out = convert(&png_with_profile(&flat(colour), junk), &sized(64), Fit::Crop).unwrap();
    assert!(out.warnings.iter().any(|w| w.contains("profile")), "{:?}", out.warnings);
    assert!(near(decode(&out.outputs[0].jpeg).get_pixel(32, 32).0, colour, 4));
}
