//! `adphoto convert` / `ConvertTo-ADPhoto -OutFile` over many files: photos in, a
//! folder of ready JPEGs out, one report per input.

mod layout;
mod report;
mod run;

pub use layout::output_paths;
pub use report::{ItemReport, OutputReport};
pub use run::{ConvertBatch, Summary};
