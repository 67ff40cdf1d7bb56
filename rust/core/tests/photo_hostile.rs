//! Corrupt, huge, odd and hostile input: always a clear error of a stable kind, never a
//! panic, never a hang.

use adphoto_testkit as common;

use adphoto_core::photo::{Converter, Fit, Limits, PhotoError, Preset};
use common::*;

fn kind_of(data: &[u8]) -> &'static str {
    match convert(data, &renditions(Preset::Ad), Fit::Crop) {
        Ok(_) => "ok",
        Err(e) => e.kind().name(),
    }
}

fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    // A few bytes of zlib data that would inflate to gigabytes of zero rows.
    chunk(
        b"IDAT",
        &[0x78, 0x9c, 0xed, 0xc1, 0x01, 0x0d, 0x00, 0x00, 0x00, 0xc2, 0xa0],
    );
    chunk(b"IEND", &[]);
    png
}

/// A real small JPEG whose frame header is rewritten to claim `w`×`h`.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut jpeg = encode_jpeg(&quad_image(16, 16, [RED, GREEN, BLUE, WHITE]), 90);
    let sof = jpeg.windows(2).position(|m| m == [0xFF, 0xC0]).expect("baseline SOF");
    jpeg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    jpeg
}

#[test]
fn decompression_bombs_are_refused_before_decoding() {
    let started = std::time::Instant::now();
    assert_eq!(kind_of(&png_claiming(100_000, 100_000)), "too-many-pixels");
    assert_eq!(kind_of(&jpeg_claiming(65_000, 65_000)), "too-many-pixels");
    // Refusal is about the header, so it is instant whatever the claimed size.
    assert!(started.elapsed().as_secs() < 5);
    let err = convert(&png_claiming(20_000, 20_000), &sized(96), Fit::Crop).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("20000x20000") && message.contains("--max-pixels"),
        "{message}"
    );
}

#[test]
fn the_pixel_and_file_size_limits_are_configurable() {
    let photo = encode_jpeg(&quad_image(400, 300, [RED, GREEN, BLUE, WHITE]), 90);
    let mut conv = Converter::new().unwrap();
    let tight = Limits {
        max_pixels: 100_000,
        ..Limits::default()
    };
    let err = conv.convert(&photo, &sized(96), Fit::Crop, &tight).unwrap_err();
    assert!(
        matches!(
            err,
            PhotoError::TooManyPixels {
                width: 400,
                height: 300,
                ..
            }
        ),
        "{err}"
    );
    let small_files = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = conv.convert(&photo, &sized(96), Fit::Crop, &small_files).unwrap_err();
    assert_eq!(err.kind(), "file-too-large");
    assert!(conv.convert(&photo, &sized(96), Fit::Crop, &Limits::default()).is_ok());
}

#[test]
fn truncated_jpeg_is_reported_as_truncated() {
    let photo = encode_jpeg(&noise_image(600, 400, 1), 90);
    for keep in [photo.len() / 2, photo.len() - 10, 700] {
        let err = convert(&photo[..keep], &sized(96), Fit::Crop).unwrap_err();
        assert_eq!(err.kind(), "corrupt-image", "kept {keep} bytes");
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}

#[test]
fn empty_text_and_unsupported_files_say_what_they_are() {
    assert_eq!(kind_of(b""), "empty-file");
    assert_eq!(kind_of(b"Name,Photo\njsmith,jsmith.jpg\n"), "not-an-image");
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0";
    let err = convert(heic, &sized(96), Fit::Crop).unwrap_err();
    // A header with nothing behind it: corrupt where libheif reads HEIC, unsupported
    // (with what to do) where the library is built without it.
    if cfg!(all(feature = "heif", not(windows))) {
        assert_eq!(err.kind(), "corrupt-image", "{err}");
        assert!(err.to_string().contains("heic"), "{err}");
        return;
    }
    assert_eq!(err.kind(), "unsupported-format");
    assert!(err.to_string().contains("HEIC"), "{err}");
    assert!(
        err.to_string().contains("JPEG"),
        "the message must say what to do: {err}"
    );
    assert_eq!(kind_of(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1"), "unsupported-format");
    assert_eq!(kind_of(b"8BPS\0\x01\0\0\0\0\0\0"), "unsupported-format");
    assert_eq!(kind_of(&[0xFF, 0xD8, 0xFF]), "corrupt-image");
}

#[test]
fn damaged_files_of_every_format_fail_cleanly() {
    let card = quad_image(64, 48, [RED, GREEN, BLUE, WHITE]);
    let mut samples: Vec<Vec<u8>> = vec![encode_jpeg(&card, 90), encode_png(&card)];
    for name in [
        "card.tiff",
        "card.webp",
        "card.bmp",
        "animated.gif",
        "progressive.jpg",
        "cmyk-adobe.jpg",
    ] {
        samples.push(fixture(name));
    }
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for sample in &samples {
        for round in 0..60 {
            let mut damaged = sample.clone();
            match round % 3 {
                0 => damaged.truncate(8 + (next() as usize % sample.len().max(9))),
                1 => {
                    for _ in 0..4 {
                        let at = next() as usize % damaged.len();
                        damaged[at] = next() as u8;
                    }
                }
                _ => {
                    let at = 2 + next() as usize % (damaged.len() - 2);
                    damaged.splice(at..at, std::iter::repeat_n(0xFF, 1 + next() as usize % 64));
                }
            }
            // Either a photo or a clean error; a panic would fail the test.
            if let Ok(out) = convert(&damaged, &sized(64), Fit::Crop) {
                assert_eq!(decode(&out.outputs[0].jpeg).width(), 64);
            }
        }
    }
}

#[test]
fn tiny_sources_are_upscaled_with_a_warning() {
    let tiny = encode_png(&quad_image(10, 10, [RED, GREEN, BLUE, WHITE]));
    let out = convert(&tiny, &renditions(Preset::Hd), Fit::Crop).unwrap();
    assert_eq!((out.outputs[0].width, out.outputs[0].height), (648, 648));
    assert!(
        out.warnings.iter().any(|w| w.contains("upscaled")),
        "{:?}",
        out.warnings
    );
    let roomy = convert(
        &encode_png(&quad_image(800, 800, [RED; 4])),
        &renditions(Preset::Hd),
        Fit::Crop,
    )
    .unwrap();
    assert!(roomy.warnings.is_empty(), "{:?}", roomy.warnings);
}

#[test]
fn extreme_aspect_ratios_still_give_a_square() {
    let strip = encode_png(&quad_image(4000, 12, [RED, GREEN, BLUE, WHITE]));
    for fit in [Fit::Crop, Fit::Pad] {
        let out = convert(&strip, &sized(96), fit).unwrap();
        let img = decode(&out.outputs[0].jpeg);
        assert_eq!((img.width(), img.height()), (96, 96));
        if fit == Fit::Pad {
            assert!(near(img.get_pixel(48, 10).0, WHITE, 8), "padding above a 4000x12 strip");
        }
    }
    let tall = encode_jpeg(&quad_image(8, 3000, [RED, GREEN, BLUE, WHITE]), 90);
    assert!(convert(&tall, &sized(96), Fit::Pad).is_ok());
    assert!(convert(&encode_png(&quad_image(1, 1, [RED; 4])), &sized(96), Fit::Crop).is_ok());
}

#[test]
fn stray_bytes_between_segments_are_tolerated_with_a_warning() {
    // Many camera and phone files have a few junk bytes between segments; libjpeg
    // warns and decodes them fine. They must not be rejected.
    let mut photo = encode_jpeg(&quad_image(200, 200, [RED, GREEN, BLUE, WHITE]), 90);
    let after_app0 = 4 + usize::from(u16::from_be_bytes([photo[4], photo[5]]));
    photo.splice(after_app0..after_app0, [0x00, 0x11, 0x22]);
    let out = convert(&photo, &sized(96), Fit::Crop).unwrap();
    assert!(
        out.warnings.iter().any(|w| w.contains("decoded anyway")),
        "{:?}",
        out.warnings
    );
    assert_quadrants(
        &decode(&out.outputs[0].jpeg),
        [RED, GREEN, BLUE, WHITE],
        40,
        "stray bytes",
    );
}

#[test]
fn a_corrupt_jpeg_does_not_spoil_the_next_photo_on_the_same_converter() {
    let good = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/photos/jsmith.jpg")).expect("example");
    // The start of a real JPEG, then junk where the tables should be.
    let mut bad = good[..200].to_vec();
    bad.extend(std::iter::repeat_n(0x5d, 4000));
    let mut converter = Converter::new().expect("converter");
    let renditions = renditions(Preset::Ad);
    let failed = converter.convert(&bad, &renditions, Fit::Crop, &Limits::default());
    assert_eq!(failed.err().map(|e| e.kind().name()), Some("corrupt-image"));
    for _ in 0..3 {
        let again = converter
            .convert(&good, &renditions, Fit::Crop, &Limits::default())
            .expect("a good JPEG converts after a corrupt one");
        assert_eq!(again.outputs[0].width, 96);
    }
}
