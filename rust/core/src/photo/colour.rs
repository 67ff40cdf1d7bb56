//! Colours as the photographer saw them: pixels described by an embedded ICC profile
//! (Display P3 from iPhones and Macs, Adobe RGB from cameras, a print shop's CMYK) are
//! converted to sRGB, the space every directory client assumes, before resizing.
//! Dropping the profile instead (what the engine did before) shows P3 and Adobe RGB
//! photos dull and shifted. moxcms does the conversion (pure Rust, already in the tree).

use moxcms::{ColorProfile, DataColorSpace, Layout, ProfileText, RenderingIntent, TransformOptions};

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader};

use super::raster::{cmyk_to_rgb, Rgb8};
use super::sniff::Format;

/// Profiles larger than this are not real photo profiles (CMYK press profiles are
/// about 0.5-3 MB); a file's claim beyond it is ignored rather than parsed.
const MAX_PROFILE_BYTES: usize = 8 << 20;

/// The ICC profile carried by a JPEG's APP2 `ICC_PROFILE` segments (before the first
/// scan), put together in sequence order. `None` when absent or inconsistent.
pub fn jpeg_icc_profile(data: &[u8]) -> Option<Vec<u8>> {
    let mut chunks: Vec<(u8, &[u8])> = Vec::new();
    let mut total = 0usize;
    let mut pos = 2;
    while pos + 4 <= data.len() && data[pos] == 0xFF {
        let marker = data[pos + 1];
        if marker == 0xFF {
            pos += 1;
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            pos += 2;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([data[pos + 2], data[pos + 3]]));
        if length < 2 || pos + 2 + length > data.len() {
            break;
        }
        let payload = &data[pos + 4..pos + 2 + length];
        if marker == 0xE2 && payload.len() > 14 && payload.starts_with(b"ICC_PROFILE\0") {
            chunks.push((payload[12], &payload[14..]));
            total += payload.len() - 14;
            if total > MAX_PROFILE_BYTES {
                return None;
            }
        }
        pos += 2 + length;
    }
    if chunks.is_empty() {
        return None;
    }
    chunks.sort_by_key(|(seq, _)| *seq);
    // Sequence numbers run 1..=n without gaps or repeats.
    if chunks
        .iter()
        .enumerate()
        .any(|(i, (seq, _))| usize::from(*seq) != i + 1)
    {
        return None;
    }
    Some(chunks.into_iter().flat_map(|(_, c)| c.iter().copied()).collect())
}

/// The ICC profile of a PNG, TIFF or WebP (the latter two read from their header by `image`).
pub fn embedded_profile(data: &[u8], format: Format) -> Option<Vec<u8>> {
    let image_format = match format {
        // Read by hand, within the limit: `image` inflates the whole chunk first.
        Format::Png => return super::png_chunks::icc_profile(data, MAX_PROFILE_BYTES),
        Format::Tiff => ImageFormat::Tiff,
        Format::WebP => ImageFormat::WebP,
        // GIF and BMP carry no profile; JPEG has its own reader.
        _ => return None,
    };
    let mut decoder = ImageReader::with_format(Cursor::new(data), image_format)
        .into_decoder()
        .ok()?;
    decoder
        .icc_profile()
        .ok()
        .flatten()
        .filter(|p| p.len() <= MAX_PROFILE_BYTES)
}

/// The profile describes CMYK (the JPEG decoder converts those itself).
pub fn is_cmyk_profile(icc: &[u8]) -> bool {
    ColorProfile::new_from_slice(icc).is_ok_and(|p| p.color_space == DataColorSpace::Cmyk)
}

/// The profile's own name, when it parses.
pub fn profile_description(icc: &[u8]) -> Option<String> {
    ColorProfile::new_from_slice(icc).ok().map(|p| profile_name(&p))
}

/// What happened to the colours, for the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Converted {
    /// No profile, an sRGB one, or one that describes no RGB space: nothing to do.
    AsIs,
    /// Converted from the profile named here.
    FromProfile(String),
    /// The profile could not be used; the pixels were taken as sRGB.
    Unusable(String),
}

fn profile_name(p: &ColorProfile) -> String {
    let text = match &p.description {
        Some(ProfileText::PlainString(s)) => s.clone(),
        Some(ProfileText::Localizable(list)) => list.first().map(|l| l.value.clone()).unwrap_or_default(),
        Some(ProfileText::Description(d)) => d.ascii_string.clone(),
        None => String::new(),
    };
    // The name comes from the file: keep it short and printable.
    let clean: String = text.chars().filter(|c| !c.is_control()).take(64).collect();
    if clean.trim().is_empty() {
        "embedded ICC profile".to_string()
    } else {
        clean.trim().to_string()
    }
}

/// Close enough to sRGB that converting would change nothing visible: the same
/// primaries (to 0.002) and a curve matching sRGB's at a few points.
fn is_srgb_like(p: &ColorProfile) -> bool {
    let s = ColorProfile::new_srgb();
    let close = |a: moxcms::Xyzd, b: moxcms::Xyzd| {
        (a.x - b.x).abs() < 0.002 && (a.y - b.y).abs() < 0.002 && (a.z - b.z).abs() < 0.002
    };
    p.color_space == DataColorSpace::Rgb
        && p.is_matrix_shaper()
        && close(p.red_colorant, s.red_colorant)
        && close(p.green_colorant, s.green_colorant)
        && close(p.blue_colorant, s.blue_colorant)
        && same_curve(p)
}

/// The profile maps grey 64, 128 and 192 to within one level of themselves in sRGB.
fn same_curve(p: &ColorProfile) -> bool {
    let Ok(t) = p.create_transform_8bit(Layout::Rgb, &ColorProfile::new_srgb(), Layout::Rgb, options()) else {
        return false;
    };
    let src = [64u8, 64, 64, 128, 128, 128, 192, 192, 192];
    let mut dst = [0u8; 9];
    t.transform(&src, &mut dst).is_ok() && src.iter().zip(dst).all(|(a, b)| a.abs_diff(b) <= 1)
}

fn options() -> TransformOptions {
    TransformOptions {
        // Perceptual keeps gradations when a press profile's gamut is squeezed; for
        // matrix profiles (P3, Adobe RGB) moxcms uses the colorimetric matrix anyway.
        rendering_intent: RenderingIntent::Perceptual,
        ..TransformOptions::default()
    }
}

/// Converts RGB pixels described by `icc` to sRGB in place.
pub fn rgb_to_srgb(pixels: &mut Rgb8, icc: &[u8]) -> Converted {
    let Ok(profile) = ColorProfile::new_from_slice(icc) else {
        return Converted::Unusable("the embedded colour profile is damaged; colours taken as sRGB".into());
    };
    if profile.color_space != DataColorSpace::Rgb || is_srgb_like(&profile) {
        return Converted::AsIs;
    }
    let name = profile_name(&profile);
    let transform = match profile.create_transform_8bit(Layout::Rgb, &ColorProfile::new_srgb(), Layout::Rgb, options())
    {
        Ok(t) => t,
        Err(e) => {
            return Converted::Unusable(format!(
                "the colour profile '{name}' cannot be used ({e}); colours taken as sRGB"
            ))
        }
    };
    let mut out = vec![0u8; pixels.data.len()];
    if let Err(e) = transform.transform(&pixels.data, &mut out) {
        return Converted::Unusable(format!(
            "colour conversion from '{name}' failed ({e}); colours taken as sRGB"
        ));
    }
    pixels.data = out;
    Converted::FromProfile(name)
}

/// CMYK samples as libjpeg returns them, to sRGB: through `icc` when it is a CMYK
/// profile, else by the naive formula (what the engine always did).
/// `inverted`: Adobe-marked files store 255 for "no ink".
pub fn cmyk_to_srgb(width: u32, height: u32, cmyk: &[u8], inverted: bool, icc: Option<&[u8]>) -> (Rgb8, Converted) {
    let naive = |why: Converted| (cmyk_to_rgb(width, height, cmyk, inverted), why);
    let Some(icc) = icc else {
        return naive(Converted::AsIs);
    };
    let Ok(profile) = ColorProfile::new_from_slice(icc) else {
        return naive(Converted::Unusable(
            "the embedded CMYK profile is damaged; converted without it".into(),
        ));
    };
    if profile.color_space != DataColorSpace::Cmyk {
        return naive(Converted::AsIs);
    }
    let name = profile_name(&profile);
    let transform = match profile.create_transform_8bit(Layout::Rgba, &ColorProfile::new_srgb(), Layout::Rgb, options())
    {
        Ok(t) => t,
        Err(e) => {
            return naive(Converted::Unusable(format!(
                "the CMYK profile '{name}' cannot be used ({e}); converted without it"
            )))
        }
    };
    // ICC CMYK is ink amounts: 0 none, 255 full.
    let ink: Vec<u8> = if inverted {
        cmyk.iter().map(|v| 255 - v).collect()
    } else {
        cmyk.to_vec()
    };
    let mut data = vec![0u8; width as usize * height as usize * 3];
    if let Err(e) = transform.transform(&ink, &mut data) {
        return naive(Converted::Unusable(format!(
            "conversion from '{name}' failed ({e}); converted without it"
        )));
    }
    (Rgb8 { width, height, data }, Converted::FromProfile(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, 0xE2];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn icc_chunks_are_joined_in_sequence_order_and_gaps_refused() {
        let chunk = |seq: u8, n: u8, body: &[u8]| {
            let mut p = b"ICC_PROFILE\0".to_vec();
            p.extend([seq, n]);
            p.extend_from_slice(body);
            segment(&p)
        };
        let mut data = vec![0xFF, 0xD8];
        data.extend(chunk(2, 2, b"world"));
        data.extend(chunk(1, 2, b"hello "));
        data.extend([0xFF, 0xDA, 0, 2]);
        assert_eq!(jpeg_icc_profile(&data).as_deref(), Some(&b"hello world"[..]));
        let mut gap = vec![0xFF, 0xD8];
        gap.extend(chunk(2, 2, b"x"));
        assert_eq!(jpeg_icc_profile(&gap), None);
        assert_eq!(jpeg_icc_profile(&[0xFF, 0xD8, 0xFF]), None);
    }

    #[test]
    fn srgb_and_garbage_profiles_leave_pixels_alone() {
        let mut px = Rgb8::filled(2, 2, [10, 200, 30]);
        let srgb = ColorProfile::new_srgb().encode().unwrap();
        assert_eq!(rgb_to_srgb(&mut px, &srgb), Converted::AsIs);
        assert!(matches!(rgb_to_srgb(&mut px, b"not a profile"), Converted::Unusable(_)));
        assert_eq!(px, Rgb8::filled(2, 2, [10, 200, 30]));
    }

    #[test]
    fn display_p3_red_becomes_the_srgb_red_it_is() {
        // P3's (200, 60, 40) is more saturated than sRGB can show; in sRGB its red
        // channel rises and green and blue fall (checked against the matrices).
        let p3 = ColorProfile::new_display_p3().encode().unwrap();
        let mut px = Rgb8::filled(1, 1, [200, 60, 40]);
        assert!(matches!(rgb_to_srgb(&mut px, &p3), Converted::FromProfile(_)));
        let [r, g, b] = px.pixel(0, 0);
        assert!(r > 210 && g < 60 && b < 40, "{r} {g} {b}");
    }
}
