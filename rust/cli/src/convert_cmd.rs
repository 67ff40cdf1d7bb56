//! `adphoto convert`: photo files in, a folder of ready JPEGs out.

use adphoto_app::convert::{ConvertBatch, ItemReport};
use adphoto_core::inputs::find_photo_files;
use adphoto_core::parallel::default_workers;
use adphoto_core::photo::{PhotoSpec, Preset};

use crate::cli::{ConvertArgs, OutputArgs, PhotoArgs};
use crate::exit;
use crate::progress::Progress;
use crate::summary::write_report;

pub fn run(args: ConvertArgs, output: &OutputArgs) -> i32 {
    let specs = photo_specs(&args.photo, Preset::Ad);
    let overrides = args.photo.tuning.overrides();
    let framing = match overrides.framing() {
        Ok(f) => f,
        Err(e) => {
            tell!("error: {e}");
            return exit::USAGE;
        }
    };
    let batch = ConvertBatch {
        specs,
        fit: overrides.fit,
        framing,
        limits: overrides.limits(),
        out_dir: args.out_dir.clone(),
        workers: output.jobs.unwrap_or_else(default_workers),
    };
    let inputs = find_photo_files(&args.paths, Some(&args.out_dir));
    if inputs.is_empty() {
        tell!("error: no image files found in the paths given");
        return exit::SOME_FAILED;
    }
    let mut progress = Progress::new(inputs.len(), "photos", output.quiet);
    let json = output.json;
    let mut record = Vec::new();
    let result = batch.run(inputs, |item| {
        progress.clear();
        report_item(item, json);
        progress.advance(item.error.is_some());
        if output.report.is_some() {
            record.push(item.clone());
        }
    });
    progress.clear();
    if let Err(e) = write_report(output.report.as_deref(), &record) {
        tell!("error: {e}");
        return exit::SOME_FAILED;
    }
    match result {
        Err(e) => exit::usage(e),
        Ok(summary) => {
            if !output.quiet {
                tell!(
                    "Converted {} photo(s) into {} ({} KB){} in {:.1} s.",
                    summary.converted,
                    args.out_dir.display(),
                    summary.bytes_written.div_ceil(1024),
                    if summary.failed > 0 {
                        format!("; {} failed", summary.failed)
                    } else {
                        String::new()
                    },
                    progress.elapsed().as_secs_f64()
                );
            }
            if summary.failed > 0 {
                exit::SOME_FAILED
            } else {
                exit::OK
            }
        }
    }
}

/// The photo specs the options ask for, one per preset (`default` when none is named).
pub fn photo_specs(args: &PhotoArgs, default: Preset) -> Vec<PhotoSpec> {
    let presets = if args.presets.is_empty() {
        vec![default]
    } else {
        args.presets.clone()
    };
    let overrides = args.tuning.overrides();
    presets.into_iter().map(|preset| overrides.spec(preset)).collect()
}

fn report_item(item: &ItemReport, json: bool) {
    if json {
        match serde_json::to_string(item) {
            Ok(line) => println!("{line}"),
            Err(e) => tell!("error: cannot serialise the report for {}: {e}", item.input),
        }
        return;
    }
    for w in &item.warnings {
        tell!("warning: {}: {w}", item.input);
    }
    if let Some(e) = &item.error {
        tell!("error: {}: {} [{}]", item.input, e.message(), e.kind());
    }
}
