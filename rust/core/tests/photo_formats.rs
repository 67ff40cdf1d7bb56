//! Every format photographers, phones and designers deliver comes out as the same
//! correct square photo.

use adphoto_testkit as common;

use adphoto_core::photo::{Converter, Fit, Framing, Limits, Preset};
use common::*;

const CARD: [[u8; 3]; 4] = [RED, GREEN, BLUE, WHITE];

fn card_output(name: &str) -> image::RgbImage {
    let out = convert(&fixture(name), &renditions(Preset::Ad), Fit::Crop).unwrap_or_else(|e| panic!("{name}: {e}"));
    let img = decode(&out.outputs[0].jpeg);
    assert_eq!((img.width(), img.height()), (96, 96), "{name}");
    img
}

#[test]
fn every_supported_format_gives_the_test_card() {
    for name in [
        "card.png",
        "progressive.jpg",
        "card-422.jpg",
        "palette.png",
        "card.tiff",
        "card.webp",
        "card.bmp",
    ] {
        assert_quadrants(&card_output(name), CARD, 40, name);
    }
}

#[test]
fn cmyk_jpegs_keep_their_colours_whoever_wrote_them() {
    // Adobe-marked CMYK is stored inverted; reading it plainly gives a negative.
    for name in ["cmyk-adobe.jpg", "cmyk-pillow.jpg"] {
        assert_quadrants(&card_output(name), CARD, 60, name);
    }
}

#[test]
fn transparency_becomes_white_at_8_and_16_bits() {
    for name in ["alpha.png", "rgba16.png"] {
        let img = card_output(name);
        // The left half was transparent: white, never black.
        assert_quadrants(&img, [WHITE, GREEN, WHITE, WHITE], 40, name);
    }
}

#[test]
fn grayscale_stays_neutral() {
    let img = card_output("gray.jpg");
    for p in img.pixels() {
        let [r, g, b] = p.0;
        assert!(r.abs_diff(g) <= 3 && g.abs_diff(b) <= 3, "grey pixel became {:?}", p.0);
    }
}

#[test]
fn animated_gif_uses_its_first_frame() {
    assert_quadrants(&card_output("animated.gif"), CARD, 40, "animated.gif");
}

#[test]
fn sixteen_bit_png_is_reduced_to_eight_bits_faithfully() {
    let img = image::ImageBuffer::<image::Rgb<u16>, _>::from_fn(64, 64, |x, _| {
        image::Rgb([if x < 32 { 65535 } else { 32896 }, 0, 0])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb16(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let out = convert(&png, &sized(64), Fit::Crop).unwrap();
    let img = decode(&out.outputs[0].jpeg);
    assert!(near(img.get_pixel(8, 32).0, [255, 0, 0], 12));
    assert!(
        near(img.get_pixel(56, 32).0, [128, 0, 0], 12),
        "{:?}",
        img.get_pixel(56, 32).0
    );
}

#[test]
fn large_jpeg_is_decoded_at_a_reduced_scale_with_the_same_picture() {
    let big = encode_jpeg(&quad_image(4000, 3000, CARD), 90);
    let centred = Converter::new()
        .unwrap()
        .convert_framed(
            &big,
            &renditions(Preset::Hd),
            Fit::Crop,
            &Framing::centre(),
            &Limits::default(),
        )
        .unwrap();
    assert_eq!(
        centred.source.decode_scale_eighths,
        Some(2),
        "the centred square, 3000 px across, needs only 1/4 for 648"
    );
    assert_quadrants(&decode(&centred.outputs[0].jpeg), CARD, 20, "4000x3000 centred");
    // Looking for the face, the whole picture is decoded once for every target, finely
    // enough that a face's square (smaller than the centred one) still covers 648.
    let faced = convert(&big, &renditions(Preset::Hd), Fit::Crop).unwrap();
    assert_eq!(
        faced.source.decode_scale_eighths,
        Some(4),
        "1200 px across the shorter side: 1/2"
    );
    assert_quadrants(&decode(&faced.outputs[0].jpeg), CARD, 20, "4000x3000 face framing");
}

#[test]
fn one_decode_serves_every_account_picture_size() {
    let out = convert(&fixture("card.png"), &renditions(Preset::AccountPictures), Fit::Crop).unwrap();
    let sizes: Vec<u32> = out.outputs.iter().map(|o| o.width).collect();
    assert_eq!(sizes, [32, 40, 48, 64, 96, 192, 200, 208, 240, 424, 448, 1080]);
    for o in &out.outputs {
        let img = decode(&o.jpeg);
        assert_eq!((img.width(), img.height()), (o.size, o.size));
        assert_quadrants(&img, CARD, 45, &format!("size {}", o.size));
    }
}

#[test]
fn pad_keeps_the_whole_picture_on_white() {
    let out = convert(&fixture("card.png"), &sized(120), Fit::Pad).unwrap();
    let img = decode(&out.outputs[0].jpeg);
    // 120x80 in a 120x120 square: white bands of 20 px above and below.
    assert!(near(img.get_pixel(60, 5).0, WHITE, 10));
    assert!(near(img.get_pixel(60, 114).0, WHITE, 10));
    assert!(near(img.get_pixel(10, 30).0, RED, 40));
    assert!(near(img.get_pixel(110, 90).0, WHITE, 10));
    assert!(near(img.get_pixel(10, 90).0, BLUE, 40));
}
