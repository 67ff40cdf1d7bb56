//! Where each output of a conversion goes inside the output folder.

use std::path::PathBuf;

use adphoto_core::photo::{Preset, Rendition};

/// Output paths, relative to the output folder, for a photo whose file stem is `stem`:
/// `<stem>.jpg` for a single size, `<stem>/Image<N>.jpg` for a set of sizes (the
/// Windows account picture names), each under `<preset>/` when several presets run.
pub fn output_paths(specs: &[(Preset, Vec<Rendition>)], stem: &str) -> Vec<PathBuf> {
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
}
