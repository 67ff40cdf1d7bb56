//! The photo corpus: generated once, deterministically, and reused while it matches.

use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use turbojpeg::{Compressor, Image, PixelFormat, Subsamp};

use crate::noise::{hash, unit};
use crate::parallel;
use crate::portrait::{render, PortraitSpec};
use crate::BenchResult;

/// Bump whenever the generator changes what it draws, so a stale corpus is rebuilt
/// rather than silently benchmarked.
const GENERATOR_VERSION: &str = "portrait-v1";

/// Which generator makes the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Drawn head-and-shoulders portraits (`portrait.rs`), the default.
    Portraits,
    /// A real face at portrait scale, placed differently in each photo
    /// (`faces_corpus.rs`).
    Faces,
}

impl Kind {
    fn version(self) -> &'static str {
        match self {
            Kind::Portraits => GENERATOR_VERSION,
            Kind::Faces => crate::faces_corpus::GENERATOR_VERSION,
        }
    }
}
const VERSION_FILE: &str = "corpus.version";
const CORPUS_SEED: u64 = 0xAD_0F_07_0B;

/// How one corpus photo is made.
#[derive(Debug, Clone, Copy)]
pub struct PhotoPlan {
    pub portrait: PortraitSpec,
    pub quality: i32,
    pub subsamp: Subsamp,
}

/// Photo `index` of the corpus: landscape and portrait frames alternate, and quality,
/// chroma subsampling, texture and grain vary as they do between real cameras.
pub fn plan(index: usize) -> PhotoPlan {
    let seed = hash(&[CORPUS_SEED, index as u64]);
    let draw = |k: u64| unit(hash(&[seed, 0xC0, k]));
    let (width, height) = if index % 2 == 0 { (6000, 4000) } else { (4000, 6000) };
    PhotoPlan {
        portrait: PortraitSpec {
            width,
            height,
            seed,
            detail: 1.0 + 1.0 * draw(1),
            grain: 3.5 + 2.0 * draw(2),
        },
        quality: 92 + (draw(3) * 4.0) as i32,
        subsamp: if draw(4) < 0.6 {
            Subsamp::Sub2x2
        } else {
            Subsamp::Sub2x1
        },
    }
}

/// Renders and encodes one photo.
pub fn make_photo(plan: &PhotoPlan) -> BenchResult<Vec<u8>> {
    let pixels = render(&plan.portrait);
    let (w, h) = (plan.portrait.width as usize, plan.portrait.height as usize);
    let mut compressor = Compressor::new().map_err(|e| format!("turbojpeg: {e}"))?;
    compressor
        .set_quality(plan.quality)
        .map_err(|e| format!("turbojpeg: {e}"))?;
    compressor
        .set_subsamp(plan.subsamp)
        .map_err(|e| format!("turbojpeg: {e}"))?;
    let image = Image {
        pixels: pixels.as_slice(),
        width: w,
        pitch: w * 3,
        height: h,
        format: PixelFormat::RGB,
    };
    compressor.compress_to_vec(image).map_err(|e| format!("turbojpeg: {e}"))
}

pub fn photo_name(index: usize) -> String {
    format!("photo-{:03}.jpg", index + 1)
}

/// The index of a file named by `photo_name`, if it is one.
fn photo_index(name: &str) -> Option<usize> {
    let number = name.strip_prefix("photo-")?.strip_suffix(".jpg")?;
    let n: usize = number.parse().ok()?;
    (n >= 1 && number.len() >= 3 && number.bytes().all(|b| b.is_ascii_digit())).then(|| n - 1)
}

/// The corpus files, in order, with their sizes.
pub struct Corpus {
    pub photos: Vec<PathBuf>,
    pub bytes: Vec<u64>,
}

impl Corpus {
    pub fn len(&self) -> usize {
        self.photos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.photos.is_empty()
    }

    /// Smallest, mean and largest file in MB (10^6 bytes, as file managers show).
    pub fn size_stats_mb(&self) -> (f64, f64, f64) {
        let mb: Vec<f64> = self.bytes.iter().map(|&b| b as f64 / 1e6).collect();
        let min = mb.iter().copied().fold(f64::INFINITY, f64::min);
        let max = mb.iter().copied().fold(0.0, f64::max);
        (min, mb.iter().sum::<f64>() / mb.len().max(1) as f64, max)
    }
}

/// Makes sure `dir` holds exactly photos 1..=`count` of the current generator, making
/// only the missing ones (on every core: this is the slow part of a first run).
pub fn prepare(dir: &Path, count: usize, kind: Kind) -> BenchResult<Corpus> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let version_path = dir.join(VERSION_FILE);
    let current = fs::read_to_string(&version_path).unwrap_or_default();
    let keep_existing = current.trim() == kind.version();
    // The tools are given the whole folder, so a photo of ours beyond `count` would be
    // benchmarked too. Only files named as ours are ever removed: --corpus may point
    // somewhere with other files in it.
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(index) = photo_index(name.trim_end_matches(".tmp")) else {
            continue;
        };
        if name.ends_with(".tmp") || !keep_existing || index >= count {
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    fs::write(&version_path, kind.version()).map_err(|e| e.to_string())?;

    let missing: Vec<usize> = (0..count).filter(|&i| !dir.join(photo_name(i)).is_file()).collect();
    if !missing.is_empty() {
        eprintln!(
            "corpus: generating {} of {count} photos in {}",
            missing.len(),
            dir.display()
        );
        generate(dir, &missing, kind)?;
    }
    let photos: Vec<PathBuf> = (0..count).map(|i| dir.join(photo_name(i))).collect();
    let bytes = photos
        .iter()
        .map(|p| {
            fs::metadata(p)
                .map(|m| m.len())
                .map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect::<BenchResult<_>>()?;
    Ok(Corpus { photos, bytes })
}

fn generate(dir: &Path, indices: &[usize], kind: Kind) -> BenchResult<()> {
    let done = AtomicUsize::new(0);
    let results = parallel::map(indices, |&index| {
        let r = write_photo(dir, index, kind);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        // Overwrite one line on a terminal; a log gets one line per photo.
        if std::io::stderr().is_terminal() {
            eprint!("\rcorpus: {n}/{} done", indices.len());
        } else {
            eprintln!("corpus: {n}/{} done", indices.len());
        }
        r
    });
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
    results.into_iter().collect()
}

/// Writes through a temporary name so an interrupted run never leaves a truncated
/// photo that a later run would take as done.
fn write_photo(dir: &Path, index: usize, kind: Kind) -> BenchResult<()> {
    let jpeg = match kind {
        Kind::Portraits => make_photo(&plan(index))?,
        Kind::Faces => crate::faces_corpus::make_photo(index)?,
    };
    let path = dir.join(photo_name(index));
    let tmp = path.with_extension("jpg.tmp");
    fs::write(&tmp, &jpeg).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_is_ours() {
        for i in [0, 9, 99, 999, 1234] {
            assert_eq!(photo_index(&photo_name(i)), Some(i));
        }
        for other in [
            "photo-1.jpg",
            "photo-000.jpg",
            "photo-+12.jpg",
            "IMG_0001.jpg",
            "photo-001.jpeg",
        ] {
            assert_eq!(photo_index(other), None, "{other}");
        }
    }

    #[test]
    fn plans_alternate_and_stay_in_range() {
        for i in 0..40 {
            let p = plan(i);
            let landscape = p.portrait.width > p.portrait.height;
            assert_eq!(landscape, i % 2 == 0);
            assert!((92..=95).contains(&p.quality));
            assert!(matches!(p.subsamp, Subsamp::Sub2x2 | Subsamp::Sub2x1));
        }
        assert_eq!(format!("{:?}", plan(7)), format!("{:?}", plan(7)));
    }
}
