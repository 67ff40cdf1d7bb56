//! What comes out: within budget, byte-for-byte repeatable, and free of metadata.

use adphoto_testkit as common;

use adphoto_core::photo::{Fit, PhotoSpec, Preset, Rendition, AD_THUMBNAIL_LIMIT};
use common::*;

#[test]
fn the_budget_is_never_exceeded() {
    // Noise at the output size (no averaging by the resampler) is the worst case for
    // JPEG: every budget below must still hold.
    for (size, max_bytes) in [
        (648, 60_000),
        (648, 20_000),
        (96, 4_000),
        (300, 6_000),
        (1080, AD_THUMBNAIL_LIMIT),
    ] {
        let noise = encode_png(&noise_image(size, size, 7));
        let r = Rendition {
            size,
            quality: 95,
            max_bytes: Some(max_bytes),
        };
        let out = convert(&noise, &[r], Fit::Crop).unwrap();
        let o = &out.outputs[0];
        assert!(
            o.jpeg.len() as u64 <= max_bytes,
            "{size}px in {max_bytes}: {} bytes",
            o.jpeg.len()
        );
        assert!(o.quality < 95 || o.width < size, "the budget must have forced a change");
        let img = decode(&o.jpeg);
        assert_eq!((img.width(), img.height()), (o.width, o.height));
    }
}

#[test]
fn quality_is_searched_before_the_size_is_reduced() {
    let noise = encode_png(&noise_image(700, 700, 3));
    let out = convert(
        &noise,
        &[Rendition {
            size: 648,
            quality: 95,
            max_bytes: Some(150_000),
        }],
        Fit::Crop,
    )
    .unwrap();
    let o = &out.outputs[0];
    assert_eq!(o.width, 648, "a moderate budget is met by quality alone");
    assert!(o.quality < 95 && o.quality >= adphoto_core::photo::MIN_QUALITY);
    let out = convert(
        &noise,
        &[Rendition {
            size: 648,
            quality: 95,
            max_bytes: Some(15_000),
        }],
        Fit::Crop,
    )
    .unwrap();
    assert!(out.outputs[0].width < 648);
    assert!(out.outputs[0].jpeg.len() <= 15_000);
    assert!(out.warnings.iter().any(|w| w.contains("reduced")), "{:?}", out.warnings);
}

#[test]
fn the_ad_preset_can_never_exceed_the_thumbnail_limit() {
    let noise = encode_png(&noise_image(1500, 1500, 11));
    let spec = PhotoSpec {
        sizes: vec![96, 1024],
        max_bytes: Some(AD_THUMBNAIL_LIMIT),
        ..PhotoSpec::preset(Preset::Ad)
    };
    let out = convert(&noise, &spec.renditions().unwrap(), Fit::Crop).unwrap();
    for o in &out.outputs {
        assert!(o.jpeg.len() as u64 <= AD_THUMBNAIL_LIMIT, "{} bytes", o.jpeg.len());
    }
    let over = PhotoSpec {
        max_bytes: Some(AD_THUMBNAIL_LIMIT + 1),
        ..PhotoSpec::preset(Preset::Ad)
    };
    assert_eq!(over.renditions().unwrap_err().kind(), "invalid-options");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let photo = encode_jpeg(&noise_image(2000, 1500, 5), 92);
    let sets = [
        renditions(Preset::Ad),
        renditions(Preset::Hd),
        renditions(Preset::AccountPictures),
    ];
    for r in &sets {
        let a = convert(&photo, r, Fit::Crop).unwrap();
        let b = convert(&photo, r, Fit::Crop).unwrap();
        assert_eq!(a, b);
    }
    // The same again inside one long-lived converter (a batch worker).
    let mut conv = adphoto_core::photo::Converter::new().unwrap();
    let limits = adphoto_core::photo::Limits::default();
    let first = conv.convert(&photo, &sets[1], Fit::Crop, &limits).unwrap();
    conv.convert(&fixture("card.png"), &sets[0], Fit::Pad, &limits).unwrap();
    assert_eq!(conv.convert(&photo, &sets[1], Fit::Crop, &limits).unwrap(), first);
}

#[test]
fn outputs_carry_no_metadata_and_are_baseline_420() {
    let phone = fixture("phone-rotated-gps.jpg");
    assert!(phone.windows(4).any(|w| w == b"Exif"), "the fixture must carry EXIF");
    for set in [renditions(Preset::Ad), renditions(Preset::AccountPictures)] {
        for o in convert(&phone, &set, Fit::Crop).unwrap().outputs {
            let markers = jpeg_markers(&o.jpeg);
            // JFIF header, tables, baseline frame, scan: nothing else.
            assert!(
                markers.iter().all(|m| [0xE0, 0xDB, 0xC4, 0xC0, 0xDA, 0xDD].contains(m)),
                "unexpected segment in {markers:x?}"
            );
            for needle in [&b"Exif"[..], b"GPS", b"PhoneMaker", b"http://ns.adobe.com"] {
                assert!(!o.jpeg.windows(needle.len()).any(|w| w == needle));
            }
            // Frame header: luma sampled 2x2, chroma 1x1 (4:2:0).
            let sof = o.jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
            assert_eq!(o.jpeg[sof + 9], 3, "three components");
            assert_eq!(o.jpeg[sof + 11], 0x22);
            assert_eq!(o.jpeg[sof + 14], 0x11);
        }
    }
}

#[test]
fn a_photo_that_already_fits_is_kept_bit_for_bit_without_its_metadata() {
    // A 96x96 JPEG from a camera app: EXIF with GPS and a comment, orientation upright.
    let original = encode_jpeg(&noise_image(96, 96, 42), 88);
    let mut tagged = with_exif_orientation(&original, 1);
    let com = b"\xFF\xFE\x00\x0dcamera 1234";
    tagged.splice(2..2, com.iter().copied());
    let out = convert(&tagged, &renditions(Preset::Ad), Fit::Crop).unwrap();
    let o = &out.outputs[0];
    assert!(o.kept_as_is, "no re-encoding of a photo that is already right");
    assert_eq!(o.jpeg, original, "only the metadata segments are gone");
    assert!(!o.jpeg.windows(4).any(|w| w == b"Exif"));
    assert!(
        (80..=95).contains(&o.quality),
        "quality estimated from its tables: {}",
        o.quality
    );

    // Sideways, CMYK, the wrong size, or over budget: converted as usual.
    let sideways = with_exif_orientation(&original, 6);
    assert!(!convert(&sideways, &renditions(Preset::Ad), Fit::Crop).unwrap().outputs[0].kept_as_is);
    assert!(!convert(&original, &sized(95), Fit::Crop).unwrap().outputs[0].kept_as_is);
    let tight = Rendition {
        size: 96,
        quality: 90,
        max_bytes: Some(1024),
    };
    let squeezed = convert(&original, &[tight], Fit::Crop).unwrap();
    assert!(!squeezed.outputs[0].kept_as_is && squeezed.outputs[0].jpeg.len() <= 1024);
}
