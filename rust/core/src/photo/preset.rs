//! Named output profiles: what each target displays and accepts.

use serde::{Deserialize, Serialize};

use super::PhotoError;

/// The largest value Active Directory accepts in `thumbnailPhoto` (rangeUpper).
pub const AD_THUMBNAIL_LIMIT: u64 = 102_400;

/// The square uploaded to Google Workspace (it shows 96x96, from whatever it gets).
pub const GOOGLE_SIZE: u32 = 256;

/// The largest photo sent to Google. The Directory API documents no limit; uploads
/// well under this are accepted in practice, and a photo this large is a mistake.
pub const GOOGLE_PHOTO_LIMIT: u64 = 2 * 1024 * 1024;

/// Windows account picture sizes (Image32 … Image1080).
pub const ACCOUNT_PICTURE_SIZES: [u32; 12] = [32, 40, 48, 64, 96, 192, 200, 208, 240, 424, 448, 1080];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// Active Directory `thumbnailPhoto`: 96×96, shown by Outlook, Teams, Windows.
    Ad,
    /// Microsoft 365 / Entra ID: 648×648, the largest size Exchange shows.
    Hd,
    /// Windows account pictures: every size the sign-in screen and Start use.
    AccountPictures,
    /// Google Workspace: 256x256. Google downsizes every upload to 96x96 itself, so a
    /// sharper square than that gives its resampler more to work with.
    Google,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Ad, Preset::Hd, Preset::AccountPictures, Preset::Google];

    /// The profile of an LDAP photo attribute: `thumbnailPhoto` is AD's 96-pixel
    /// thumbnail, anything else (`jpegPhoto`) the 648-pixel photo.
    pub fn for_attribute(attribute: &str) -> Preset {
        if attribute.eq_ignore_ascii_case("thumbnailPhoto") {
            Preset::Ad
        } else {
            Preset::Hd
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Preset::Ad => "ad",
            Preset::Hd => "hd",
            Preset::AccountPictures => "account-pictures",
            Preset::Google => "google",
        }
    }

    pub fn sizes(self) -> Vec<u32> {
        match self {
            Preset::Ad => vec![96],
            Preset::Hd => vec![648],
            Preset::AccountPictures => ACCOUNT_PICTURE_SIZES.to_vec(),
            Preset::Google => vec![GOOGLE_SIZE],
        }
    }

    pub fn quality(self) -> u8 {
        90
    }

    /// The budget used when none is given. AD's is far below its hard limit because
    /// every byte is replicated to every domain controller; a 96-pixel photo needs
    /// about 5 KB.
    pub fn default_max_bytes(self) -> Option<u64> {
        match self {
            Preset::Ad => Some(20 * 1024),
            Preset::Hd => Some(4 * 1024 * 1024),
            Preset::AccountPictures => None,
            // A 256-pixel portrait needs 20-40 KB; the budget only catches noise-heavy
            // sources that would otherwise upload far more than Google keeps.
            Preset::Google => Some(100 * 1024),
        }
    }

    /// A limit the target enforces; no option may exceed it.
    pub fn hard_max_bytes(self) -> Option<u64> {
        match self {
            Preset::Ad => Some(AD_THUMBNAIL_LIMIT),
            Preset::Hd => Some(4 * 1024 * 1024),
            Preset::AccountPictures => None,
            Preset::Google => Some(GOOGLE_PHOTO_LIMIT),
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown preset '{s}' (expected ad, hd, account-pictures or google)"))
    }
}

/// One output square and how to encode it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendition {
    pub size: u32,
    pub quality: u8,
    pub max_bytes: Option<u64>,
}

/// A preset with the caller's overrides: what `--preset`, `--size`, `--quality` and
/// `--max-bytes` mean together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhotoSpec {
    pub preset: Preset,
    pub sizes: Vec<u32>,
    pub quality: Option<u8>,
    pub max_bytes: Option<u64>,
}

impl Default for PhotoSpec {
    fn default() -> Self {
        PhotoSpec::preset(Preset::Ad)
    }
}

pub const MIN_SIZE: u32 = 16;
pub const MAX_SIZE: u32 = 4096;

impl PhotoSpec {
    pub fn preset(preset: Preset) -> PhotoSpec {
        PhotoSpec {
            preset,
            sizes: Vec::new(),
            quality: None,
            max_bytes: None,
        }
    }

    /// Checks the overrides against the preset and the target's limits.
    pub fn renditions(&self) -> Result<Vec<Rendition>, PhotoError> {
        let invalid = |m: String| Err(PhotoError::InvalidOptions(m));
        let sizes = if self.sizes.is_empty() {
            self.preset.sizes()
        } else {
            self.sizes.clone()
        };
        if let Some(bad) = sizes.iter().find(|s| !(MIN_SIZE..=MAX_SIZE).contains(*s)) {
            return invalid(format!("size {bad} is outside {MIN_SIZE}..{MAX_SIZE}"));
        }
        let quality = self.quality.unwrap_or(self.preset.quality());
        if !(1..=100).contains(&quality) {
            return invalid(format!("quality {quality} is outside 1..100"));
        }
        let max_bytes = self.max_bytes.or(self.preset.default_max_bytes());
        if let (Some(max), Some(hard)) = (max_bytes, self.preset.hard_max_bytes()) {
            if max > hard {
                return invalid(format!(
                    "--max-bytes {max} exceeds the {} limit of {hard} bytes",
                    self.preset.name()
                ));
            }
        }
        if max_bytes.is_some_and(|m| m < 1024) {
            return invalid("--max-bytes below 1024 cannot hold a photo".into());
        }
        let mut sizes = sizes;
        sizes.sort_unstable();
        sizes.dedup();
        Ok(sizes
            .into_iter()
            .map(|size| Rendition {
                size,
                quality,
                max_bytes,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ad_can_never_exceed_the_thumbnail_limit() {
        let mut spec = PhotoSpec::preset(Preset::Ad);
        spec.max_bytes = Some(AD_THUMBNAIL_LIMIT + 1);
        assert!(matches!(spec.renditions(), Err(PhotoError::InvalidOptions(_))));
        spec.max_bytes = Some(AD_THUMBNAIL_LIMIT);
        assert_eq!(spec.renditions().unwrap()[0].max_bytes, Some(AD_THUMBNAIL_LIMIT));
        spec.max_bytes = None;
        assert!(spec.renditions().unwrap()[0].max_bytes.unwrap() <= AD_THUMBNAIL_LIMIT);
    }

    #[test]
    fn overrides_replace_preset_values() {
        let mut spec = PhotoSpec::preset(Preset::AccountPictures);
        assert_eq!(spec.renditions().unwrap().len(), 12);
        spec.sizes = vec![200, 100, 200];
        spec.quality = Some(70);
        let r = spec.renditions().unwrap();
        assert_eq!(r.iter().map(|r| r.size).collect::<Vec<_>>(), vec![100, 200]);
        assert!(r.iter().all(|r| r.quality == 70));
        spec.sizes = vec![8];
        assert!(spec.renditions().is_err());
    }

    #[test]
    fn google_gets_a_sharper_square_than_it_shows() {
        let r = PhotoSpec::preset(Preset::Google).renditions().unwrap();
        assert_eq!(r.iter().map(|r| r.size).collect::<Vec<_>>(), vec![GOOGLE_SIZE]);
        const { assert!(GOOGLE_SIZE > 96) };
        assert!(r[0].max_bytes.unwrap() <= GOOGLE_PHOTO_LIMIT);
        let mut spec = PhotoSpec::preset(Preset::Google);
        spec.max_bytes = Some(GOOGLE_PHOTO_LIMIT + 1);
        assert!(spec.renditions().is_err());
        assert_eq!("google".parse::<Preset>(), Ok(Preset::Google));
    }

    #[test]
    fn presets_parse_by_name() {
        assert_eq!("HD".parse::<Preset>(), Ok(Preset::Hd));
        assert_eq!("account-pictures".parse::<Preset>(), Ok(Preset::AccountPictures));
        assert!("thumb".parse::<Preset>().is_err());
    }
}
