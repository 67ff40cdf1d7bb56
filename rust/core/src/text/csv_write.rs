//! Every CSV ADPhoto writes (the report, export's `photos.csv`): quoted where needed —
//! separators, quotes, line breaks and bare carriage returns — and with no cell that a
//! spreadsheet would run as a formula.

use super::csv_cell::neutralise_formula;

/// How the file is laid out for the program that reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    /// UTF-8 with a BOM and CRLF line ends: what Excel opens correctly by double-click.
    Excel,
    /// UTF-8, LF line ends: read back by ADPhoto and by scripts.
    Plain,
}

/// The rows (the first being the header) as CSV bytes.
pub fn write_csv<R, C>(rows: R, style: CsvStyle) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    let terminator = match style {
        CsvStyle::Excel => csv::Terminator::CRLF,
        CsvStyle::Plain => csv::Terminator::Any(b'\n'),
    };
    let mut out = Vec::new();
    if style == CsvStyle::Excel {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| neutralise_formula(c.as_ref()).into_owned())
            .collect();
        // Writing to memory cannot fail.
        let _ = writer.write_record(&cells);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        let bytes = write_csv(
            [
                vec!["User", "Path"],
                vec!["=cmd|' /C calc'!A0", "a,b.jpg"],
                vec!["cr\rinside", "\"q\""],
            ],
            CsvStyle::Plain,
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "User,Path\n'=cmd|' /C calc'!A0,\"a,b.jpg\"\n\"cr\rinside\",\"\"\"q\"\"\"\n"
        );
        let excel = write_csv([vec!["a"]], CsvStyle::Excel);
        assert_eq!(excel, "\u{feff}a\r\n".as_bytes());
    }
}
