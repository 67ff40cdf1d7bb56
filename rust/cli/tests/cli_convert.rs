//! `adphoto convert` as an administrator runs it: folders of mixed files, JSON lines,
//! exit codes, and never a panic.

use adphoto_testkit as common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn adphoto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adphoto"))
        .args(args)
        .output()
        .expect("run adphoto")
}

fn by_input<'a>(items: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    items
        .iter()
        .find(|i| i["input"].as_str().is_some_and(|s| s.ends_with(name)))
        .unwrap_or_else(|| panic!("no item for {name}"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `convert` of `input` into `out_dir`, with the options given.
fn convert(options: &[&str], out_dir: &Path, input: &Path) -> Output {
    adphoto(&[&["convert"][..], options, &["--out-dir", s(out_dir), s(input)]].concat())
}

#[test]
fn a_mixed_folder_converts_the_good_and_reports_the_bad() {
    let dir = scratch("cli-mixed");
    let photos = dir.join("photos");
    std::fs::create_dir_all(photos.join("class 2b")).unwrap();
    std::fs::write(
        photos.join("jsmith.jpg"),
        encode_jpeg(&quad_image(900, 1200, [RED, GREEN, BLUE, WHITE]), 90),
    )
    .unwrap();
    std::fs::copy(fixture_path("alpha.png"), photos.join("class 2b/José García.png")).unwrap();
    std::fs::write(photos.join("broken.jpg"), b"").unwrap();
    std::fs::write(photos.join("readme.jpg"), b"not a photo\n").unwrap();
    std::fs::write(photos.join("notes.txt"), b"ignored: not an image extension").unwrap();
    let out_dir = dir.join("out");

    let out = convert(&["--json", "--preset", "ad"], &out_dir, &photos);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some failed → 1; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let items = strict_json_lines(&out);
    assert_eq!(items.len(), 4, "one JSON object per image file");

    let good = by_input(&items, "jsmith.jpg");
    assert!(good.get("error").is_none());
    let o = &good["outputs"][0];
    assert_eq!((o["width"].as_u64(), o["height"].as_u64()), (Some(96), Some(96)));
    assert!(o["quality"].as_u64().is_some());
    let written = std::fs::read(o["path"].as_str().unwrap()).unwrap();
    assert_eq!(written.len() as u64, o["bytes"].as_u64().unwrap());
    assert_eq!(decode(&written).width(), 96);
    assert!(
        out_dir.join("José García.jpg").exists(),
        "subfolders are searched; names kept"
    );

    assert_eq!(by_input(&items, "broken.jpg")["error"]["kind"], "empty-file");
    assert_eq!(by_input(&items, "readme.jpg")["error"]["kind"], "not-an-image");
    assert!(by_input(&items, "readme.jpg")["error"]["message"]
        .as_str()
        .unwrap()
        .contains("text"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn all_good_exits_zero_and_account_pictures_get_windows_names() {
    let dir = scratch("cli-acct");
    let photo = dir.join("anne.wallace.jpg");
    std::fs::write(
        &photo,
        encode_jpeg(&quad_image(1200, 1200, [RED, GREEN, BLUE, WHITE]), 90),
    )
    .unwrap();
    let out_dir = dir.join("out");
    let out = convert(&["-q", "--preset", "account-pictures"], &out_dir, &photo);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for size in [32, 40, 48, 64, 96, 192, 200, 208, 240, 424, 448, 1080] {
        let img = decode(&std::fs::read(out_dir.join(format!("anne.wallace/Image{size}.jpg"))).unwrap());
        assert_eq!((img.width(), img.height()), (size, size));
    }
}

#[test]
fn several_presets_share_one_run_in_their_own_folders() {
    let dir = scratch("cli-presets");
    let photo = dir.join("e10423.png");
    std::fs::copy(fixture_path("card.png"), &photo).unwrap();
    let out_dir = dir.join("out");
    let out = convert(&["--json", "--preset", "ad", "--preset", "hd"], &out_dir, &photo);
    assert_eq!(out.status.code(), Some(0));
    let items = strict_json_lines(&out);
    let presets: Vec<&str> = items[0]["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["preset"].as_str().unwrap())
        .collect();
    assert_eq!(presets, ["ad", "hd"]);
    assert_eq!(
        decode(&std::fs::read(out_dir.join("ad/e10423.jpg")).unwrap()).width(),
        96
    );
    assert_eq!(
        decode(&std::fs::read(out_dir.join("hd/e10423.jpg")).unwrap()).width(),
        648
    );
    assert!(items[0]["warnings"][0].as_str().unwrap().contains("upscaled"));
}

#[test]
fn files_that_would_overwrite_each_other_are_refused() {
    let dir = scratch("cli-collide");
    std::fs::copy(fixture_path("card.png"), dir.join("John.png")).unwrap();
    std::fs::copy(fixture_path("progressive.jpg"), dir.join("john.jpg")).unwrap();
    let out = convert(&["--json"], &dir.join("out"), &dir);
    assert_eq!(out.status.code(), Some(1));
    let items = strict_json_lines(&out);
    assert_eq!(
        items
            .iter()
            .filter(|i| i["error"]["kind"] == "output-collision")
            .count(),
        1
    );
    // The output folder inside the input folder is not converted on a second run.
    let again = convert(&["--json"], &dir.join("out"), &dir);
    assert_eq!(strict_json_lines(&again).len(), 2);
}

#[test]
fn usage_errors_exit_two_and_do_nothing() {
    let dir = scratch("cli-usage");
    let out_dir = dir.join("out");
    let photo = fixture_path("card.png");
    // Each mistake, and what its message must name (beyond saying something).
    for (args, names) in [
        (
            vec!["convert", "--preset", "thumbnail", "--out-dir", s(&out_dir), s(&photo)],
            "",
        ),
        (
            vec![
                "convert",
                "--preset",
                "ad",
                "--max-bytes",
                "200000",
                "--out-dir",
                s(&out_dir),
                s(&photo),
            ],
            "102400",
        ),
        (vec!["convert", "--size", "5", "--out-dir", s(&out_dir), s(&photo)], ""),
        (
            vec!["convert", "--fit", "stretch", "--out-dir", s(&out_dir), s(&photo)],
            "",
        ),
        (vec!["convert", s(&photo)], ""),
        (vec!["frobnicate"], ""),
    ] {
        let out = adphoto(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "a usage error must say what is wrong");
        assert!(String::from_utf8_lossy(&out.stderr).contains(names), "{args:?}");
    }
    assert!(!out_dir.exists(), "nothing written on a usage error");
}

#[test]
fn garbage_never_panics_the_batch() {
    let dir = scratch("cli-garbage");
    let mut state = 42u64;
    for i in 0..40 {
        let len = (i * 37) % 3000;
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                (state >> 56) as u8
            })
            .collect();
        // Half of them start like real formats, to get past the sniffing.
        let magic: &[u8] = match i % 4 {
            0 => &[0xFF, 0xD8, 0xFF, 0xE0],
            1 => b"\x89PNG\r\n\x1a\n",
            2 => b"GIF89a",
            _ => b"",
        };
        bytes.splice(0..0, magic.iter().copied());
        std::fs::write(dir.join(format!("g{i}.jpg")), bytes).unwrap();
    }
    let out = convert(&["--json", "--jobs", "2"], &dir.join("out"), &dir);
    assert_eq!(out.status.code(), Some(1));
    let items = strict_json_lines(&out);
    assert_eq!(items.len(), 40);
    assert!(items.iter().all(|i| i["error"]["kind"].is_string()));
    assert!(
        items.iter().all(|i| i["error"]["kind"] != "internal"),
        "no decoder panicked"
    );
}
