//! A run into several targets keeps one folder with a part per target (its backups and
//! journal) and `parts.json` naming each part's target, so one `restore` undoes the
//! whole run and one `--resume` continues it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use adphoto_core::atomic_file::write_atomically;
use adphoto_core::backup::release_unused;
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::safe_names::{is_plain_component, UniqueNames};

pub const PARTS: &str = "parts.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// The target as the administrator named it (`ldaps://dc1`, `graph:contoso...`).
    pub address: String,
    /// The part's folder, a plain name inside the run folder.
    pub folder: String,
}

/// The parts of a run into `addresses`, in order: those an earlier run of the folder
/// named keep their folders, new ones get new, distinct names.
pub fn plan_parts(run_folder: &Path, addresses: &[String]) -> Vec<Part> {
    let earlier = read_parts(run_folder).unwrap_or_default();
    let mut names = UniqueNames::new();
    for p in &earlier {
        names.reserve(&p.folder);
    }
    addresses
        .iter()
        .map(|address| match earlier.iter().find(|p| p.address == *address) {
            Some(p) => p.clone(),
            None => Part {
                address: address.clone(),
                folder: names.claim(address, "target", "part"),
            },
        })
        .collect()
}

/// Records the parts (with any of an earlier run not in `parts`), atomically.
pub fn write_parts(run_folder: &Path, parts: &[Part]) -> Result<()> {
    let mut all = read_parts(run_folder).unwrap_or_default();
    for p in parts {
        if !all.iter().any(|a| a.address == p.address) {
            all.push(p.clone());
        }
    }
    let fail = |e: String| Error::new(ErrorKind::Backup, e);
    std::fs::create_dir_all(run_folder).map_err(|e| fail(format!("{}: {e}", run_folder.display())))?;
    let text = serde_json::to_vec_pretty(&all).map_err(|e| fail(e.to_string()))?;
    write_atomically(&run_folder.join(PARTS), &text).map_err(|e| fail(format!("cannot write {PARTS}: {e}")))
}

/// The parts a run folder names, each folder checked to be a plain name inside it
/// (the file is not trusted: anyone who can write the run folder could have edited it).
pub fn read_parts(run_folder: &Path) -> Option<Vec<Part>> {
    let text = std::fs::read(run_folder.join(PARTS)).ok()?;
    let parts: Vec<Part> = serde_json::from_slice(&text).ok()?;
    Some(parts.into_iter().filter(|p| is_plain_component(&p.folder)).collect())
}

/// Where a part's backups and journal are.
pub fn part_folder(run_folder: &Path, part: &Part) -> PathBuf {
    run_folder.join(&part.folder)
}

/// The run folder a run into several targets reports: `folder` when any target wrote
/// there (`wrote`), else none. A folder the run claimed itself (`claimed`) and did not use
/// is removed.
pub fn used_run_folder(folder: Option<PathBuf>, wrote: bool, claimed: bool) -> Option<PathBuf> {
    if let (false, true, Some(f)) = (wrote, claimed, &folder) {
        release_unused(f);
    }
    folder.filter(|_| wrote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_plain_distinct_names_that_survive_a_resume() {
        let dir = std::env::temp_dir().join(format!("adphoto-parts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let addresses = [
            "ldaps://dc1".to_string(),
            "graph:contoso".into(),
            "GRAPH:contoso".into(),
            "../..".into(),
        ];
        let parts = plan_parts(&dir, &addresses);
        for p in &parts {
            assert!(is_plain_component(&p.folder), "{p:?}");
            assert!(part_folder(&dir, p).starts_with(&dir));
        }
        let mut folders: Vec<String> = parts.iter().map(|p| p.folder.to_ascii_lowercase()).collect();
        folders.sort();
        folders.dedup();
        assert_eq!(folders.len(), 4, "{parts:?}");
        write_parts(&dir, &parts).unwrap();
        // Resumed in another order, with one target less: the same folders.
        let again = plan_parts(&dir, &["graph:contoso".to_string(), "ldaps://dc1".into()]);
        assert_eq!(again[0], parts[1]);
        assert_eq!(again[1], parts[0]);
        // An edited file naming a folder outside is not followed.
        std::fs::write(dir.join(PARTS), r#"[{"address":"x","folder":"../../etc"}]"#).unwrap();
        assert_eq!(read_parts(&dir), Some(Vec::new()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
