//! One photo converted for several targets at once (`set --to AD --to graph: --to
//! google:`): decoded once with face framing, and every target's photo byte for byte
//! what that target alone gets. That equality is what lets a later run into one target
//! alone find its photos unchanged (the plan compares the bytes, the conversion cache
//! their checksums), whichever way the first run was shaped.

use std::path::PathBuf;

use adphoto_core::photo::{convert_sets, Converter, Fit, Framing, FramingMode, Limits, PhotoSpec, Preset, Rendition};
use adphoto_core::plan::SharedConversions;
use adphoto_testkit::{encode_jpeg, noise_image, scratch};
use image::{imageops, RgbImage};

fn faces_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/faces")
}

/// A 1200x1600 portrait: the astronaut's face somewhere on a noisy background.
fn portrait(w: u32, h: u32, side: u32, x: i64, y: i64) -> Vec<u8> {
    let a = image::open(faces_dir().join("astronaut.jpg")).unwrap().to_rgb8();
    let a = imageops::resize(&a, side, side, imageops::FilterType::Triangle);
    let mut canvas: RgbImage = noise_image(w, h, 7);
    imageops::overlay(&mut canvas, &a, x, y);
    encode_jpeg(&canvas, 90)
}

/// AD's, Google's and Microsoft 365's sets of renditions (96, 256, 648).
fn target_sets() -> Vec<Vec<Rendition>> {
    [Preset::Ad, Preset::Google, Preset::Hd]
        .into_iter()
        .map(|p| PhotoSpec::preset(p).renditions().unwrap())
        .collect()
}

fn alone(data: &[u8], set: &[Rendition], fit: Fit, framing: &Framing) -> Vec<Vec<u8>> {
    Converter::new()
        .unwrap()
        .convert_framed(data, set, fit, framing, &Limits::default())
        .unwrap()
        .outputs
        .into_iter()
        .map(|o| o.jpeg)
        .collect()
}

/// Converts `data` for the three sets at once and checks each against the set alone;
/// returns how many decodes the shared conversion made.
fn same_as_alone(data: &[u8], fit: Fit, framing: &Framing) -> usize {
    let sets = target_sets();
    let refs: Vec<&[Rendition]> = sets.iter().map(Vec::as_slice).collect();
    let mut converter = Converter::new().unwrap();
    let shared = convert_sets(&mut converter, data, &refs, fit, framing, &Limits::default());
    assert_eq!(shared.results.len(), 3);
    for (set, result) in sets.iter().zip(shared.results) {
        let together: Vec<Vec<u8>> = result.unwrap().outputs.into_iter().map(|o| o.jpeg).collect();
        assert!(
            together == alone(data, set, fit, framing),
            "the {} px photo differs from a conversion of that target alone",
            set[0].size
        );
    }
    shared.decodes
}

#[test]
fn with_face_framing_one_decode_serves_every_target_byte_for_byte() {
    // A face off centre (framed on it), one near the top edge, and no face at all
    // (the centre, decoded again finely for the 648 px photo).
    for data in [
        portrait(1200, 1600, 600, 450, 300),
        portrait(1200, 1600, 400, 700, 0),
        encode_jpeg(&noise_image(1200, 1600, 3), 90),
    ] {
        assert_eq!(same_as_alone(&data, Fit::Crop, &Framing::default()), 1);
    }
}

#[test]
fn a_finished_portrait_of_one_targets_size_is_kept_for_it_and_framed_for_the_others() {
    // 648x648: finished for Microsoft 365 (kept as it is), framed on the face for AD.
    let data = portrait(648, 648, 500, 74, 74);
    assert_eq!(same_as_alone(&data, Fit::Crop, &Framing::default()), 1);
}

#[test]
fn without_face_framing_each_size_keeps_its_own_decode_and_its_bytes() {
    let data = portrait(1200, 1600, 600, 300, 300);
    let centre = Framing::centre();
    assert_eq!(centre.mode, FramingMode::Centre);
    // The decode is scaled for each set's largest size: shared only between equal ones.
    assert_eq!(same_as_alone(&data, Fit::Crop, &centre), 3);
    assert_eq!(same_as_alone(&data, Fit::Pad, &Framing::default()), 3);
}

#[test]
fn shared_conversions_decode_each_file_once_whichever_target_asks_first() {
    let folder = scratch("shared-conversions");
    let files: Vec<PathBuf> = (0..4)
        .map(|i| {
            let path = folder.join(format!("p{i}.jpg"));
            std::fs::write(&path, portrait(900, 1200, 450, 100 * i, 200)).unwrap();
            path
        })
        .collect();
    let sets = target_sets();
    let shared = SharedConversions::new(sets.clone(), Fit::Crop, Framing::default(), Limits::default());
    // Three targets on their own threads, each asking in its own order.
    std::thread::scope(|scope| {
        for (target, set) in sets.iter().enumerate() {
            let (shared, files) = (&shared, &files);
            scope.spawn(move || {
                let mut converter = Converter::new().unwrap();
                let mut order: Vec<&PathBuf> = files.iter().collect();
                order.rotate_left(target);
                for path in order {
                    let got = shared.convert(&mut converter, path, target).unwrap();
                    let data = std::fs::read(path).unwrap();
                    let expected = alone(&data, set, Fit::Crop, &Framing::default());
                    let got: Vec<Vec<u8>> = got.outputs.into_iter().map(|o| o.jpeg).collect();
                    assert!(got == expected, "{}: target {target} differs", path.display());
                }
            });
        }
    });
    assert_eq!(shared.photos(), files.len());
    assert_eq!(
        shared.decodes(),
        files.len(),
        "one decode per photo for the three targets"
    );
    // A file that cannot be read fails for every target, without a decode.
    let missing = folder.join("missing.jpg");
    let mut converter = Converter::new().unwrap();
    assert!(shared.convert(&mut converter, &missing, 0).is_err());
    assert!(shared.convert(&mut converter, &missing, 1).is_err());
    assert_eq!(shared.decodes(), files.len());
    std::fs::remove_dir_all(&folder).unwrap();
}
