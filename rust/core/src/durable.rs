//! Making a batch of written files durable with as few flushes as possible: backups
//! must be on disk before the first photo they protect is replaced, but one flush per
//! file would cost more than the whole directory update.

use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct PendingFlush {
    files: Vec<PathBuf>,
}

impl PendingFlush {
    pub fn add(&mut self, path: &Path) {
        self.files.push(path.to_path_buf());
    }

    /// Flushes everything added since the last call to stable storage.
    pub fn flush(&mut self, folder: &Path) -> std::io::Result<()> {
        if self.files.is_empty() {
            return Ok(());
        }
        flush_all(folder, &self.files)?;
        self.files.clear();
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn flush_all(folder: &Path, _files: &[PathBuf]) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // One syncfs covers every file and directory entry on the file system.
    let dir = std::fs::File::open(folder)?;
    // Safety: a valid open descriptor.
    if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn flush_all(_folder: &Path, files: &[PathBuf]) -> std::io::Result<()> {
    for f in files {
        std::fs::OpenOptions::new().write(true).open(f)?.sync_all()?;
    }
    Ok(())
}
