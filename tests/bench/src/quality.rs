//! Reading a tool's outputs back: present, the right size, how close to the reference,
//! and how many bytes.

use std::path::{Path, PathBuf};

use crate::decode::decode_rgb;
use crate::ssim::{luma, ssim, Plane};
use crate::tools::{stem, Tool, SIZES};

/// A tool's outputs, judged. Means are over the outputs that could be read; any
/// output that could not is listed in `problems` and fails the tool.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Mean luma SSIM per entry of `SIZES`; `None` when no reference was given.
    pub ssim: [Option<f64>; 2],
    pub mean_bytes: [f64; 2],
    pub problems: Vec<String>,
}

/// Scores every output of `tool` in `out`; `references[i][k]` is photo i at `SIZES[k]`
/// (pass none to check only presence and dimensions).
pub fn score(tool: Tool, out: &Path, photos: &[PathBuf], references: Option<&[Vec<Plane>]>) -> Scores {
    let mut scores = Scores::default();
    for (k, &size) in SIZES.iter().enumerate() {
        let (mut ssim_sum, mut bytes_sum, mut n) = (0.0, 0u64, 0usize);
        for (i, photo) in photos.iter().enumerate() {
            let path = tool.output(out, size, &stem(photo));
            match read_output(&path, size) {
                Ok((bytes, plane)) => {
                    if let Some(refs) = references {
                        ssim_sum += ssim(&plane, &refs[i][k]);
                    }
                    bytes_sum += bytes;
                    n += 1;
                }
                Err(problem) => scores.problems.push(format!("{}: {problem}", path.display())),
            }
        }
        if n > 0 {
            scores.ssim[k] = references.map(|_| ssim_sum / n as f64);
            scores.mean_bytes[k] = bytes_sum as f64 / n as f64;
        }
    }
    scores
}

fn read_output(path: &Path, size: u32) -> Result<(u64, Plane), String> {
    let data = std::fs::read(path).map_err(|e| e.to_string())?;
    let rgb = decode_rgb(&data).map_err(|e| format!("undecodable: {e}"))?;
    if (rgb.width, rgb.height) != (size, size) {
        return Err(format!("{}x{} instead of {size}x{size}", rgb.width, rgb.height));
    }
    Ok((data.len() as u64, luma(size as usize, size as usize, &rgb.pixels)))
}
