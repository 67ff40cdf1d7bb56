//! Runs a conversion batch on a pool of workers, writing each output atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::layout::output_paths;
use super::report::{ItemReport, OutputReport};
use crate::output_guard::Inputs;
use adphoto_core::atomic_file::write_atomically;
use adphoto_core::error::{Error, ErrorKind};
use adphoto_core::inputs::FoundFile;
use adphoto_core::parallel::{catch_panic, for_each_parallel};
use adphoto_core::photo::{Converter, Fit, Framing, Limits, PhotoError, PhotoSpec, Preset, Rendition};
use adphoto_core::safe_names::folded_name;

#[derive(Debug, Clone)]
pub struct ConvertBatch {
    pub specs: Vec<PhotoSpec>,
    pub fit: Fit,
    pub framing: Framing,
    pub limits: Limits,
    pub out_dir: PathBuf,
    pub workers: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub converted: usize,
    pub failed: usize,
    pub bytes_written: u64,
}

struct Task {
    input: PathBuf,
    outputs: Vec<PathBuf>,
}

impl ConvertBatch {
    /// Converts every input, calling `on_item` (on this thread) as each one finishes.
    /// Fails only on invalid options; a bad input is a failed item, never an error here.
    pub fn run(&self, inputs: Vec<FoundFile>, mut on_item: impl FnMut(&ItemReport)) -> Result<Summary, PhotoError> {
        let specs: Vec<(Preset, Vec<Rendition>)> = self
            .specs
            .iter()
            .map(|s| s.renditions().map(|r| (s.preset, r)))
            .collect::<Result<_, _>>()?;
        if specs.is_empty() {
            return Err(PhotoError::InvalidOptions("no preset given".into()));
        }
        let renditions: Vec<Rendition> = specs.iter().flat_map(|(_, r)| r.iter().copied()).collect();
        let presets: Vec<&'static str> = specs
            .iter()
            .flat_map(|(p, r)| std::iter::repeat_n(p.name(), r.len()))
            .collect();

        let mut summary = Summary::default();
        let mut record = |item: &ItemReport, summary: &mut Summary| {
            if item.error.is_some() {
                summary.failed += 1;
            } else if !item.outputs.is_empty() {
                summary.converted += 1;
                summary.bytes_written += item.outputs.iter().map(|o| o.bytes).sum::<u64>();
            }
            on_item(item);
        };

        let mut tasks = Vec::new();
        let mut claimed: HashMap<String, PathBuf> = HashMap::new();
        let originals = Inputs::of(inputs.iter().filter_map(|f| match f {
            FoundFile::Photo(p) => Some(p.as_path()),
            _ => None,
        }));
        for found in inputs {
            let input = match found {
                FoundFile::Photo(p) => p,
                FoundFile::Unreadable { path, error } => {
                    let item = ItemReport::failed(display(&path), Error::new(ErrorKind::ReadFailed, error));
                    record(&item, &mut summary);
                    continue;
                }
                // Reported, not counted: nothing to convert, and nothing wrong.
                FoundFile::Skipped { path, reason } => {
                    let item = ItemReport {
                        warnings: vec![reason],
                        ..ItemReport::without_outputs(display(&path), None)
                    };
                    record(&item, &mut summary);
                    continue;
                }
            };
            let stem = input
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let outputs: Vec<PathBuf> = output_paths(&specs, &stem)
                .into_iter()
                .map(|p| self.out_dir.join(p))
                .collect();
            // Folders are often case-insensitive (Windows, macOS) and macOS ignores Unicode
            // normalisation: John.jpg and john.png would silently overwrite each other.
            let key = outputs.first().map(|p| folded_name(&display(p))).unwrap_or_default();
            if let Some(first) = claimed.get(&key) {
                let item = ItemReport::failed(
                    display(&input),
                    Error::new(
                        ErrorKind::OutputCollision,
                        format!(
                            "{} already writes {}; rename one of the two files",
                            display(first),
                            display(&outputs[0])
                        ),
                    ),
                );
                record(&item, &mut summary);
                continue;
            }
            // Converting into the folder being read would replace originals with
            // thumbnails (this one's, or another's of the same name).
            if let Some(original) = outputs.iter().find_map(|o| originals.overwritten_by(o)) {
                let item = ItemReport::failed(
                    display(&input),
                    Error::new(
                        ErrorKind::OutputCollision,
                        format!(
                            "its output would replace the original {}; write to an --out-dir apart from the photos",
                            display(&original)
                        ),
                    ),
                );
                record(&item, &mut summary);
                continue;
            }
            claimed.insert(key, input.clone());
            tasks.push(Task { input, outputs });
        }

        for_each_parallel(
            tasks,
            self.workers,
            Converter::new,
            |converter, task| {
                let input = display(&task.input);
                match catch_panic(|| self.convert_one(converter, &task, &renditions, &presets)) {
                    Ok(Ok(item)) => item,
                    Ok(Err(e)) => ItemReport::failed(input, Error::from(&e)),
                    Err(panic) => ItemReport::failed(input, Error::internal(format!("internal error: {panic}"))),
                }
            },
            |item| record(&item, &mut summary),
        );
        Ok(summary)
    }

    fn convert_one(
        &self,
        converter: &mut Result<Converter, PhotoError>,
        task: &Task,
        renditions: &[Rendition],
        presets: &[&str],
    ) -> Result<ItemReport, PhotoError> {
        let converter = converter.as_mut().map_err(|e| PhotoError::Internal(e.to_string()))?;
        let converted =
            converter.convert_file_framed(&task.input, renditions, self.fit, &self.framing, &self.limits)?;
        let mut outputs = Vec::with_capacity(converted.outputs.len());
        for ((out, path), preset) in converted.outputs.iter().zip(&task.outputs).zip(presets) {
            write_atomically(path, &out.jpeg).map_err(|e| PhotoError::Write(format!("{}: {e}", display(path))))?;
            outputs.push(OutputReport {
                preset: preset.to_string(),
                path: display(path),
                size: out.size,
                width: out.width,
                height: out.height,
                bytes: out.jpeg.len() as u64,
                quality: out.quality,
            });
        }
        Ok(ItemReport {
            input: display(&task.input),
            source: Some(converted.source),
            outputs,
            warnings: converted.warnings,
            framing: converted.framing,
            verdict: Some(converted.verdict),
            colour_profile: converted.colour_profile,
            error: None,
        })
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
