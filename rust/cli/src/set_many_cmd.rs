//! `adphoto set --to A --to B ...`: one run into several targets at once.

use adphoto_app::set_many::{run_set_many, SetTarget};
use adphoto_app::{open, Event, Phase};
use adphoto_core::error::Error;

use crate::cli::{OutputArgs, SetArgs};
use crate::connect::ConnectArgs;
use crate::exit;
use crate::interrupt::cancel_on_ctrl_c;
use crate::progress::Progress;
use crate::set_cmd::{set_request, target_spec};

pub fn run(args: SetArgs, what_if: bool, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    if args.review.is_some() {
        return exit::usage("--review shows the plan of one target: give one --to");
    }
    let mut specs = Vec::new();
    for to in &args.to {
        if specs.iter().any(|(a, _)| *a == to.spelled()) {
            return exit::usage(format!("{} is named twice", to.spelled()));
        }
        match target_spec(to, &args, connect) {
            Ok(s) => specs.push((to.spelled(), s)),
            Err(e) => return exit::usage(e),
        }
    }
    let cancel = cancel_on_ctrl_c();
    // Connected at once: each is a sign-in and a round trip or two, and the run waits
    // for the slowest rather than for their sum. A failure is reported for the first
    // target (in the order given) that failed, and stops the others' waiting.
    let cancel = &cancel;
    let opened: Vec<_> = std::thread::scope(|scope| {
        let connecting: Vec<_> = specs
            .into_iter()
            .map(|(address, spec)| {
                let connecting = scope.spawn(move || {
                    let opened = open(spec, cancel);
                    // The run ends here anyway: the other targets stop waiting for
                    // their servers (an unreachable one would hold it to its timeout).
                    if opened.as_ref().is_err_and(|e| !e.is_cancelled()) {
                        cancel.cancel();
                    }
                    opened
                });
                (address, connecting)
            })
            .collect();
        connecting
            .into_iter()
            .map(|(address, thread)| {
                let opened = thread
                    .join()
                    .unwrap_or_else(|_| Err(Error::internal("the connection's thread stopped")));
                (address, opened)
            })
            .collect()
    });
    // The first failure in the order given, other than a target stopped for it.
    if let Some((address, e)) = opened
        .iter()
        .filter_map(|(address, o)| o.as_ref().err().map(|e| (address, e)))
        .min_by_key(|(_, e)| e.is_cancelled())
    {
        // Named: with several targets, "the sign-in was refused" alone does not say
        // where (an address never holds a credential: `Address` refuses `user@`).
        return exit::failed(&e.clone().context(address));
    }
    let targets: Vec<SetTarget> = opened
        .into_iter()
        .filter_map(|(address, o)| o.ok().map(|dir| SetTarget { address, dir }))
        .collect();
    let request = set_request(&args, crate::match_cmd::match_request(&args.photos, connect), output);
    let labels: Vec<String> = targets.iter().map(|t| t.address.clone()).collect();
    let mut progress = Progress::new(0, "written", output.quiet);
    let mut changes = 0;
    let ran = run_set_many(
        targets,
        &request,
        what_if,
        cancel,
        &mut |index: usize, event: Event<'_>| match event {
            Event::Warning(w) => {
                progress.clear();
                tell!("warning: {}: {w}", labels.get(index).map_or("", String::as_str));
            }
            Event::PlanReady(s) => {
                changes += s.changes;
                progress.set_total(changes);
            }
            Event::Progress(p) if p.phase == Phase::Apply => progress.advance(p.failed),
            _ => {}
        },
    );
    progress.clear();
    match ran {
        Ok(run) => crate::targets_report::report(&run.targets, run.run_folder.as_deref(), what_if, output),
        Err(e) => exit::failed(&e),
    }
}
