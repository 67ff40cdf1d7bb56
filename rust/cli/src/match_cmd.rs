//! `adphoto match`: which photo fits whom, changing nothing.

use adphoto_app::{open, review, run_match, Event, MatchRequest};
use adphoto_core::matching::MatchRow;

use crate::address::Address;
use crate::cli::{MatchArgs, OutputArgs, PhotoSourceArgs};
use crate::connect::ConnectArgs;
use crate::directories::{address_of, spec_of, Implied};
use crate::exit;
use crate::interrupt::cancel_on_ctrl_c;
use crate::summary::{print_json, print_match_summary, write_report};

/// The photos a command names, as the library's request.
pub fn match_request(photos: &PhotoSourceArgs, connect: &ConnectArgs) -> MatchRequest {
    MatchRequest {
        photos: photos.photos.clone(),
        map: photos.map.clone(),
        patterns: photos.patterns.clone(),
        pairs: Vec::new(),
        encoding: connect.common.encoding.clone(),
    }
}

pub fn run(args: MatchArgs, connect: &ConnectArgs, output: &OutputArgs) -> i32 {
    let from: Result<Address, String> = match (&args.users, &args.at.to) {
        (Some(_), Some(_)) => Err("give either --users or --from, not both".into()),
        (Some(u), None) => Ok(u.clone()),
        (None, to) => address_of(to.as_ref(), Implied::None, connect).map_err(|_| {
            "no users: give --users users.csv, or --from ADDRESS (ldaps://dc1, graph:TENANT, ...)".to_string()
        }),
    };
    let spec = match from.and_then(|a| spec_of(&a, None, connect)) {
        Ok(s) => s,
        Err(e) => return exit::usage(e),
    };
    let cancel = cancel_on_ctrl_c();
    let mut dir = match open(spec, &cancel) {
        Ok(d) => d,
        Err(e) => return exit::failed(&e),
    };
    let mut rows: Vec<MatchRow> = Vec::new();
    let matched = run_match(
        dir.as_mut(),
        &match_request(&args.photos, connect),
        &mut |event: Event<'_>| match event {
            Event::Warning(w) => tell!("warning: {w}"),
            Event::Match(row) => rows.push(row.clone()),
            _ => {}
        },
    );
    let (matched, totals) = match matched {
        Ok(m) => m,
        Err(e) => return exit::failed(&e),
    };
    if let Some(path) = &args.review {
        let framing = adphoto_core::photo::Framing {
            mode: args.framing,
            ..Default::default()
        };
        let written = review::match_sheet(&rows, framing, output.jobs)
            .map_err(|e| e.to_string())
            .and_then(|sheet| review::write(path, &sheet).map_err(|e| format!("{}: {e}", path.display())));
        if let Err(e) = written {
            tell!("error: review sheet: {e}");
            return exit::SOME_FAILED;
        }
    }
    if let Err(e) = write_report(output.report.as_deref(), &rows) {
        return exit::usage(e);
    }
    if output.json {
        rows.iter().for_each(print_json);
    } else if !output.quiet {
        print_match_summary(&rows, &matched.source, matched.users.len());
    }
    exit::of_items(totals.problems > 0)
}
