//! `adphoto match`: which photo fits whom, changing nothing.

use adphoto::bulk::{match_users, open_source};
use adphoto::matching::{match_rows, MatchKind};

use crate::cli::MatchArgs;
use crate::directory_args::{ldap_options, users_spec};
use crate::exit;
use crate::request::match_request;
use crate::summary::{print_json, print_match_summary, write_report};

pub fn run(args: MatchArgs) -> i32 {
    let directory = match ldap_options(&args.directory, "thumbnailPhoto") {
        Ok(d) => d,
        Err(e) => return exit::usage(e),
    };
    let users = match users_spec(&args.users, directory, args.photos.encoding.as_deref()) {
        Ok(u) => u,
        Err(e) => return exit::usage(e),
    };
    let mut source = match open_source(users, "thumbnailPhoto") {
        Ok(s) => s,
        Err(e) => return exit::usage(e),
    };
    let request = match_request(&args.photos);
    let matched = match match_users(source.as_mut(), &request) {
        Ok(m) => m,
        Err(e) => return exit::usage(e),
    };
    for w in &matched.warnings {
        tell!("warning: {w}");
    }
    let rows = match_rows(&matched.result, &matched.table);
    if let Err(e) = write_report(args.output.report.as_deref(), &rows) {
        return exit::usage(e);
    }
    if args.output.json {
        rows.iter().for_each(print_json);
    } else if !args.output.quiet {
        print_match_summary(&rows, &matched.source, matched.table.len());
    }
    let clean = matched.result.files.iter().all(|f| f.kind == MatchKind::Matched);
    if clean {
        exit::OK
    } else {
        exit::SOME_FAILED
    }
}
