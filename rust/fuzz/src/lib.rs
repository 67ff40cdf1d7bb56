//! What each fuzz target does with its input, shared so every target stays a line.
//! Limits are small so that each run is quick; a panic or a crash is a finding.

use std::path::Path;

use adphoto_core::photo::{jpeg_dimensions, sniff, Converter, Fit, Limits, Rendition};
use adphoto_core::users::UserTable;

fn limits() -> Limits {
    Limits {
        max_file_bytes: 4 << 20,
        max_pixels: 16_000_000,
        max_decode_bytes: 64 << 20,
    }
}

fn rendition(size: u32) -> Rendition {
    Rendition {
        size,
        quality: 80,
        max_bytes: Some(20_000),
    }
}

/// The converter, as a batch worker uses it: several photos in a row, each result
/// either an error or outputs of the requested size.
pub fn convert(data: &[u8], size: u32) {
    let Ok(mut converter) = Converter::new() else { return };
    for fit in [Fit::Crop, Fit::Pad] {
        if let Ok(done) = converter.convert(data, &[rendition(size)], fit, &limits()) {
            for out in done.outputs {
                assert!(out.width <= size && out.height <= size);
                assert!(out.jpeg.starts_with(&[0xFF, 0xD8]));
            }
        }
    }
}

/// `data` as a JPEG body: after SOI, whatever the fuzzer made.
pub fn as_jpeg(data: &[u8]) -> Vec<u8> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return data.to_vec();
    }
    let mut jpeg = vec![0xFF, 0xD8, 0xFF];
    jpeg.extend_from_slice(data);
    jpeg
}

/// A JPEG already of its own square size is passed through (metadata stripped).
pub fn passthrough(data: &[u8]) {
    let jpeg = as_jpeg(data);
    let size = match jpeg_dimensions(&jpeg) {
        Some((w, h)) if w == h && (16..=1024).contains(&w) => w,
        _ => 64,
    };
    convert(&jpeg, size);
}

/// `data` behind one of the other formats' signatures, chosen by its first byte.
pub fn as_other_format(data: &[u8]) -> Vec<u8> {
    let Some((&pick, rest)) = data.split_first() else {
        return Vec::new();
    };
    let mut out: Vec<u8> = match pick % 5 {
        0 => b"\x89PNG\r\n\x1a\n".to_vec(),
        1 => b"GIF89a".to_vec(),
        2 => b"BM".to_vec(),
        3 => b"II*\0".to_vec(),
        _ => {
            let mut riff = b"RIFF".to_vec();
            riff.extend_from_slice(&((rest.len() + 4) as u32).to_le_bytes());
            riff.extend_from_slice(b"WEBP");
            riff
        }
    };
    out.extend_from_slice(rest);
    out
}

pub fn sniff_only(data: &[u8]) {
    let _ = sniff(data);
    let _ = jpeg_dimensions(data);
}

/// A CSV in every way one is read: detected, and in named code pages.
pub fn csv(data: &[u8]) {
    let _ = adphoto_core::text::parse_csv(data, "fuzz.csv");
    for name in ["windows-1250", "utf-16le", "shift_jis"] {
        if let Ok(encoding) = adphoto_core::text::encoding_named(name) {
            let _ = adphoto_core::text::parse_csv_as(data, "fuzz.csv", Some(encoding));
        }
    }
}

/// A mapping CSV, read and matched against a few users (one sharing a name, one with
/// an escaped DN).
pub fn mapping(data: &[u8]) {
    let Ok(mapping) = adphoto_core::matching::parse_mapping(data, Path::new("/nonexistent"), "map.csv", None) else {
        return;
    };
    let mut table = UserTable::new(&["SamAccountName", "mail", "DistinguishedName", "employeeID"]);
    for (sam, mail, dn) in [
        ("jsmith", "john@example.org", "CN=John Smith,OU=Staff,DC=example,DC=org"),
        ("JSMITH", "j2@example.org", "CN=trailing\\ ,DC=example,DC=org"),
        ("anne", "anne@example.org", "CN=Smith\\, Anne,DC=example,DC=org"),
    ] {
        table.push(vec![Some(sam.into()), Some(mail.into()), Some(dn.into()), None], 0);
    }
    let result = adphoto_core::matching::match_mapping(&table, &mapping);
    assert!(result.files.len() <= mapping.rows.len());
}
