//! Text as administrators' files contain it: names with accents and stray spaces, CSVs
//! from Excel and PowerShell in whatever encoding and separator they came in, CSVs
//! written for Excel, and text shown on a terminal.

mod csv_cell;
mod csv_table;
mod csv_write;
mod decode;
mod key;
mod similarity;
mod terminal;
mod trim;

pub use csv_cell::{neutralise_formula, restore_formula};
pub use csv_table::{parse_csv, parse_csv_as, read_csv, read_csv_as, CsvError, CsvRow, CsvTable};
pub use csv_write::{write_csv, CsvStyle};
pub use decode::{decode_text, decode_text_as, encoding_named};
pub use key::{match_key, match_key_into};
pub use similarity::{edit_distance, trigrams, EditDistance};
pub use terminal::for_terminal;
pub use trim::trim_unescaped;
