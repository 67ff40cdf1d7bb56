//! Small files that would cost gigabytes or minutes: the 35-byte GIF with a
//! 10000x10000 screen, a 16-bit RGBA PNG, a lossless WebP, a 1x1 PNG with an ICC profile
//! that inflates to a gigabyte, and progressive JPEGs that repeat their scans. Each is
//! refused (or read) within a bounded amount of memory and work, measured on the real
//! binary as a child process, while ordinary photos of the same kinds still convert.
#![cfg(unix)]

use adphoto_testkit as common;

use std::path::Path;
use std::time::Duration;

use adphoto_core::photo::{Converter, Fit, Limits, Preset};
use common::bombs::*;
use common::child::run_adphoto;
use common::*;

/// Far above what refusing (or reading a small image) costs, which is a few tens of
/// megabytes, and far below what decoding these files costs (0.7 to 1.5 GB each).
const PEAK_MEMORY_BOUND: u64 = 300 << 20;

fn convert_in_child(dir: &Path, name: &str, data: &[u8], jobs: &str) -> common::child::Finished {
    let input = dir.join(name);
    std::fs::write(&input, data).unwrap();
    run_adphoto(
        env!("CARGO_BIN_EXE_adphoto"),
        &[
            "convert",
            "--json",
            "--jobs",
            jobs,
            "--out-dir",
            dir.join("out").to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        &[],
        Duration::from_secs(600),
    )
}

fn error_kind(run: &common::child::Finished) -> String {
    let items = run.json_lines();
    assert_eq!(items.len(), 1, "{}{}", run.stdout, run.stderr);
    items[0]["error"]["kind"].as_str().unwrap_or("ok").to_string()
}

#[test]
fn files_that_decode_into_gigabytes_are_refused_in_little_memory() {
    let dir = scratch("bombs-memory");
    let gif = gif_screen(10_000);
    assert_eq!(gif.len(), 35);
    for (name, data) in [
        ("screen.gif", gif),
        ("rgba16.png", png_rgba16(10_000)),
        ("lossless.webp", webp_lossless(10_000)),
    ] {
        let run = convert_in_child(&dir, name, &data, "1");
        assert_eq!(error_kind(&run), "too-many-pixels", "{name}: {}", run.stdout);
        let message = run.json_lines()[0]["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            message.contains("MB"),
            "{name}: the message says how much memory: {message}"
        );
        assert!(
            run.peak_rss < PEAK_MEMORY_BOUND,
            "{name}: peak memory {} MB",
            run.peak_rss >> 20
        );
    }
}

#[test]
fn an_inflating_colour_profile_is_never_inflated() {
    let dir = scratch("bombs-iccp");
    let run = convert_in_child(&dir, "iccp.png", &png_with_huge_iccp(1 << 30), "1");
    // The pixels are a fine 1x1 image: the profile is not needed to read them.
    assert_eq!(error_kind(&run), "ok", "{}", run.stdout);
    assert!(
        run.peak_rss < PEAK_MEMORY_BOUND,
        "peak memory {} MB",
        run.peak_rss >> 20
    );
}

#[test]
fn several_workers_share_one_memory_budget() {
    let dir = scratch("bombs-workers");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    // Two 40-megapixel RGBA PNGs: each within the per-image budget, but two workers
    // decoding both at once would hold twice the budget.
    for name in ["a.png", "b.png", "c.png"] {
        let side = 6_400;
        let row = 1 + u64::from(side) * 4;
        let data = png(&[
            (b"IHDR", ihdr(side, side, 8, 6)),
            (b"IDAT", zlib_zeros(row * u64::from(side))),
            (b"IEND", Vec::new()),
        ]);
        std::fs::write(photos.join(name), data).unwrap();
    }
    let run = run_adphoto(
        env!("CARGO_BIN_EXE_adphoto"),
        &[
            "convert",
            "--json",
            "--jobs",
            "3",
            "--out-dir",
            dir.join("out").to_str().unwrap(),
            photos.to_str().unwrap(),
        ],
        &[],
        Duration::from_secs(600),
    );
    let items = run.json_lines();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i.get("error").is_none()), "{}", run.stdout);
    // One 6400x6400 RGBA decode holds 160 MB; three at once would be 480 MB or more.
    assert!(run.peak_rss < 400 << 20, "peak memory {} MB", run.peak_rss >> 20);
}

fn kind(data: &[u8]) -> String {
    match Converter::new()
        .unwrap()
        .convert(data, &renditions(Preset::Ad), Fit::Crop, &Limits::default())
    {
        Ok(_) => "ok".into(),
        Err(e) => e.kind().name().into(),
    }
}

#[test]
fn a_progressive_jpeg_that_repeats_its_scans_is_refused_before_decoding() {
    let plain = jpeg_flat_progressive(8_000, 8_000);
    let bomb = with_repeated_last_scan(&plain, 400);
    assert!(bomb.len() < 1 << 20, "a small file: {} bytes", bomb.len());
    assert_eq!(kind(&bomb), "too-complex");
    let e = Converter::new()
        .unwrap()
        .convert(&bomb, &renditions(Preset::Ad), Fit::Crop, &Limits::default())
        .unwrap_err();
    assert!(e.to_string().contains("scans"), "{e}");
    // The same picture with its ordinary scans is a photo like any other.
    assert_eq!(kind(&plain), "ok");
    // A few repeats are still within what real encoders write.
    assert_eq!(kind(&with_repeated_last_scan(&plain, 2)), "ok");
}

#[test]
fn ordinary_progressive_photos_are_accepted() {
    for (w, h, grey) in [(6_000, 4_000, false), (4_000, 6_000, true), (640, 480, false)] {
        let jpeg = jpeg_turbo(w, h, grey, true);
        assert_eq!(kind(&jpeg), "ok", "{w}x{h} progressive");
    }
    assert_eq!(kind(&fixture("progressive.jpg")), "ok");
}

#[test]
fn a_jpeg_cut_before_its_first_scan_is_called_truncated() {
    let jpeg = encode_jpeg(&quad_image(64, 64, [RED, GREEN, BLUE, WHITE]), 90);
    let sos = jpeg.windows(2).position(|m| m == [0xFF, 0xDA]).unwrap();
    let sof = jpeg.windows(2).position(|m| m == [0xFF, 0xC0]).unwrap();
    for cut in [sos, sos - 7, sof + 12, sof + 5, sof] {
        let e = Converter::new()
            .unwrap()
            .convert(&jpeg[..cut], &renditions(Preset::Ad), Fit::Crop, &Limits::default())
            .unwrap_err();
        let m = e.to_string();
        assert!(m.contains("truncated"), "cut at {cut} of {}: {m}", jpeg.len());
        assert!(!m.contains("zero width"), "cut at {cut}: {m}");
        assert_eq!(e.kind(), "corrupt-image");
    }
}
