//! Where a user's pictures go, and what the registry must say to point Windows at them.
//!
//! On Windows the files live in `%ProgramData%\AccountPictures\{SID}` and the registry
//! values hold those paths. With a root folder (tests, and every non-Windows system) the
//! root stands for the system drive: files go to `<root>/ProgramData/AccountPictures/{SID}`
//! and the values hold the paths Windows would get (`C:\ProgramData\...`), so a test can
//! check exactly what a workstation would be told.

use std::path::{Path, PathBuf};

use super::sizes::file_name;

/// The registry key (under HKEY_LOCAL_MACHINE) Windows reads a user's pictures from.
pub const USERS_KEY: &str = r"SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users";

/// The folder, under ProgramData, that holds one folder per SID.
const PICTURES_FOLDER: &str = "AccountPictures";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// The real machine: `program_data` is `%ProgramData%` (normally `C:\ProgramData`).
    Windows { program_data: PathBuf },
    /// A folder standing for the system drive `C:\`.
    Rooted { root: PathBuf },
}

impl Layout {
    /// The layout for this run: under `root` when one is given, else the machine's own
    /// (Windows only: elsewhere there is no registry to point at the files).
    pub fn for_run(root: Option<&Path>) -> Result<Layout, String> {
        if let Some(root) = root {
            return Ok(Layout::Rooted {
                root: root.to_path_buf(),
            });
        }
        if cfg!(windows) {
            let program_data = std::env::var_os("ProgramData")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
            Ok(Layout::Windows { program_data })
        } else {
            Err(
                "account pictures are a Windows feature: on this system give a root folder \
                 (--root / -Root) to write the files and a registry stand-in under it"
                    .into(),
            )
        }
    }

    /// The folder the user's pictures are written to, on this machine.
    pub fn user_folder(&self, sid: &str) -> PathBuf {
        match self {
            Layout::Windows { program_data } => program_data.join(PICTURES_FOLDER).join(sid),
            Layout::Rooted { root } => root.join("ProgramData").join(PICTURES_FOLDER).join(sid),
        }
    }

    /// The path the registry value of `size` holds: where Windows will look.
    pub fn value_path(&self, sid: &str, size: u32) -> String {
        match self {
            Layout::Windows { .. } => self.user_folder(sid).join(file_name(size)).display().to_string(),
            Layout::Rooted { .. } => format!(r"C:\ProgramData\{PICTURES_FOLDER}\{sid}\{}", file_name(size)),
        }
    }

    /// The full name of the user's registry key, for messages and the stand-in file.
    pub fn registry_key(&self, sid: &str) -> String {
        format!(r"HKEY_LOCAL_MACHINE\{USERS_KEY}\{sid}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_stands_for_the_system_drive() {
        let l = Layout::for_run(Some(Path::new("/tmp/r"))).unwrap();
        let sid = "S-1-5-21-1-2-3-1001";
        assert_eq!(
            l.user_folder(sid),
            Path::new("/tmp/r/ProgramData/AccountPictures/S-1-5-21-1-2-3-1001")
        );
        assert_eq!(
            l.value_path(sid, 448),
            r"C:\ProgramData\AccountPictures\S-1-5-21-1-2-3-1001\Image448.jpg"
        );
        assert_eq!(
            l.registry_key(sid),
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users\S-1-5-21-1-2-3-1001"
        );
    }
}
