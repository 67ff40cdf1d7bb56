//! Where each output of a conversion goes inside the output folder.

use std::path::PathBuf;

use adphoto_core::photo::{Preset, Rendition};
use adphoto_core::safe_names::file_component;

/// Output paths, relative to the output folder, for a photo whose file stem is `stem`:
/// `<stem>.jpg` for a single size, `<stem>/Image<N>.jpg` for a set of sizes (the
/// Windows account picture names), each under `<preset>/` when several presets run.
/// The stem is made a safe file name first: an input called `...jpg` (stem `..`),
/// `CON.png` or `a\b.jpg` never names a path outside the output folder or a device.
pub fn output_paths(specs: &[(Preset, Vec<Rendition>)], stem: &str) -> Vec<PathBuf> {
    let stem = file_component(stem, "photo");
    let stem = stem.as_str();
    let several_presets = specs.len() > 1;
    let mut paths = Vec::new();
    for (preset, renditions) in specs {
        let base = if several_presets {
            PathBuf::from(preset.name())
        } else {
            PathBuf::new()
        };
        for r in renditions {
            paths.push(if renditions.len() == 1 {
                base.join(format!("{stem}.jpg"))
            } else {
                base.join(stem).join(format!("Image{}.jpg", r.size))
            });
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use adphoto_core::photo::PhotoSpec;

    fn specs(presets: &[Preset]) -> Vec<(Preset, Vec<Rendition>)> {
        presets
            .iter()
            .map(|p| (*p, PhotoSpec::preset(*p).renditions().unwrap()))
            .collect()
    }

    #[test]
    fn one_size_is_a_file_a_set_is_a_folder_and_presets_get_subfolders() {
        assert_eq!(
            output_paths(&specs(&[Preset::Ad]), "jsmith"),
            [PathBuf::from("jsmith.jpg")]
        );
        let acct = output_paths(&specs(&[Preset::AccountPictures]), "jsmith");
        assert_eq!(acct.len(), 12);
        assert_eq!(acct[0], PathBuf::from("jsmith/Image32.jpg"));
        assert_eq!(acct[11], PathBuf::from("jsmith/Image1080.jpg"));
        assert_eq!(
            output_paths(&specs(&[Preset::Ad, Preset::Hd]), "a b"),
            [PathBuf::from("ad/a b.jpg"), PathBuf::from("hd/a b.jpg")]
        );
    }

    #[test]
    fn stems_that_are_paths_or_devices_stay_one_safe_name() {
        for stem in ["..", ".", "../x", "a/b", "a\\b", "CON", "nul", ""] {
            for path in output_paths(&specs(&[Preset::AccountPictures]), stem) {
                let parts: Vec<_> = path.components().collect();
                assert_eq!(parts.len(), 2, "{stem:?} -> {path:?}");
                assert!(
                    parts.iter().all(|p| matches!(p, std::path::Component::Normal(_))),
                    "{path:?}"
                );
            }
        }
        assert_eq!(output_paths(&specs(&[Preset::Ad]), ".."), [PathBuf::from("photo.jpg")]);
        assert_eq!(output_paths(&specs(&[Preset::Ad]), "CON"), [PathBuf::from("_CON.jpg")]);
    }
}
