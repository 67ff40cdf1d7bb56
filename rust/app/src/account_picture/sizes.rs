//! The renditions Windows uses for an account picture, and how each is named on disk
//! and in the registry.

use adphoto_core::photo::{PhotoError, Rendition, ACCOUNT_PICTURE_SIZES};

/// The JPEG quality used unless the caller gives another. The pictures are local files
/// with no byte budget: quality is bounded by what the eye sees at sign-in, not bytes.
pub const DEFAULT_QUALITY: u8 = 90;

/// The registry value that names the file of one size (`Image32` ... `Image1080`).
pub fn value_name(size: u32) -> String {
    format!("Image{size}")
}

/// The file of one size inside the user's folder (`Image32.jpg` ...).
pub fn file_name(size: u32) -> String {
    format!("Image{size}.jpg")
}

/// Every size Windows asks for, at `quality`, without a byte budget.
pub fn renditions(quality: u8) -> Result<Vec<Rendition>, PhotoError> {
    if !(1..=100).contains(&quality) {
        return Err(PhotoError::InvalidOptions(format!(
            "quality {quality} is outside 1..100"
        )));
    }
    Ok(ACCOUNT_PICTURE_SIZES
        .iter()
        .map(|&size| Rendition {
            size,
            quality,
            max_bytes: None,
        })
        .collect())
}

/// Everything that decides the output bytes besides the source: a set made with a
/// different recipe is rebuilt even when the source did not change.
pub fn recipe(quality: u8) -> String {
    let sizes: Vec<String> = ACCOUNT_PICTURE_SIZES.iter().map(u32::to_string).collect();
    format!(
        "sizes={};quality={quality};fit=crop;engine={}",
        sizes.join(","),
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_windows_convention() {
        assert_eq!(value_name(1080), "Image1080");
        assert_eq!(file_name(32), "Image32.jpg");
        let r = renditions(90).unwrap();
        assert_eq!(r.len(), 12);
        assert!(r.iter().all(|r| r.max_bytes.is_none()));
        assert!(renditions(0).is_err());
        assert_ne!(recipe(90), recipe(80));
    }
}
