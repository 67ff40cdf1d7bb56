//! `adphoto sync --from ADDRESS --to ADDRESS [--to ADDRESS...]`: one service's photos
//! copied into others, each converted for its target.

use std::path::PathBuf;

use clap::Args;

use adphoto_app::sync::{run_sync, SyncRequest, SyncTarget};
use adphoto_app::{open, writable, Event, Phase, PhotoOverrides};

use crate::address::{Address, AddressArg};
use crate::cli::OutputArgs;
use crate::connect::ConnectArgs;
use crate::directories::spec_of;
use crate::exit;
use crate::interrupt::cancel_on_ctrl_c;
use crate::progress::Progress;

#[derive(Args)]
pub struct SyncArgs {
    /// Where the photos come from: ldaps://dc1, graph:TENANT or google:DOMAIN.
    #[arg(long, value_name = "ADDRESS", value_parser = AddressArg::TARGET)]
    pub from: Address,
    /// Where they go; repeat for several targets, written at the same time.
    #[arg(long, value_name = "ADDRESS", required = true, value_parser = AddressArg::TARGET)]
    pub to: Vec<Address>,
    /// How users pair across the services, e.g. {employeeID} or {mail}; repeat to try
    /// several in order. Default: the employee id where both have one, else the UPN or
    /// mail (either way round).
    #[arg(long = "pattern", value_name = "T")]
    pub patterns: Vec<String>,
    /// Pair users by a CSV instead, a row per pair: a Source (or From) column naming the
    /// user in the source and a Target (or To) column naming the user in the target, each
    /// by any identity (UPN, mail, account name, employee id, DN, object id). A name that
    /// fits nobody is reported; a user named on two rows, or a name that fits several
    /// users, pairs nobody. Users the CSV does not name are left alone.
    #[arg(long, value_name = "FILE", conflicts_with = "patterns")]
    pub map: Option<PathBuf>,
    /// Fill gaps only: users who have a photo in a target are left alone.
    #[arg(long)]
    pub only_missing: bool,
    /// Let a smaller source photo replace a larger one (by default a worse photo never
    /// replaces a better one).
    #[arg(long)]
    pub allow_smaller: bool,
    /// Write even what is unchanged, and replace photos someone else changed since
    /// ADPhoto wrote them.
    #[arg(long)]
    pub force: bool,
    /// Show the plans and change nothing.
    #[arg(long)]
    pub what_if: bool,
    /// Folder for the run's backups and journals, a part per target (default: a dated
    /// folder). Reusing it resumes that run.
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Continue the interrupted run whose folder is DIR.
    #[arg(long, value_name = "DIR", conflicts_with = "backup_dir")]
    pub resume: Option<PathBuf>,
    /// JPEG quality 1-100 (default 90).
    #[arg(long, value_name = "Q")]
    pub quality: Option<u8>,
}

pub fn run(args: SyncArgs, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    let source_spec = match spec_of(&args.from, None, connect) {
        Ok(s) => s,
        Err(e) => return exit::usage(e),
    };
    let mut target_specs = Vec::new();
    for to in &args.to {
        if *to == args.from {
            return exit::usage(format!("{} is both the source and a target", to.spelled()));
        }
        if matches!(to, Address::Ldif(_) | Address::Csv(_)) {
            return exit::usage(format!(
                "sync writes to directories (ldaps://, graph:, google:), not to {}",
                to.spelled()
            ));
        }
        match spec_of(to, None, connect).and_then(|s| {
            writable(&s).map_err(|e| e.to_string())?;
            Ok(s)
        }) {
            Ok(s) => target_specs.push((to.spelled(), s)),
            Err(e) => return exit::usage(e),
        }
    }
    let cancel = cancel_on_ctrl_c();
    let mut source = match open(source_spec, &cancel) {
        Ok(d) => d,
        Err(e) => return exit::failed(&e),
    };
    let mut targets = Vec::new();
    for (address, spec) in target_specs {
        match open(spec, &cancel) {
            Ok(dir) => targets.push(SyncTarget { address, dir }),
            Err(e) => return exit::failed(&e),
        }
    }
    let request = SyncRequest {
        patterns: args.patterns.clone(),
        map: args.map.clone(),
        encoding: connect.common.encoding.clone(),
        only_missing: args.only_missing,
        allow_smaller: args.allow_smaller,
        force: args.force,
        photo: PhotoOverrides {
            quality: args.quality,
            ..PhotoOverrides::default()
        },
        workers: output.jobs.unwrap_or(0),
        run_folder: args.resume.clone().or(args.backup_dir.clone()),
        resume: args.resume.is_some(),
    };
    let quiet = output.quiet;
    let mut progress = Progress::new(0, "written", quiet);
    let mut changes = 0;
    let labels: Vec<String> = targets.iter().map(|t| t.address.clone()).collect();
    let ran = run_sync(
        source.as_mut(),
        targets,
        &request,
        args.what_if,
        &cancel,
        &mut |index: usize, event: Event<'_>| match event {
            Event::Warning(w) => {
                progress.clear();
                tell!("warning: {}: {w}", labels.get(index).map_or("", String::as_str));
            }
            Event::Progress(p) if p.phase == Phase::Apply => progress.advance(p.failed),
            Event::PlanReady(s) => {
                changes += s.changes;
                progress.set_total(changes);
            }
            _ => {}
        },
    );
    progress.clear();
    let run = match ran {
        Ok(r) => r,
        Err(e) => return exit::failed(&e),
    };
    crate::targets_report::report(&run.targets, run.run_folder.as_deref(), args.what_if, output)
}
