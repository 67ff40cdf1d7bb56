//! Running every tool over the corpus, several times, side by side.

use std::fs;
use std::path::{Path, PathBuf};

use crate::measure::{run_all, Usage};
use crate::quality::{score, Scores};
use crate::reference::reference;
use crate::ssim::Plane;
use crate::tools::{Programs, Tool, SIZES};
use crate::{parallel, BenchResult};

/// One tool's figures over all repetitions.
#[derive(Debug, Clone)]
pub struct ToolResult {
    pub tool: Tool,
    /// The repetition that used the least CPU (or the least wall time, for a run
    /// judged by wall time): the one least disturbed by everything else.
    pub best: Option<Usage>,
    /// The largest peak RSS seen in any repetition: memory is not noise.
    pub peak_rss_kib: u64,
    /// Why the tool failed, if it did; a failed tool stays in the report.
    pub failures: Vec<String>,
    pub scores: Scores,
}

impl ToolResult {
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || !self.scores.problems.is_empty() || self.best.is_none()
    }

    pub fn photos_per_cpu_second(&self, photos: usize) -> Option<f64> {
        let cpu = self.best.as_ref()?.cpu.as_secs_f64();
        (cpu > 0.0 && !self.failed()).then(|| photos as f64 / cpu)
    }

    pub fn photos_per_wall_second(&self, photos: usize) -> Option<f64> {
        let wall = self.best.as_ref()?.wall.as_secs_f64();
        (wall > 0.0 && !self.failed()).then(|| photos as f64 / wall)
    }
}

pub struct Settings {
    pub programs: Programs,
    pub corpus_dir: PathBuf,
    pub photos: Vec<PathBuf>,
    pub out_root: PathBuf,
    pub repetitions: usize,
    /// This program, which starts each tool's processes (see `measure`).
    pub launcher: PathBuf,
}

/// The one-core contenders and ADPhoto on two threads, in that order.
pub struct Results {
    pub one_core: Vec<ToolResult>,
    pub two_core: ToolResult,
    /// Photos of the face-framing run framed on a face, of all photos it reported.
    pub faces_found: Option<(usize, usize)>,
}

pub fn run(settings: &Settings) -> BenchResult<Results> {
    fs::create_dir_all(&settings.out_root).map_err(|e| format!("{}: {e}", settings.out_root.display()))?;
    let mut results: Vec<ToolResult> = Tool::ONE_CORE
        .iter()
        .chain(&[Tool::Adphoto { jobs: 2 }])
        .map(|&tool| ToolResult {
            tool,
            best: None,
            peak_rss_kib: 0,
            failures: vec![],
            scores: Scores::default(),
        })
        .collect();

    // Repetitions go round all the tools, so a burst of load from elsewhere hurts one
    // tool's one repetition rather than every repetition of one tool.
    for rep in 1..=settings.repetitions {
        for result in &mut results {
            if !result.failures.is_empty() {
                continue;
            }
            eprint!("run {rep}/{}: {:<24}", settings.repetitions, result.tool.name());
            let usage = run_once(settings, result.tool)?;
            eprintln!(
                " {:>7.2} CPU-s {:>7.2} wall-s {:>6.1} MB   (others used {} cores meanwhile)",
                usage.cpu.as_secs_f64(),
                usage.wall.as_secs_f64(),
                usage.peak_rss_mb(),
                usage.background_cores.map_or("?".into(), |c| format!("{c:.2}"))
            );
            record(result, usage);
        }
    }

    eprintln!("scoring: reference renditions of {} photos", settings.photos.len());
    let references: Vec<Vec<Plane>> = parallel::map(&settings.photos, |p| reference(p, &SIZES))
        .into_iter()
        .collect::<BenchResult<_>>()?;
    eprintln!("scoring: reading back every tool's outputs");
    let scores = parallel::map(&results, |r| {
        // The two-thread run makes the same photos as the one-thread run; check only
        // it made them all; subject-framed squares have no centred reference.
        let refs = (r.tool != Tool::Adphoto { jobs: 2 } && r.tool.is_centre_crop()).then_some(references.as_slice());
        score(r.tool, &settings.out_root.join(r.tool.slug()), &settings.photos, refs)
    });
    for (r, s) in results.iter_mut().zip(scores) {
        r.scores = s;
    }
    let two_core = results.pop().expect("the two-core run is last");
    let faces_found = faces_found(&Tool::report_file(&settings.out_root.join(Tool::AdphotoFace.slug())));
    Ok(Results {
        one_core: results,
        two_core,
        faces_found,
    })
}

/// (framed on a face, reported) from adphoto's per-photo JSON lines.
fn faces_found(report: &Path) -> Option<(usize, usize)> {
    let text = fs::read_to_string(report).ok()?;
    let items: Vec<serde_json::Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let framed = items.iter().filter(|i| i["framing"]["framed_on"] == "face").count();
    Some((framed, items.len()))
}

fn record(result: &mut ToolResult, usage: Usage) {
    result.peak_rss_kib = result.peak_rss_kib.max(usage.peak_rss_kib);
    if !usage.failures.is_empty() {
        result.failures = usage.failures.clone();
    }
    // Two threads are judged on wall time, everything else on CPU time.
    let key = |u: &Usage| {
        if result.tool == (Tool::Adphoto { jobs: 2 }) {
            u.wall
        } else {
            u.cpu
        }
    };
    let better = result.best.as_ref().is_none_or(|b| key(&usage) < key(b));
    if better {
        result.best = Some(usage);
    }
}

/// One run of one tool into a fresh folder, so no output of an earlier run can hide a
/// missing one.
fn run_once(settings: &Settings, tool: Tool) -> BenchResult<Usage> {
    let out = settings.out_root.join(tool.slug());
    remove_dir(&out)?;
    for folder in tool.folders(&out) {
        fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let commands = tool.commands(&settings.programs, &settings.corpus_dir, &settings.photos, &out);
    let log = settings.out_root.join(format!("{}.log", tool.slug()));
    run_all(commands, &log, &settings.launcher)
}

fn remove_dir(dir: &Path) -> BenchResult<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", dir.display())),
        _ => Ok(()),
    }
}
