//! The keys a photo file name offers for matching.

use std::path::Path;

use crate::text::match_key;

/// `John.Smith 648x648.jpg` offers `john.smith 648x648` and then `john.smith`: text
/// after the first space is what photographers append (sizes, copy numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileKey {
    pub full: String,
    pub short: Option<String>,
}

impl FileKey {
    pub fn of(path: &Path) -> FileKey {
        let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
        let full = match_key(&stem);
        let short = full.split_once(' ').map(|(first, _)| first.to_string());
        FileKey { full, short }
    }

    /// Keys to look up, most specific first.
    pub fn candidates(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.full.as_str()).chain(self.short.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_file_names() {
        let k = FileKey::of(Path::new("/p/John.Smith 648x648.jpg"));
        assert_eq!(k.candidates().collect::<Vec<_>>(), ["john.smith 648x648", "john.smith"]);
        let k = FileKey::of(Path::new("anne.wallace@school.org.JPG"));
        assert_eq!(k.candidates().collect::<Vec<_>>(), ["anne.wallace@school.org"]);
        // NFD from macOS.
        assert_eq!(FileKey::of(Path::new("Jose\u{301}.jpg")).full, "jose");
    }
}
