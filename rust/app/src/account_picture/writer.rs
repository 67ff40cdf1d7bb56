//! Replacing a user's picture set so that Windows always finds a usable picture.
//!
//! The order of the steps is the design:
//! 1. every new file is written under a temporary name and flushed to disk;
//! 2. if the current set is complete (its manifest matches its files) it is copied to
//!    `previous/` (staged in a temporary folder, then renamed into place), so a rollback
//!    always has a whole set to go back to;
//! 3. the manifest is removed: from here until step 5 the folder is "in transition";
//! 4. each temporary file is renamed over its final name — every `Image{N}.jpg` is at
//!    all times a complete JPEG, old or new, so a crash between two renames leaves a
//!    usable (mixed) set, with the whole old set in `previous/`;
//! 5. the new manifest is written (atomically), which marks the set complete.
//!
//! A run that finds no manifest knows the last run stopped half-way: it rewrites the
//! whole set and leaves `previous/` as it is (it already holds the last complete set).

use std::path::{Path, PathBuf};

use super::manifest::{Manifest, MANIFEST_FILE};
use adphoto_core::atomic_file::write_atomically;

/// The folder inside a user's folder that keeps the set before the last change.
pub const PREVIOUS_FOLDER: &str = "previous";
const STAGING_FOLDER: &str = "previous.adphoto-tmp";

/// A complete set ready to be written: file name → bytes, and its manifest.
pub struct NewSet {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest: Manifest,
}

impl NewSet {
    /// The complete set in `folder` (its files as its manifest names them).
    pub fn read_complete(folder: &Path) -> Option<NewSet> {
        let manifest = Manifest::complete_set(folder)?;
        let mut files = Vec::with_capacity(manifest.files.len());
        for name in manifest.files.keys() {
            files.push((name.clone(), std::fs::read(folder.join(name)).ok()?));
        }
        Some(NewSet { files, manifest })
    }
}

pub struct SetWriter {
    folder: PathBuf,
    steps: usize,
    #[cfg(feature = "fault-injection")]
    crash_after: Option<usize>,
}

impl SetWriter {
    pub fn new(folder: &Path) -> SetWriter {
        SetWriter {
            folder: folder.to_path_buf(),
            steps: 0,
            #[cfg(feature = "fault-injection")]
            crash_after: None,
        }
    }

    /// Test hook: stop dead (no clean-up, as a power cut would) after `steps` of the
    /// steps that change what a reader of the folder sees.
    #[cfg(feature = "fault-injection")]
    pub fn crash_after(mut self, steps: usize) -> SetWriter {
        self.crash_after = Some(steps);
        self
    }

    /// How many visible steps the last `replace` took (tests walk every crash point).
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// One step that a reader of the folder can see has been taken.
    fn step(&mut self) -> std::io::Result<()> {
        self.steps += 1;
        #[cfg(feature = "fault-injection")]
        if self.crash_after.is_some_and(|n| self.steps >= n) {
            return Err(std::io::Error::other("simulated crash (fault injection)"));
        }
        Ok(())
    }

    /// Replaces the set in the folder with `set`, keeping the current complete set (if
    /// any) in `previous/`.
    pub fn replace(&mut self, set: &NewSet) -> std::io::Result<()> {
        self.steps = 0;
        std::fs::create_dir_all(&self.folder)?;
        let mut temporaries = Vec::with_capacity(set.files.len());
        for (name, bytes) in &set.files {
            let tmp = self.folder.join(format!(".{name}.adphoto-tmp"));
            write_synced(&tmp, bytes)?;
            temporaries.push((tmp, self.folder.join(name)));
        }
        if let Some(current) = Manifest::complete_set(&self.folder) {
            self.keep_as_previous(&current)?;
        }
        if let Err(e) = std::fs::remove_file(self.folder.join(MANIFEST_FILE)) {
            if e.kind() != std::io::ErrorKind::NotFound {
                return Err(e);
            }
        }
        self.step()?;
        for (tmp, path) in &temporaries {
            rename(tmp, path)?;
            self.step()?;
        }
        sync_folder(&self.folder);
        write_atomically(&self.folder.join(MANIFEST_FILE), &set.manifest.to_bytes())?;
        self.step()
    }

    /// Copies the current complete set into `previous/`, replacing the one there.
    fn keep_as_previous(&mut self, current: &Manifest) -> std::io::Result<()> {
        let staging = self.folder.join(STAGING_FOLDER);
        let previous = self.folder.join(PREVIOUS_FOLDER);
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        for name in current.files.keys() {
            let bytes = std::fs::read(self.folder.join(name))?;
            write_synced(&staging.join(name), &bytes)?;
        }
        write_synced(&staging.join(MANIFEST_FILE), &current.to_bytes())?;
        sync_folder(&staging);
        // The current set is complete and untouched while `previous/` is briefly absent.
        if previous.exists() {
            std::fs::remove_dir_all(&previous)?;
        }
        self.step()?;
        rename(&staging, &previous)?;
        sync_folder(&self.folder);
        self.step()
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Renames, retrying briefly on Windows, where a picture that LogonUI or Explorer has
/// open without delete sharing refuses to be replaced for a moment.
fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut tries = if cfg!(windows) { 5 } else { 1 };
    loop {
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if tries > 1 && e.kind() == std::io::ErrorKind::PermissionDenied => {
                tries -= 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Makes the renames in a folder durable where the system allows opening a folder
/// (Linux, macOS); on Windows NTFS journals renames itself.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}
