//! Phones store photos sideways and say so in EXIF; every orientation must come out
//! upright. Stored layouts below are worked out by hand from the EXIF specification,
//! independently of the engine's code.

use adphoto_testkit as common;

use adphoto_core::photo::Fit;
use common::*;

/// For each orientation, the stored quadrant colours (TL, TR, BL, BR) that display as
/// red, green / blue, white once the orientation is applied.
const STORED: [(u16, [[u8; 3]; 4]); 8] = [
    (1, [RED, GREEN, BLUE, WHITE]),
    (2, [GREEN, RED, WHITE, BLUE]),
    (3, [WHITE, BLUE, GREEN, RED]),
    (4, [BLUE, WHITE, RED, GREEN]),
    (5, [RED, BLUE, GREEN, WHITE]),
    (6, [GREEN, WHITE, RED, BLUE]),
    (7, [WHITE, GREEN, BLUE, RED]),
    (8, [BLUE, RED, WHITE, GREEN]),
];

fn stored_photo(orientation: u16, colours: [[u8; 3]; 4]) -> Vec<u8> {
    // Displayed 240x160 (landscape); orientations 5-8 store it transposed.
    let (w, h) = if orientation >= 5 { (160, 240) } else { (240, 160) };
    with_exif_orientation(&encode_jpeg(&quad_image(w, h, colours), 95), orientation)
}

#[test]
fn every_exif_orientation_comes_out_upright() {
    for (orientation, colours) in STORED {
        let out = convert(&stored_photo(orientation, colours), &sized(96), Fit::Crop).unwrap();
        assert_eq!(out.source.orientation, orientation as u8);
        assert_quadrants(
            &decode(&out.outputs[0].jpeg),
            [RED, GREEN, BLUE, WHITE],
            40,
            &format!("orientation {orientation}"),
        );
    }
}

#[test]
fn padding_follows_the_displayed_shape_not_the_stored_one() {
    for (orientation, colours) in STORED {
        let out = convert(&stored_photo(orientation, colours), &sized(120), Fit::Pad).unwrap();
        let img = decode(&out.outputs[0].jpeg);
        // Displayed landscape 3:2 → white bands above and below, picture edge to edge.
        let what = format!("orientation {orientation}");
        assert!(near(img.get_pixel(60, 4).0, WHITE, 12), "{what}: top band");
        assert!(near(img.get_pixel(60, 115).0, WHITE, 12), "{what}: bottom band");
        assert!(
            near(img.get_pixel(3, 40).0, RED, 45),
            "{what}: left edge {:?}",
            img.get_pixel(3, 40).0
        );
        assert!(near(img.get_pixel(116, 40).0, GREEN, 45), "{what}: right edge");
        assert!(near(img.get_pixel(3, 80).0, BLUE, 45), "{what}: bottom left");
    }
}

#[test]
fn a_real_phone_file_is_turned_upright() {
    // Written by Pillow: stored 80x120 with orientation 6 and GPS coordinates.
    let out = convert(&fixture("phone-rotated-gps.jpg"), &sized(96), Fit::Pad).unwrap();
    assert_eq!(out.source.orientation, 6);
    let img = decode(&out.outputs[0].jpeg);
    assert!(near(img.get_pixel(20, 30).0, RED, 45), "{:?}", img.get_pixel(20, 30).0);
    assert!(near(img.get_pixel(76, 30).0, GREEN, 45));
    assert!(
        near(img.get_pixel(48, 4).0, WHITE, 12),
        "landscape once upright: band on top"
    );
}
