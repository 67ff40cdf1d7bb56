//! The registry values that point Windows at a user's pictures, behind a small interface:
//! the real registry on Windows, a file that stands in for it elsewhere (and with a root
//! folder), so tests can read back exactly the names and values a workstation would get.

use std::collections::BTreeMap;

use super::layout::Layout;
use super::registry_file::FileRegistry;

/// Value name → value (all REG_SZ) of one user's key.
pub type Values = BTreeMap<String, String>;

pub trait PictureRegistry {
    /// Where the values live, for messages.
    fn describe(&self) -> String;

    /// The `Image*` values of the user's key (empty when the key does not exist). Other
    /// values are left out: they are not ours to compare.
    fn read(&self, sid: &str) -> Result<Values, String>;

    /// Creates the key if needed and sets these values; other values are left alone.
    fn write(&mut self, sid: &str, values: &Values) -> Result<(), String>;
}

/// The registry a run writes to: the machine's on Windows without a root, else the
/// stand-in file under the root.
pub fn open_registry(layout: &Layout) -> Result<Box<dyn PictureRegistry>, String> {
    match layout {
        Layout::Rooted { root } => Ok(Box::new(FileRegistry::new(root, layout.clone()))),
        #[cfg(windows)]
        Layout::Windows { .. } => Ok(Box::new(super::registry_windows::WindowsRegistry)),
        #[cfg(not(windows))]
        Layout::Windows { .. } => Err("there is no Windows registry on this system: give a root folder".into()),
    }
}
