//! The registry stand-in: one JSON file under the root, `{key: {value name: value}}`,
//! holding what the Windows registry would hold (full key names under
//! HKEY_LOCAL_MACHINE, REG_SZ values). Written atomically, in a stable order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::layout::Layout;
use super::registry::{PictureRegistry, Values};
use adphoto_core::atomic_file::write_atomically;

/// The stand-in's file name, directly under the root.
pub const STAND_IN_FILE: &str = "registry.json";

pub struct FileRegistry {
    path: PathBuf,
    layout: Layout,
}

type Keys = BTreeMap<String, BTreeMap<String, String>>;

impl FileRegistry {
    pub fn new(root: &Path, layout: Layout) -> FileRegistry {
        FileRegistry {
            path: root.join(STAND_IN_FILE),
            layout,
        }
    }

    fn load(&self) -> Result<Keys, String> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", self.path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Keys::new()),
            Err(e) => Err(format!("{}: {e}", self.path.display())),
        }
    }
}

impl PictureRegistry for FileRegistry {
    fn describe(&self) -> String {
        format!("the registry stand-in {}", self.path.display())
    }

    fn read(&self, sid: &str) -> Result<Values, String> {
        let mut keys = self.load()?;
        let values = keys.remove(&self.layout.registry_key(sid)).unwrap_or_default();
        Ok(values
            .into_iter()
            .filter(|(name, _)| name.starts_with("Image"))
            .collect())
    }

    fn write(&mut self, sid: &str, values: &Values) -> Result<(), String> {
        let mut keys = self.load()?;
        let key = keys.entry(self.layout.registry_key(sid)).or_default();
        key.extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
        let text = serde_json::to_string_pretty(&keys).map_err(|e| e.to_string())?;
        write_atomically(&self.path, format!("{text}\n").as_bytes())
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }
}
