//! Recognises an image format from its first bytes, never from the file name:
//! administrators' folders contain PNGs called `.jpg` and worse.

use super::PhotoError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Gif,
    Bmp,
    Tiff,
    WebP,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Gif => "gif",
            Format::Bmp => "bmp",
            Format::Tiff => "tiff",
            Format::WebP => "webp",
        }
    }
}

/// Identifies a supported format, or explains precisely why the content is not one.
pub fn sniff(data: &[u8]) -> Result<Format, PhotoError> {
    if data.is_empty() {
        return Err(PhotoError::Empty);
    }
    let starts = |magic: &[u8]| data.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok(Format::Gif);
    }
    if starts(b"BM") && data.len() >= 26 {
        return Ok(Format::Bmp);
    }
    if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        return Ok(Format::Tiff);
    }
    if data.len() >= 12 && &data[0..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        return Ok(Format::WebP);
    }
    Err(unsupported(data))
}

fn unsupported(data: &[u8]) -> PhotoError {
    let convert_hint = "convert it to JPEG or PNG first";
    let named = |format: &str, hint: &str| PhotoError::UnsupportedFormat {
        format: format.to_string(),
        hint: hint.to_string(),
    };
    if data.len() >= 12 && &data[4..8] == b"ftyp" {
        let brand = &data[8..12];
        return match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => named(
                "HEIC/HEIF",
                "iPhones save HEIC by default; export the photo as JPEG (on the phone: Settings > \
                 Camera > Formats > Most Compatible; on Windows: open it in Photos and Save as JPEG)",
            ),
            b"avif" | b"avis" => named("AVIF", convert_hint),
            _ => named(
                &format!("ISO media ('{}')", String::from_utf8_lossy(brand)),
                "this looks like a video or container file, not a photo",
            ),
        };
    }
    if data.starts_with(&[0xFF, 0x0A]) || data.starts_with(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return named("JPEG XL", convert_hint);
    }
    if data.starts_with(b"\0\0\0\x0cjP  \r\n\x87\n") || data.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]) {
        return named("JPEG 2000", convert_hint);
    }
    if data.starts_with(b"8BPS") {
        return named("Photoshop (PSD)", "save a flattened JPEG or PNG from Photoshop");
    }
    if data.starts_with(b"%PDF") {
        return named("PDF", "export the page as a JPEG or PNG image");
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        return PhotoError::Corrupt {
            format: "jpeg".into(),
            detail: "the JPEG start marker is not followed by a valid segment".into(),
        };
    }
    let head = &data[..data.len().min(512)];
    let text = std::str::from_utf8(head)
        .map(|s| s.chars().all(|c| !c.is_control() || c.is_whitespace()))
        .unwrap_or(false);
    if text {
        let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
        if lower.contains("<svg") {
            return named("SVG", "render the drawing to a PNG first");
        }
        return PhotoError::NotAnImage {
            detail: "the file contains text, not image data".into(),
        };
    }
    let shown: Vec<String> = data.iter().take(8).map(|b| format!("{b:02x}")).collect();
    PhotoError::NotAnImage {
        detail: format!("unrecognised content (first bytes: {})", shown.join(" ")),
    }
}
