//! The readable reports printed on a terminal (and the JSON lines otherwise).

use std::path::Path;

use serde::Serialize;

use adphoto_core::atomic_file::write_atomically;

use adphoto_app::PlanSummary;
use adphoto_core::matching::{MatchKind, MatchRow};
use adphoto_core::plan::{Action, PlanItem, Totals};

use crate::address::Address;

pub fn print_json<T: Serialize>(item: &T) {
    match serde_json::to_string(item) {
        Ok(line) => println!("{line}"),
        Err(e) => tell!("error: cannot serialise a report line: {e}"),
    }
}

/// Writes every item of a run as JSON lines to `path` (`--report`).
pub fn write_report<T: Serialize>(path: Option<&Path>, items: &[T]) -> Result<(), String> {
    let Some(path) = path else { return Ok(()) };
    let mut text = String::new();
    for item in items {
        text.push_str(&serde_json::to_string(item).map_err(|e| e.to_string())?);
        text.push('\n');
    }
    write_atomically(path, text.as_bytes()).map_err(|e| format!("cannot write the report {}: {e}", path.display()))
}

pub fn print_match_summary(rows: &[MatchRow], source: &str, users: usize) {
    let count = |k: MatchKind| rows.iter().filter(|r| r.kind == k).count();
    let files = rows.iter().filter(|r| r.file.is_some()).count();
    say!("{files} photo file(s), {users} user(s) from {source}");
    say!();
    for kind in [
        MatchKind::Matched,
        MatchKind::Unmatched,
        MatchKind::Ambiguous,
        MatchKind::Duplicate,
        MatchKind::MissingFile,
        MatchKind::InvalidRow,
    ] {
        let n = count(kind);
        if n > 0 || matches!(kind, MatchKind::Matched | MatchKind::Unmatched) {
            say!("  {:<16}{n:>7}", kind.name());
        }
    }
    say!("  {:<16}{:>7}", "users w/o photo", count(MatchKind::NoPhoto));
    let problems: Vec<&MatchRow> = rows
        .iter()
        .filter(|r| r.file.is_some() && r.kind != MatchKind::Matched)
        .collect();
    if !problems.is_empty() {
        say!();
        say!("Not paired:");
        for r in problems {
            say!(
                "  {:<13} {}: {}",
                r.kind.name(),
                r.file.as_deref().unwrap_or_default(),
                r.message.as_deref().unwrap_or_default()
            );
        }
    }
    print_without_photo(
        rows.iter()
            .filter(|r| r.kind == MatchKind::NoPhoto)
            .filter_map(|r| r.user.as_deref()),
    );
}

/// One line per item, as `-WhatIf` shows it.
pub fn print_plan_line(item: &PlanItem) {
    let who = item.matched.user.as_deref().unwrap_or("-");
    let file = item.matched.file.as_deref().unwrap_or("-");
    let size = item.bytes.map(|b| format!(" ({})", kb(b))).unwrap_or_default();
    say!("  {:<15} {who:<24} {file}{size}: {}", item.action.name(), item.reason);
}

pub fn print_plan_summary(items: &[PlanItem], totals: &Totals, plan: &PlanSummary, what_if: bool) {
    let (target, source, users) = (&plan.target, &plan.source, plan.users);
    say!();
    say!(
        "{} for {target} ({users} users from {source})",
        if what_if { "Plan" } else { "Result" }
    );
    say!();
    for action in [
        Action::Write,
        Action::SkipUnchanged,
        Action::NoMatch,
        Action::Ambiguous,
        Action::Duplicate,
        Action::MissingFile,
        Action::InvalidRow,
        Action::InvalidImage,
        Action::Unreadable,
        Action::NoPhoto,
    ] {
        let n = totals.count(action);
        if n > 0 || matches!(action, Action::Write | Action::SkipUnchanged) {
            let extra = if action == Action::Write {
                format!(
                    "   ({} to write, {} added to the directory)",
                    kb(totals.bytes_to_write),
                    signed_kb(totals.bytes_added)
                )
            } else {
                String::new()
            };
            say!("  {:<16}{n:>7}{extra}", action.name());
        }
    }
    if !what_if {
        let problems: Vec<&PlanItem> = items.iter().filter(|i| i.failed()).collect();
        if !problems.is_empty() {
            say!();
            say!("Needs attention:");
            for i in problems {
                let what = i.matched.file.as_deref().or(i.matched.user.as_deref()).unwrap_or("-");
                let why = i.error.as_ref().map(|e| e.message()).unwrap_or(&i.reason);
                let label = match i.status {
                    Some(status) if !i.action.is_problem() => status.name(),
                    _ => i.action.name(),
                };
                say!("  {label:<15} {what}: {why}");
            }
        }
        print_without_photo(
            items
                .iter()
                .filter(|i| i.action == Action::NoPhoto)
                .filter_map(|i| i.matched.user.as_deref()),
        );
    }
    say!();
    if what_if {
        say!(
            "What if: {} photo(s) would be written to {target}; nothing was changed.",
            totals.count(Action::Write)
        );
    } else {
        let mut extra = String::new();
        for (n, what) in [
            (totals.failed_writes, "failed"),
            (totals.in_doubt, "in doubt (sent, no answer: --resume settles them)"),
            (totals.cancelled, "not sent (cancelled)"),
            (
                totals.confirmed,
                "confirmed (sent by the interrupted run without an answer, found in place)",
            ),
        ] {
            if n > 0 {
                extra.push_str(&format!("; {n} {what}"));
            }
        }
        say!("Wrote {} photo(s) to {target}{extra}.", totals.written);
    }
}

/// The command that undoes a run whose backups are in `folder`, for the directory at
/// `address` (the sign-in options are the run's own).
pub fn undo_hint(address: &Address, folder: &Path) -> String {
    format!(
        "adphoto restore --to {} --backup-dir \"{}\" (with the same sign-in options)",
        address.spelled(),
        folder.display()
    )
}

fn print_without_photo<'a>(users: impl Iterator<Item = &'a str>) {
    let users: Vec<&str> = users.collect();
    if users.is_empty() {
        return;
    }
    const SHOWN: usize = 20;
    let mut list = users.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if users.len() > SHOWN {
        list.push_str(&format!(", ... ({} more; --json lists all)", users.len() - SHOWN));
    }
    say!();
    say!("Users without a photo ({}): {list}", users.len());
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn signed_kb(bytes: i64) -> String {
    format!(
        "{}{:.1} KB",
        if bytes >= 0 { "+" } else { "-" },
        bytes.unsigned_abs() as f64 / 1024.0
    )
}
