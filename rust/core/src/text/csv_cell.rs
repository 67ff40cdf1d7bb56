//! Spreadsheet formulas in CSV cells. Excel runs a cell that starts with `=`, `+`, `-`
//! or `@` (and, after a tab or carriage return, whatever follows) as a formula, and a
//! formula can start programs. Every CSV ADPhoto writes neutralises such cells the way
//! OWASP recommends — a leading apostrophe, which Excel shows as text and drops — and
//! every CSV it reads drops that apostrophe again, so `photos.csv` written by `export`
//! reads back through `--map` with its identities and paths exactly as they were.

use std::borrow::Cow;

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as it is safe to write.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before `neutralise` (or as Excel meant it: an apostrophe before a
/// formula character marks text).
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_come_back() {
        for cell in [
            "=1+1", "+1", "-jsmith", "@SUM(A1)", "\tx", "\rx", "plain", "'quoted", "", "a=b",
        ] {
            let written = neutralise_formula(cell);
            assert!(!written.starts_with(FORMULA_STARTS), "{cell:?}");
            assert_eq!(restore_formula(&written), cell);
        }
        assert_eq!(neutralise_formula("plain"), "plain");
        assert_eq!(restore_formula("'-x"), "-x");
        assert_eq!(restore_formula("'text"), "'text");
    }
}
