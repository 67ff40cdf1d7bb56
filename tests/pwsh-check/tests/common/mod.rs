//! Fixture repositories for the integration tests: `fixtures/good` is a small module that passes
//! every check; `fixtures/bad/<name>` holds only the files that differ from it, laid over a copy
//! of `good` in a temporary directory.

#![allow(dead_code)] // each test file uses a different part of this module

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary directory removed when dropped.
pub struct TempRepo {
    pub root: PathBuf,
}

impl Drop for TempRepo {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// An empty temporary directory.
pub fn empty_repo(label: &str) -> TempRepo {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!("pwsh-check-{}-{label}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).expect("create a temporary directory");
    TempRepo { root }
}

/// A copy of the good fixture with `fixtures/bad/<name>` laid over it.
pub fn bad_repo(name: &str) -> TempRepo {
    let overlay = fixtures().join("bad").join(name);
    assert!(overlay.is_dir(), "no fixture {}", overlay.display());
    let repo = empty_repo(name);
    copy_tree(&fixtures().join("good"), &repo.root);
    copy_tree(&overlay, &repo.root);
    repo
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a fixture directory");
    for entry in fs::read_dir(from).expect("read a fixture directory") {
        let entry = entry.expect("read a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("fixture file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// Every problem (errors and warnings) the checks find in `root`, as printed.
pub fn problems(root: &Path) -> Vec<String> {
    pwsh_check::check_repository(root, &[])
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The problems in the good fixture with `fixtures/bad/<name>` laid over it.
pub fn bad_problems(name: &str) -> Vec<String> {
    problems(&bad_repo(name).root)
}
