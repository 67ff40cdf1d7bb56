//! The backup folder of a task run, opened only when the first photo must be saved (a
//! run that changes nothing leaves no empty folder behind).

use std::path::{Path, PathBuf};

use adphoto_core::backup::{BackupStore, Saving};
use adphoto_core::directory::UserEntry;
use adphoto_core::error::{Error, ErrorKind, Result};

pub struct LazyStore {
    folder: PathBuf,
    store: Option<BackupStore>,
}

impl LazyStore {
    pub fn new(folder: &Path) -> LazyStore {
        LazyStore {
            folder: folder.to_path_buf(),
            store: None,
        }
    }

    /// Saves what `user` has now (none: no photo), durably, before it is replaced.
    pub fn save(
        &mut self,
        user: &UserEntry,
        directory: &str,
        attribute: &str,
        values: &[Vec<u8>],
        before: &str,
    ) -> Result<()> {
        let failed = |e: String| Error::new(ErrorKind::BackupFailed, e);
        if self.store.is_none() {
            self.store = Some(BackupStore::open(&self.folder).map_err(failed)?);
        }
        let Some(store) = self.store.as_mut() else {
            return Err(failed("no backup folder".into()));
        };
        let key = user.key.clone().unwrap_or_else(|| user.address.clone());
        store
            .save(Saving {
                key: &key,
                user: &user.name,
                dn: user.dn.as_deref().or(Some(&user.address)),
                target: directory,
                attribute,
                values,
                before,
            })
            .and_then(|()| store.sync())
            .map_err(failed)
    }
}
