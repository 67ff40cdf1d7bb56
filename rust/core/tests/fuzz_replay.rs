//! Every fuzz target's entry function (rust/fuzz/src/lib.rs, the same source the
//! cargo-fuzz binaries call) over its seed corpus, every input cut short at several
//! points and with bytes flipped, and over any crash input kept under
//! rust/fuzz/regressions/<target>/. Runs with the stable toolchain in every test run,
//! so the targets always build and their entry points always see hostile input even
//! where nightly and cargo-fuzz (tests/fuzz.sh) cannot be had.

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod entry;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of the seed folders tests/fuzz.sh gives this target, and its regressions.
fn corpus(target: &str, seeds: &str) -> Vec<Vec<u8>> {
    let mut inputs = Vec::new();
    for dir in [root().join(seeds), root().join("rust/fuzz/regressions").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        inputs.extend(files.iter().map(|f| std::fs::read(f).unwrap()));
    }
    inputs
}

/// Each input whole, cut at eight points, and with one byte flipped at eight points:
/// the damage a fuzzer tries first, in a fixed order.
fn variants(input: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![input.to_vec()];
    for eighth in 0..8 {
        let at = input.len() * eighth / 8;
        out.push(input[..at].to_vec());
        if at < input.len() {
            let mut flipped = input.to_vec();
            flipped[at] ^= 0xFF;
            out.push(flipped);
        }
    }
    out
}

fn replay(target: &str, seeds: &str, run: fn(&[u8])) {
    let inputs = corpus(target, seeds);
    assert!(!inputs.is_empty(), "{target}: no seeds in {seeds}");
    for input in &inputs {
        for variant in variants(input) {
            run(&variant);
        }
    }
}

const IMAGES: &str = "tests/fixtures/images";

#[test]
fn jpeg() {
    replay("jpeg", IMAGES, |d| entry::convert(&entry::as_jpeg(d), 96));
}

#[test]
fn jpeg_passthrough() {
    replay("jpeg_passthrough", IMAGES, entry::passthrough);
}

#[test]
fn image() {
    replay("image", IMAGES, |d| entry::convert(&entry::as_other_format(d), 96));
}

#[test]
fn sniff() {
    replay("sniff", IMAGES, entry::sniff_only);
}

#[test]
fn csv() {
    replay("csv", "rust/fuzz/seeds/csv", entry::csv);
}

#[test]
fn mapping() {
    replay("mapping", "rust/fuzz/seeds/mapping", entry::mapping);
}

/// The fuzz crate lists exactly these targets: a new one needs its replay here.
#[test]
fn every_fuzz_target_is_replayed() {
    let manifest = std::fs::read_to_string(root().join("rust/fuzz/Cargo.toml")).unwrap();
    let mut targets: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .filter(|n| *n != "adphoto-fuzz")
        .collect();
    targets.sort();
    assert_eq!(
        targets,
        ["csv", "image", "jpeg", "jpeg_passthrough", "mapping", "sniff"]
    );
}
