//! One source photo into every account-picture size: a single decode, each size resized
//! from the source (never from another output), the same bytes for the same source.

use super::sizes::{file_name, renditions};
use adphoto_core::photo::{Converter, Fit, Limits, PhotoError, SourceInfo};

pub struct RenderedFile {
    pub size: u32,
    pub name: String,
    pub jpeg: Vec<u8>,
}

pub struct RenderedSet {
    pub files: Vec<RenderedFile>,
    pub source: SourceInfo,
    pub warnings: Vec<String>,
}

/// Renders every size from `data`. Sizes larger than the source are still produced
/// (Windows asks for all twelve) but named in one warning.
pub fn render_set(
    converter: &mut Converter,
    data: &[u8],
    quality: u8,
    limits: &Limits,
) -> Result<RenderedSet, PhotoError> {
    let wanted = renditions(quality)?;
    let converted = converter.convert(data, &wanted, Fit::Crop, limits)?;
    let mut files = Vec::with_capacity(converted.outputs.len());
    for output in converted.outputs {
        if output.width != output.size || output.height != output.size {
            // No byte budget is set, so this would be an engine bug; never write it.
            return Err(PhotoError::Internal(format!(
                "the {0}x{0} picture came out {1}x{2}",
                output.size, output.width, output.height
            )));
        }
        files.push(RenderedFile {
            size: output.size,
            name: file_name(output.size),
            jpeg: output.jpeg,
        });
    }
    // The engine warns once per upscaled size; at every logon twelve near-identical
    // lines help nobody, so they become one that names the sizes.
    let span = converted.source.width.min(converted.source.height);
    let upscaled: Vec<String> = files
        .iter()
        .filter(|f| f.size > span)
        .map(|f| f.size.to_string())
        .collect();
    let mut warnings: Vec<String> = converted
        .warnings
        .into_iter()
        .filter(|w| !w.contains("is upscaled"))
        .collect();
    if !upscaled.is_empty() {
        let (noun, verb) = if upscaled.len() == 1 {
            ("size", "is")
        } else {
            ("sizes", "are")
        };
        warnings.push(format!(
            "the source is only {span}x{span} pixels: {noun} {} {verb} upscaled from it and will look soft (use an HD photo)",
            upscaled.join(", ")
        ));
    }
    Ok(RenderedSet {
        files,
        source: converted.source,
        warnings,
    })
}
