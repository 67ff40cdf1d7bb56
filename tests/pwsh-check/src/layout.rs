//! Where the module's files live in the repository, and loading them once for every check.
//! A file the checks need that is missing is reported here, once.

use std::fs;
use std::path::{Path, PathBuf};

use crate::problem::Problem;
use crate::source::Script;

pub const MODULE_DIR: &str = "module";
pub const MANIFEST: &str = "module/ADPhoto.psd1";
pub const ROOT_MODULE: &str = "module/ADPhoto.psm1";
pub const PUBLIC_DIR: &str = "module/Public";
pub const PRIVATE_DIR: &str = "module/Private";
pub const NATIVE_CS: &str = "module/ADPhoto.Native.cs";
pub const HEADER: &str = "rust/include/adphoto.h";
pub const BUILD_SCRIPT: &str = "build.ps1";
pub const PESTER_DIR: &str = "tests/pester";

/// A plain text file (the C# class, the C header).
pub struct TextFile {
    pub path: String,
    pub text: String,
}

/// Everything the checks look at, parsed once.
pub struct Repo {
    pub root: PathBuf,
    /// Every PowerShell file found: the module's, `build.ps1`, the Pester tests.
    pub scripts: Vec<Script>,
    pub native_cs: Option<TextFile>,
    pub header: Option<TextFile>,
}

impl Repo {
    /// Loads the repository at `root`; the problems are the files that should exist and don't.
    pub fn load(root: &Path) -> (Repo, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut paths = Vec::new();
        if root.join(MODULE_DIR).is_dir() {
            collect(root, MODULE_DIR, &["ps1", "psm1", "psd1"], &mut paths);
        } else {
            problems.push(Problem::file(
                MODULE_DIR,
                "missing: the module directory does not exist",
            ));
        }
        for (required, what) in [(MANIFEST, "the module manifest"), (ROOT_MODULE, "the root module")] {
            if root.join(MODULE_DIR).is_dir() && !root.join(required).is_file() {
                problems.push(Problem::file(required, format!("missing: {what} does not exist")));
            }
        }
        if root.join(MODULE_DIR).is_dir() && !paths.iter().any(|p| in_dir(p, PUBLIC_DIR)) {
            problems.push(Problem::file(
                PUBLIC_DIR,
                "missing: no public function files (module/Public/*.ps1)",
            ));
        }
        if root.join(BUILD_SCRIPT).is_file() {
            paths.push(BUILD_SCRIPT.to_string());
        } else {
            problems.push(Problem::file(BUILD_SCRIPT, "missing: the build script does not exist"));
        }
        if root.join(PESTER_DIR).is_dir() {
            collect(root, PESTER_DIR, &["ps1"], &mut paths);
        }
        paths.sort();
        paths.dedup();

        let mut scripts = Vec::new();
        for path in paths {
            match fs::read(root.join(&path)) {
                Ok(bytes) => scripts.push(Script::parse(&path, &String::from_utf8_lossy(&bytes))),
                Err(e) => problems.push(Problem::file(&path, format!("cannot read: {e}"))),
            }
        }
        let native_cs = read_text(
            root,
            NATIVE_CS,
            "the C# interop class; the interop check cannot run",
            &mut problems,
        );
        let header = read_text(
            root,
            HEADER,
            "the C header of the native library; the interop check cannot run",
            &mut problems,
        );
        (
            Repo {
                root: root.to_path_buf(),
                scripts,
                native_cs,
                header,
            },
            problems,
        )
    }

    pub fn script(&self, path: &str) -> Option<&Script> {
        self.scripts.iter().find(|s| s.path == path)
    }

    pub fn manifest(&self) -> Option<&Script> {
        self.script(MANIFEST)
    }

    /// `module/Public/*.ps1` (not recursive), sorted by path.
    pub fn public(&self) -> Vec<&Script> {
        self.scripts
            .iter()
            .filter(|s| is_ps1_directly_in(&s.path, PUBLIC_DIR))
            .collect()
    }

    /// `module/Private/*.ps1` (not recursive), sorted by path.
    pub fn private(&self) -> Vec<&Script> {
        self.scripts
            .iter()
            .filter(|s| is_ps1_directly_in(&s.path, PRIVATE_DIR))
            .collect()
    }
}

/// The file name of a repository-relative path without its extension.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

fn in_dir(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

fn is_ps1_directly_in(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|name| !name.contains('/') && has_extension(name, &["ps1"]))
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// Adds the files under `root/dir` (recursively) with one of `extensions`, as relative paths.
fn collect(root: &Path, dir: &str, extensions: &[&str], out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(root.join(dir)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{dir}/{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(root, &rel, extensions, out),
            Ok(_) if has_extension(&name, extensions) => out.push(rel),
            _ => {}
        }
    }
}

fn read_text(root: &Path, path: &str, what: &str, problems: &mut Vec<Problem>) -> Option<TextFile> {
    match fs::read(root.join(path)) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            Some(TextFile {
                path: path.to_string(),
                text,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(Problem::file(path, format!("missing: {what}")));
            None
        }
        Err(e) => {
            problems.push(Problem::file(path, format!("cannot read: {e}")));
            None
        }
    }
}
