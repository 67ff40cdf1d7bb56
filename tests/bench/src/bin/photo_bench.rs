//! photo-bench: ADPhoto against vipsthumbnail, ImageMagick and Pillow on a generated
//! corpus of 24-megapixel portraits. See tests/bench/README.md.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use adphoto_bench::corpus;
use adphoto_bench::measure::{launcher_main, LAUNCHER_ARG};
use adphoto_bench::options::{self, bench_dir, USAGE};
use adphoto_bench::report;
use adphoto_bench::run::{self, Settings};
use adphoto_bench::tools::Programs;
use adphoto_bench::BenchResult;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == LAUNCHER_ARG) {
        return launcher_main(args[1..].to_vec());
    }
    match bench() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("photo-bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// PASS and MISS are findings, not errors: the exit code says only whether the
/// measurement itself worked, which it did not if ADPhoto produced nothing to measure.
fn bench() -> BenchResult<ExitCode> {
    let Some(opts) = options::parse(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let corpus = corpus::prepare(&opts.corpus, opts.photos, opts.kind)?;
    println!("{}", report::corpus_line(&corpus));

    let settings = Settings {
        programs: Programs {
            adphoto: opts.adphoto.clone(),
            vipsthumbnail: PathBuf::from("vipsthumbnail"),
            magick: PathBuf::from("convert-im6.q16"),
            python: PathBuf::from("python3"),
            pillow_script: bench_dir().join("pillow_thumbs.py"),
        },
        corpus_dir: opts.corpus.clone(),
        photos: corpus.photos.clone(),
        out_root: opts.out.clone(),
        repetitions: opts.repetitions,
        launcher: std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?,
    };
    let results = run::run(&settings)?;
    let summary = report::summarise(&results, corpus.len());
    println!();
    print!("{}", report::table(&results, &summary));
    println!();
    print!("{}", report::verdict(&summary));

    if let Some(path) = &opts.json {
        let text =
            serde_json::to_string_pretty(&report::json(&corpus, &results, &summary)).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let adphoto_failed = summary.adphoto.failed() || results.two_core.failed();
    Ok(if adphoto_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
