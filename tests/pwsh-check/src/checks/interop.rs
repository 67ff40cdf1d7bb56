//! Check 7: the C# class imports exactly the functions the C header declares. Every
//! `EntryPoint = "…"` (or extern method name without one) in `module/ADPhoto.Native.cs` must be
//! declared in `rust/include/adphoto.h`, and every function the header declares must be imported.
//! A missing file is reported by the layout ("missing: …"), and this check then does nothing.

use crate::c_header::declarations;
use crate::csharp::scan;
use crate::layout::Repo;
use crate::problem::Problem;
use crate::source::position_in;

/// Every function of the library starts with this; other imports are the OS loader.
const LIBRARY_PREFIX: &str = "adphoto_";

pub fn check(repo: &Repo) -> Vec<Problem> {
    let (Some(cs), Some(header)) = (&repo.native_cs, &repo.header) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let at = |file: &crate::layout::TextFile, offset: usize, message: String| {
        let (line, col) = position_in(&file.text, offset);
        Problem::error(&file.path, line, col, message)
    };
    let imports = scan(&cs.text);
    let declared = declarations(&header.text);

    for (offset, written) in &imports.unreadable {
        problems.push(at(
            cs,
            *offset,
            format!("EntryPoint = {written} is not a string literal; write the C name out"),
        ));
    }
    if imports.imports.is_empty() && imports.unreadable.is_empty() {
        problems.push(Problem::file(
            &cs.path,
            "imports no native function (no [DllImport] extern method)",
        ));
    }
    if declared.is_empty() {
        problems.push(Problem::file(&header.path, "declares no function"));
    }
    for import in &imports.imports {
        // The class also imports the operating system's loader (LoadLibraryW, dlopen...) to
        // load the library by absolute path; only the library's own names must match.
        if !import.symbol.starts_with(LIBRARY_PREFIX) {
            continue;
        }
        if !declared.iter().any(|d| d.name == import.symbol) {
            problems.push(at(
                cs,
                import.offset,
                format!("imports '{}', which {} does not declare", import.symbol, header.path),
            ));
        }
    }
    for d in &declared {
        if !imports.imports.iter().any(|i| i.symbol == d.name) {
            problems.push(at(
                header,
                d.offset,
                format!("'{}' is declared but {} does not import it", d.name, cs.path),
            ));
        }
    }
    problems
}
