//! Helpers shared by the integration tests: fixtures, an independent JPEG decoder
//! (the `image` crate, not libjpeg-turbo) and small image builders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub mod bombs;
pub mod child;
mod ldap_tools;
mod leftovers;
pub mod modify_log;
pub mod openldap;
pub mod output;
pub mod samba;
pub mod services;

pub use output::{json_lines, stderr, strict_json_lines};

use adphoto_core::photo::{Converted, Converter, Fit, Limits, PhotoSpec, Preset, Rendition};
use image::{ImageEncoder, RgbImage};

pub const RED: [u8; 3] = [255, 0, 0];
pub const GREEN: [u8; 3] = [0, 255, 0];
pub const BLUE: [u8; 3] = [0, 0, 255];
pub const WHITE: [u8; 3] = [255, 255, 255];

pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(name)
}

/// Points ADPhoto's data folder (dated backup folders, the changed-elsewhere ledger) at
/// a folder of this test process, so that runs made in-process (the C ABI's jobs,
/// `apply_set`) never write into the home folder of whoever runs the tests, and two
/// test processes never share a record. The environment is the process's, so this is
/// one folder per test binary (set once, before the first in-process run); the ledger
/// inside is kept per directory (domain, tenant, customer), and commands run as child
/// processes get a folder per test with `XDG_DATA_HOME`.
pub fn own_data_folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        leftovers::sweep_once();
        let dir = std::env::temp_dir().join(format!("adphoto-test-{}-data", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Rust's own environment functions take a lock; set once, before any run reads it.
        std::env::set_var("XDG_DATA_HOME", &dir);
        if cfg!(windows) {
            std::env::set_var("LOCALAPPDATA", &dir);
        }
        dir
    })
}

/// A TCP port on loopback that accepts every connection and never answers (a hung
/// server, a firewall that drops after the handshake). The connections are held open
/// for the rest of the test process.
pub fn silent_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    port
}

/// A scratch folder unique to one test. It is kept when the test process ends (to look
/// at a failure) and removed by the next test process.
pub fn scratch(name: &str) -> PathBuf {
    leftovers::sweep_once();
    let dir = std::env::temp_dir().join(format!("adphoto-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn renditions(preset: Preset) -> Vec<Rendition> {
    PhotoSpec::preset(preset).renditions().unwrap()
}

pub fn sized(size: u32) -> Vec<Rendition> {
    vec![Rendition {
        size,
        quality: 90,
        max_bytes: None,
    }]
}

pub fn convert(data: &[u8], renditions: &[Rendition], fit: Fit) -> Result<Converted, adphoto_core::photo::PhotoError> {
    Converter::new()
        .unwrap()
        .convert(data, renditions, fit, &Limits::default())
}

/// Decodes a JPEG with a decoder independent of the engine's.
pub fn decode(jpeg: &[u8]) -> RgbImage {
    image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg)
        .expect("output must be a valid JPEG")
        .to_rgb8()
}

pub fn near(actual: [u8; 3], expected: [u8; 3], tolerance: i32) -> bool {
    actual
        .iter()
        .zip(expected)
        .all(|(a, e)| (i32::from(*a) - i32::from(e)).abs() <= tolerance)
}

/// Colours at the centres of the four quadrants: top-left, top-right, bottom-left,
/// bottom-right.
pub fn quadrants(img: &RgbImage) -> [[u8; 3]; 4] {
    let (w, h) = (img.width(), img.height());
    let at = |x: u32, y: u32| img.get_pixel(x, y).0;
    [
        at(w / 4, h / 4),
        at(3 * w / 4, h / 4),
        at(w / 4, 3 * h / 4),
        at(3 * w / 4, 3 * h / 4),
    ]
}

pub fn assert_quadrants(img: &RgbImage, expected: [[u8; 3]; 4], tolerance: i32, what: &str) {
    let got = quadrants(img);
    for (g, e) in got.iter().zip(expected) {
        assert!(
            near(*g, e, tolerance),
            "{what}: quadrants {got:?}, expected {expected:?}"
        );
    }
}

/// A `w`×`h` image split into four coloured quadrants.
pub fn quad_image(w: u32, h: u32, colours: [[u8; 3]; 4]) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let i = usize::from(x >= w / 2) + 2 * usize::from(y >= h / 2);
        image::Rgb(colours[i])
    })
}

/// Deterministic noise: the hardest content for a byte budget.
pub fn noise_image(w: u32, h: u32, seed: u64) -> RgbImage {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    RgbImage::from_fn(w, h, |_, _| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let v = (state >> 33) as u32;
        image::Rgb([v as u8, (v >> 8) as u8, (v >> 16) as u8])
    })
}

pub fn encode_jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

pub fn encode_png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// Inserts an APP1 EXIF segment holding only `orientation` right after SOI.
pub fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0*\0\0\0\x08\0\x01");
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The marker bytes (0xFFxx) of a JPEG's segments, in order, up to the first scan.
pub fn jpeg_markers(jpeg: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut pos = 2;
    while pos + 4 <= jpeg.len() && jpeg[pos] == 0xFF {
        let marker = jpeg[pos + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        pos += 2 + len;
    }
    markers
}

/// CRC-32 as PNG chunks use it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
