//! Finds the SeetaFace frontal face model that the `rustface` package ships
//! (`model/seeta_fd_frontal_v1.0.bin`, BSD-2-Clause) so the library can embed it: the
//! binary then needs no model file beside it. The crate does not expose the file's
//! path, so it is looked up where Cargo unpacked the package: the version comes from
//! Cargo.lock, the folder from CARGO_HOME. ADPHOTO_FACE_MODEL names the file instead
//! (vendored sources, offline mirrors).

use std::env;
use std::path::{Path, PathBuf};

const MODEL: &str = "model/seeta_fd_frontal_v1.0.bin";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ADPHOTO_FACE_MODEL");
    let model = match env::var_os("ADPHOTO_FACE_MODEL") {
        Some(path) => PathBuf::from(path),
        None => find_in_registry().unwrap_or_else(|why| {
            panic!("the rustface face model was not found ({why}); set ADPHOTO_FACE_MODEL to {MODEL} of the rustface package")
        }),
    };
    if !model.is_file() {
        panic!("ADPHOTO_FACE_MODEL: {} is not a file", model.display());
    }
    println!("cargo:rerun-if-changed={}", model.display());
    println!("cargo:rustc-env=ADPHOTO_FACE_MODEL_PATH={}", model.display());
}

fn find_in_registry() -> Result<PathBuf, String> {
    let version = rustface_version()?;
    let package = format!("rustface-{version}");
    let mut homes = Vec::new();
    if let Some(h) = env::var_os("CARGO_HOME") {
        homes.push(PathBuf::from(h));
    }
    if let Some(h) = env::var_os("HOME").or_else(|| env::var_os("USERPROFILE")) {
        homes.push(Path::new(&h).join(".cargo"));
    }
    for home in homes {
        let Ok(registries) = std::fs::read_dir(home.join("registry").join("src")) else {
            continue;
        };
        for registry in registries.flatten() {
            let candidate = registry.path().join(&package).join(MODEL);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(format!("{package} is not unpacked under CARGO_HOME/registry/src"))
}

/// The rustface version Cargo.lock pins (the lock file is in the workspace root).
fn rustface_version() -> Result<String, String> {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?);
    let lock = manifest
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.is_file())
        .ok_or("no Cargo.lock")?;
    println!("cargo:rerun-if-changed={}", lock.display());
    let text = std::fs::read_to_string(&lock).map_err(|e| e.to_string())?;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"rustface\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("rustface is not in Cargo.lock".into())
}
