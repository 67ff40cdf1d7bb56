//! The module's public and private functions, and the manifest's `FunctionsToExport`, as several
//! checks need them.

use tree_sitter::Node;

use crate::functions::{top_level_functions, Function};
use crate::layout::Repo;
use crate::psd1::read_data_file;
use crate::source::Script;

/// A function and the file it is defined in.
pub struct Defined<'r> {
    pub script: &'r Script,
    pub function: Function<'r>,
}

/// Every top-level function in `module/Public/*.ps1`.
pub fn public(repo: &Repo) -> Vec<Defined<'_>> {
    defined(repo.public())
}

/// Every top-level function in `module/Private/*.ps1`.
pub fn private(repo: &Repo) -> Vec<Defined<'_>> {
    defined(repo.private())
}

fn defined(scripts: Vec<&Script>) -> Vec<Defined<'_>> {
    scripts
        .into_iter()
        .flat_map(|script| {
            top_level_functions(script)
                .into_iter()
                .map(move |function| Defined { script, function })
        })
        .collect()
}

/// `FunctionsToExport` as string literals with their nodes; `None` when the manifest is missing,
/// unreadable, lacks the key or holds something other than string literals (the manifest check
/// reports those).
pub fn functions_to_export(repo: &Repo) -> Option<(&Script, Vec<(String, Node<'_>)>)> {
    let manifest = repo.manifest()?;
    let data = read_data_file(manifest).ok()?;
    let entry = data.get("FunctionsToExport")?;
    entry.value.strings().ok().map(|names| (manifest, names))
}
