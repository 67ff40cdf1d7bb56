//! `adphoto_convert`: image bytes in, the target's JPEG(s) out.

use std::cell::RefCell;

use serde::Deserialize;
use serde_json::json;

use super::boundary::{guard, FfiError};
use super::input::{bytes, check_out, give, optional_json, MAX_IMAGE};
use super::status::adphoto_status;
use adphoto_core::photo::{Converter, Fit, Framing, FramingMode, Limits, PhotoError, PhotoSpec, Preset};

/// What the caller may change; everything else comes from the preset.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConvertOptions {
    preset: Option<Preset>,
    sizes: Vec<u32>,
    quality: Option<u8>,
    max_bytes: Option<u64>,
    fit: Fit,
    /// "face" (default) or "centre".
    framing: FramingMode,
    eye_line: Option<u8>,
    face_height: Option<u8>,
    max_pixels: Option<u64>,
}

thread_local! {
    // The decoder and encoder are set up once per calling thread, not once per photo.
    static CONVERTER: RefCell<Option<Converter>> = const { RefCell::new(None) };
}

/// Converts one image (JPEG, PNG, TIFF, WebP, BMP, GIF) into the photo(s) `options_json`
/// asks for (NULL/0: the `ad` preset, 96x96). `photos` receives every JPEG one after
/// another; `info_json` gives each one's offset and length, the source's format and size,
/// and warnings. Free both with `adphoto_free`. An unusable image is `ADPHOTO_FAILED`,
/// with the reason's kind in `adphoto_last_error`.
///
/// # Safety
/// `image` must be readable for `image_len` bytes, `options_json` for `options_len`
/// bytes (or NULL with 0), and the four out-parameters writable.
#[no_mangle]
pub unsafe extern "C" fn adphoto_convert(
    image: *const u8,
    image_len: usize,
    options_json: *const u8,
    options_len: usize,
    photos: *mut *mut u8,
    photos_len: *mut usize,
    info_json: *mut *mut u8,
    info_len: *mut usize,
) -> adphoto_status {
    guard(|| {
        check_out(photos, photos_len)?;
        check_out(info_json, info_len)?;
        // SAFETY: the caller's promises, forwarded.
        let data = unsafe { bytes(image, image_len, MAX_IMAGE, "the image") }?;
        // SAFETY: as above.
        let options: ConvertOptions =
            unsafe { optional_json(options_json, options_len, "the options") }?.unwrap_or_default();
        let (jpegs, info) = convert(data, &options)?;
        // SAFETY: checked non-NULL above; the caller promises they are writable.
        unsafe {
            give(jpegs, photos, photos_len);
            give(info.into_bytes(), info_json, info_len);
        }
        Ok(adphoto_status::ADPHOTO_OK)
    })
}

fn convert(data: &[u8], options: &ConvertOptions) -> Result<(Vec<u8>, String), FfiError> {
    let spec = PhotoSpec {
        preset: options.preset.unwrap_or(Preset::Ad),
        sizes: options.sizes.clone(),
        quality: options.quality,
        max_bytes: options.max_bytes,
    };
    let renditions = spec
        .renditions()
        .map_err(|e| FfiError::new(adphoto_status::ADPHOTO_INVALID_REQUEST, e.kind(), e.to_string()))?;
    let framing = Framing::with(options.framing, options.eye_line, options.face_height)
        .map_err(|e| FfiError::new(adphoto_status::ADPHOTO_INVALID_REQUEST, "invalid-options", e))?;
    let limits = Limits {
        max_pixels: options.max_pixels.unwrap_or(Limits::default().max_pixels),
        max_file_bytes: MAX_IMAGE as u64,
        ..Limits::default()
    };
    let converted = CONVERTER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Converter::new()?);
        }
        // A panic below leaves the slot empty (taken), so a half-used converter is never reused.
        let mut converter = slot
            .take()
            .ok_or_else(|| PhotoError::InvalidOptions("no converter".into()))?;
        let result = converter.convert_framed(data, &renditions, options.fit, &framing, &limits);
        *slot = Some(converter);
        result
    });
    let converted = converted.map_err(|e| FfiError::new(adphoto_status::ADPHOTO_FAILED, e.kind(), e.to_string()))?;
    let mut jpegs = Vec::with_capacity(converted.outputs.iter().map(|o| o.jpeg.len()).sum());
    let mut outputs = Vec::with_capacity(converted.outputs.len());
    for output in &converted.outputs {
        let mut described = serde_json::to_value(output).unwrap_or_default();
        if let Some(map) = described.as_object_mut() {
            map.insert("offset".into(), json!(jpegs.len()));
            map.insert("length".into(), json!(output.jpeg.len()));
        }
        outputs.push(described);
        jpegs.extend_from_slice(&output.jpeg);
    }
    let info = json!({
        "source": converted.source,
        "outputs": outputs,
        "warnings": converted.warnings,
        "framing": converted.framing,
        "verdict": converted.verdict,
        "colour_profile": converted.colour_profile,
    });
    Ok((jpegs, info.to_string()))
}
