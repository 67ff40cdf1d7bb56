//! A JPEG that already has the target size is passed through without re-encoding; it
//! must come out without any of the metadata it carried, wherever that was planted —
//! before the frame, between scans, after the last scan, inside JFIF's own header, or
//! after the end-of-image marker — and with its image data byte for byte.

use adphoto_testkit as common;

use adphoto_core::photo::{Converter, Fit, Limits, Preset};
use common::bombs::{jpeg_turbo, segments};
use common::*;

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// The JPEG with metadata planted in every place one can hold it.
fn planted(jpeg: &[u8]) -> Vec<u8> {
    let segs = segments(jpeg);
    let first_scan = segs.iter().position(|s| s.0 == 0xDA).unwrap();
    let mut out = vec![0xFF, 0xD8];
    // A JFIF header carrying an 8x1 thumbnail of "secret" pixels, then JFXX.
    let mut jfif = b"JFIF\0\x01\x02\x01\x00\x48\x00\x48\x08\x01".to_vec();
    jfif.extend(b"SECRET-JFIF-THUMB-SECRET");
    out.extend(segment(0xE0, &jfif));
    out.extend(segment(0xE0, b"JFXX\0\x10SECRET-JFXX"));
    out.extend(segment(0xE0, b"AVI1\0SECRET-APP0"));
    out.extend(segment(0xE1, b"Exif\0\0MM\0*\0\0\0\x08\0\0SECRET-EXIF"));
    out.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0SECRET-XMP"));
    out.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01SECRET-ICC"));
    out.extend(segment(0xED, b"Photoshop 3.0\0SECRET-IPTC"));
    out.extend(segment(0xFE, b"SECRET-COM"));
    for (i, (marker, start, end)) in segs.iter().enumerate() {
        if *marker == 0xE0 || (0xE1..=0xEF).contains(marker) || *marker == 0xFE {
            continue; // the encoder's own APP0
        }
        if i > first_scan && *marker == 0xDA {
            out.extend(segment(0xFE, b"SECRET-BETWEEN-SCANS"));
            out.extend(segment(0xE1, b"Exif\0\0SECRET-EXIF-BETWEEN"));
        }
        out.extend_from_slice(&jpeg[*start..*end]);
    }
    out.extend(segment(0xFE, b"SECRET-COM-AFTER"));
    out.extend(segment(0xEC, b"Ducky\0SECRET-APP12-AFTER"));
    out.extend_from_slice(&[0xFF, 0xD9]);
    out.extend_from_slice(b"SECRET-TRAILER\xFF\xD8\xFF\xFE\0\x08SECRET");
    out
}

fn scans(jpeg: &[u8]) -> Vec<Vec<u8>> {
    segments(jpeg)
        .iter()
        .filter(|s| s.0 == 0xDA)
        .map(|s| jpeg[s.1..s.2].to_vec())
        .collect()
}

#[test]
fn passed_through_jpegs_keep_nothing_but_the_image() {
    let baseline = encode_jpeg(&quad_image(96, 96, [RED, GREEN, BLUE, WHITE]), 90);
    let progressive = jpeg_turbo(96, 96, false, true);
    let grey = jpeg_turbo(96, 96, true, false);
    for (what, clean) in [("baseline", baseline), ("progressive", progressive), ("grey", grey)] {
        let dirty = planted(&clean);
        let converted = Converter::new()
            .unwrap()
            .convert(&dirty, &renditions(Preset::Ad), Fit::Crop, &Limits::default())
            .unwrap();
        let out = &converted.outputs[0];
        assert!(
            out.kept_as_is,
            "{what}: a 96x96 JPEG is passed through: {:?} {:?}",
            converted.warnings, converted.framing
        );
        let leaked: Vec<usize> = out
            .jpeg
            .windows(6)
            .enumerate()
            .filter(|(_, w)| *w == b"SECRET")
            .map(|(i, _)| i)
            .collect();
        assert!(leaked.is_empty(), "{what}: metadata survived at {leaked:?}");
        assert!(
            out.jpeg.ends_with(&[0xFF, 0xD9]),
            "{what}: nothing after the end marker"
        );
        assert_eq!(scans(&out.jpeg), scans(&clean), "{what}: the image data byte for byte");
        assert_eq!(decode(&out.jpeg), decode(&clean), "{what}: the same pixels");
    }
}
