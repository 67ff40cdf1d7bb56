//! `adphoto`: the command-line face of the ADPhoto engine.

#[macro_use]
mod human;

mod account_picture_cmd;
mod cli;
mod convert_cmd;
mod directory_args;
mod exit;
mod google_cmd;
mod graph_cmd;
mod match_cmd;
mod progress;
mod request;
mod set_cmd;
mod summary;
mod tasks_cmd;

use clap::Parser;

fn main() {
    // A panic is caught per item and reported as that item's error; the default hook
    // would also spray a backtrace notice over the report.
    std::panic::set_hook(Box::new(|_| {}));
    let args = cli::Cli::parse();
    let code = match args.command {
        cli::Command::Convert(a) => convert_cmd::run(a),
        cli::Command::Match(a) => match_cmd::run(a),
        cli::Command::Plan(a) => set_cmd::run(a, true),
        cli::Command::Get(a) => tasks_cmd::get(a),
        cli::Command::Google(a) => google_cmd::run(a),
        cli::Command::Graph(a) => graph_cmd::run(a),
        cli::Command::Export(a) => tasks_cmd::export(a),
        cli::Command::Remove(a) => tasks_cmd::remove(a),
        cli::Command::Report(a) => tasks_cmd::report(a),
        cli::Command::Restore(a) => tasks_cmd::restore(a),
        cli::Command::AccountPicture(a) => account_picture_cmd::run(a),
        cli::Command::Set(a) => {
            let what_if = a.what_if;
            set_cmd::run(a, what_if)
        }
    };
    std::process::exit(code);
}
