//! `adphoto`: the command-line face of the ADPhoto engine.

#[macro_use]
mod human;

mod account_picture_cmd;
mod address;
mod cli;
mod connect;
mod convert_cmd;
mod directories;
mod exit;
mod hyphen_identity;
mod interrupt;
mod match_cmd;
mod progress;
mod restore_parts;
mod set_cmd;
mod set_many_cmd;
mod summary;
mod sync_cmd;
mod targets_report;
mod tasks_cmd;

use clap::Parser;

use cli::{Command, Verb};
use directories::Implied;

fn main() {
    // A panic is caught per item and reported as that item's error; the default hook
    // would also spray a backtrace notice over the report.
    std::panic::set_hook(Box::new(|_| {}));
    adphoto_core::notice::listen(|text| tell!("note: {text}"));
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let hint = hyphen_identity::hint(&raw, &e);
            print_parse_error(&e, &raw);
            if let Some(hint) = hint {
                tell!("note: {hint}");
            }
            std::process::exit(e.exit_code());
        }
    };
    let (connect, output) = (&args.connect, &args.output);
    let code = match args.command {
        Command::Convert(a) => convert_cmd::run(a, output),
        Command::Match(a) => match_cmd::run(a, connect, output),
        Command::Plan(a) => set_cmd::run(*a, true, Implied::None, connect, output),
        Command::Verb(verb) => run_verb(verb, Implied::None, connect, output),
        Command::Graph(group) => run_verb(group.verb, Implied::Graph, connect, output),
        Command::Google(group) => run_verb(group.verb, Implied::Google, connect, output),
        Command::Sync(a) => sync_cmd::run(*a, connect, output),
        Command::AccountPicture(a) => account_picture_cmd::run(a, connect, output),
    };
    std::process::exit(code);
}

/// clap's own message (or help), with what came from the command line escaped like
/// everything else printed for people: a file name given as an argument may hold
/// control characters.
fn print_parse_error(e: &clap::Error, args: &[std::ffi::OsString]) {
    // clap quotes arguments in its message: the same mistake, made with every argument
    // escaped, gives the message to show (its own line breaks are the message's).
    let escaped_args: Vec<String> = args
        .iter()
        .map(|a| adphoto_core::text::for_terminal(&a.to_string_lossy()).into_owned())
        .collect();
    let text = match cli::Cli::try_parse_from(&escaped_args) {
        Err(same) if same.kind() == e.kind() => same.render().to_string(),
        _ => e.render().to_string(),
    };
    // Line by line through say!/tell!, which escape each.
    for line in text.lines() {
        if e.use_stderr() {
            tell!("{line}");
        } else {
            say!("{line}");
        }
    }
}

fn run_verb(verb: Verb, implied: Implied, connect: &connect::ConnectArgs, output: &cli::OutputArgs) -> i32 {
    match verb {
        Verb::Set(a) => {
            let what_if = a.what_if;
            set_cmd::run(*a, what_if, implied, connect, output)
        }
        Verb::Get(a) => tasks_cmd::get(a, implied, connect, output),
        Verb::Export(a) => tasks_cmd::export(a, implied, connect, output),
        Verb::Remove(a) => tasks_cmd::remove(a, implied, connect, output),
        Verb::Report(a) => tasks_cmd::report(a, implied, connect, output),
        Verb::Restore(a) => tasks_cmd::restore(a, implied, connect, output),
    }
}
