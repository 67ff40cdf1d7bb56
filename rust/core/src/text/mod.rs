//! Text as administrators' files contain it: names with accents and stray spaces, CSVs
//! from Excel and PowerShell in whatever encoding and separator they came in.

mod csv_table;
mod decode;
mod key;
mod similarity;

pub use csv_table::{parse_csv, read_csv, CsvError, CsvRow, CsvTable};
pub use decode::decode_text;
pub use key::{match_key, match_key_into};
pub use similarity::{edit_distance, trigrams, EditDistance};
