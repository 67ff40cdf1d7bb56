//! Everything the command line prints for people goes through `say!` (stdout) and
//! `tell!` (stderr). File names, user names and the messages quoting them are data: a
//! name holding a newline and escape sequences must not forge a line ("Wrote 100
//! photo(s)") or recolour the terminal, so each line is shown with control characters
//! and bidirectional overrides escaped (`adphoto_core::text::for_terminal`). One call, one
//! line: a blank line is `say!()`. JSON output (`--json`) is printed as it is: JSON
//! escapes control characters itself.

macro_rules! say {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        println!("{}", adphoto_core::text::for_terminal(&format!($($arg)*)))
    };
}

macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", adphoto_core::text::for_terminal(&format!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    /// Every human line of the CLI goes through `say!`/`tell!`: a raw `println!` or
    /// `eprintln!` is allowed only for a JSON line.
    #[test]
    fn no_line_for_people_bypasses_the_escaping() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            // progress.rs draws its bar with its own escape codes, and only numbers.
            if path.file_name().is_some_and(|n| n == "human.rs" || n == "progress.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                let raw = line.contains("println!(") || line.contains("eprintln!(") || line.contains("print!(");
                let json = line.contains("println!(\"{line}\")");
                assert!(
                    !raw || json,
                    "{}:{}: use say!/tell! for text shown to people: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
}
