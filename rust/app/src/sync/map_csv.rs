//! `sync --map FILE`: who is who across two services as the administrator wrote it, a
//! row per pair (`Source,Target`: any identity of each, such as a UPN, mail, account
//! name, employee id or DN). The CSV is read like `set --map`'s (encodings, `;` or `,`,
//! a byte-order mark, Excel's apostrophe before a formula). Nothing is guessed: a row
//! naming an unknown user is reported, and a user named on two rows (as source or as
//! target) gets nothing, so nobody ever receives another user's photo.

use std::collections::HashMap;
use std::path::Path;

use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::matching::{IdentityIndex, MatchKind, MatchRow};
use adphoto_core::plan::{Action, PlanItem};
use adphoto_core::text::{encoding_named, parse_csv_as, read_csv_as, CsvTable};
use adphoto_core::users::{UserId, UserTable};

use super::pairing::Paired;

/// Column names of the source user, then of the target user (any case).
pub const SOURCE_COLUMNS: [&str; 4] = ["Source", "From", "SourceUser", "SourceIdentity"];
pub const TARGET_COLUMNS: [&str; 4] = ["Target", "To", "TargetUser", "TargetIdentity"];

/// A mapping CSV, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncMap {
    /// The file's name, for reasons (`line 4 of pairs.csv`).
    pub name: String,
    pub rows: Vec<MapLine>,
    /// What reading it noticed (the encoding it guessed).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapLine {
    pub line: u64,
    pub source: String,
    pub target: String,
}

impl MapLine {
    /// Why the row cannot pair anyone as it stands (an empty cell).
    fn problem(&self) -> Option<String> {
        match (self.source.is_empty(), self.target.is_empty()) {
            (true, true) => Some(format!("line {}: both users are empty", self.line)),
            (true, false) => Some(format!("line {}: the source user is empty", self.line)),
            (false, true) => Some(format!("line {}: the target user is empty", self.line)),
            (false, false) => None,
        }
    }
}

/// Reads a mapping CSV (`encoding` when it has no byte-order mark; detected when none).
pub fn read_sync_map(path: &Path, encoding: Option<&str>) -> Result<SyncMap> {
    let encoding = encoding.map(encoding_named).transpose().map_err(Error::options)?;
    let csv = read_csv_as(path, encoding).map_err(|e| Error::new(ErrorKind::Users, e.to_string()))?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    sync_map_of(&csv, name)
}

/// A mapping CSV's bytes (`name` labels messages).
pub fn parse_sync_map(bytes: &[u8], name: &str, encoding: Option<&str>) -> Result<SyncMap> {
    let encoding = encoding.map(encoding_named).transpose().map_err(Error::options)?;
    let csv = parse_csv_as(bytes, name, encoding).map_err(|e| Error::new(ErrorKind::Users, e.to_string()))?;
    sync_map_of(&csv, name.to_string())
}

fn sync_map_of(csv: &CsvTable, name: String) -> Result<SyncMap> {
    let column = |names: &[&str], what: &str| {
        csv.column(names).ok_or_else(|| {
            Error::options(format!(
                "{name} has no {what} column; name one of: {} (its columns: {})",
                names.join(", "),
                csv.headers.join(", ")
            ))
        })
    };
    let (source, target) = (
        column(&SOURCE_COLUMNS, "source user")?,
        column(&TARGET_COLUMNS, "target user")?,
    );
    let rows = csv
        .rows
        .iter()
        .map(|row| {
            let cell = |i: usize| row.values.get(i).cloned().unwrap_or_default();
            MapLine {
                line: row.line,
                source: cell(source),
                target: cell(target),
            }
        })
        .collect();
    Ok(SyncMap {
        name,
        rows,
        warnings: csv.warnings.clone(),
    })
}

/// Why a target user is paired with nobody, as the mapping CSV makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub action: Action,
    pub reason: String,
    /// The source user the row named, as written.
    pub identity: Option<String>,
    /// The rows about this user (`pairs.csv line 4`).
    pub by: Option<String>,
    /// The users an ambiguous name fits.
    pub candidates: Vec<String>,
}

impl Refusal {
    /// The plan item of the target user `row` describes.
    pub fn item(&self, mut row: MatchRow) -> PlanItem {
        row.kind = kind_of(self.action);
        row.identity = self.identity.clone();
        row.by = self.by.clone();
        row.candidates = self.candidates.clone();
        PlanItem::new(self.action, self.reason.clone(), row)
    }
}

fn kind_of(action: Action) -> MatchKind {
    match action {
        Action::Ambiguous => MatchKind::Ambiguous,
        Action::NoMatch => MatchKind::Unmatched,
        Action::InvalidRow => MatchKind::InvalidRow,
        _ => MatchKind::NoPhoto,
    }
}

/// The pairing of one target by the mapping CSV.
pub struct MapPairing {
    /// For each target user, in table order.
    pub pairs: Vec<Paired>,
    /// Rows about no user of the target (an unknown or ambiguous target name, an empty
    /// row), reported as items of their own.
    pub rows: Vec<PlanItem>,
    /// Rows listed twice (the same two users), counted once.
    pub notes: Vec<String>,
}

/// What one row says about a target user.
struct Claim<'a> {
    row: &'a MapLine,
    /// The source users its source name fits (`None`: the row has an empty cell).
    sources: Option<Vec<UserId>>,
}

/// Pairs the users of `target` (named `to`) with those of `source` (named `from`) by the
/// rows of `map`.
pub fn pair_by_map(map: &SyncMap, source: &UserTable, target: &UserTable, from: &str, to: &str) -> MapPairing {
    let (in_source, in_target) = (IdentityIndex::new(source), IdentityIndex::new(target));
    let at = |line: u64| format!("{} line {line}", map.name);
    let mut claims: Vec<Vec<Claim<'_>>> = (0..target.len()).map(|_| Vec::new()).collect();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut seen: HashMap<(UserId, UserId), u64> = HashMap::new();
    // The rows naming each source user; a source user named on two rows goes nowhere.
    let mut source_rows: HashMap<UserId, Vec<u64>> = HashMap::new();
    for row in &map.rows {
        let targets = in_target.find(&row.target);
        if let Some(problem) = row.problem() {
            match targets.as_slice() {
                [one] => claims[*one as usize].push(Claim { row, sources: None }),
                _ => rows.push(row_item(
                    row,
                    Action::InvalidRow,
                    format!("{}: {problem}", map.name),
                    &at,
                )),
            }
            continue;
        }
        let sources = in_source.find(&row.source);
        let [target_user] = targets.as_slice() else {
            let reason = if targets.is_empty() {
                let also = if sources.is_empty() {
                    format!(" (nor '{}' in {from})", row.source)
                } else {
                    String::new()
                };
                format!("{}: no user '{}' in {to}{also}", at(row.line), row.target)
            } else {
                format!(
                    "{}: '{}' names {} users of {to} ({}): the row pairs none of them",
                    at(row.line),
                    row.target,
                    targets.len(),
                    names(target, &targets)
                )
            };
            let action = if targets.is_empty() {
                Action::NoMatch
            } else {
                Action::Ambiguous
            };
            let mut item = row_item(row, action, reason, &at);
            item.matched.candidates = targets.iter().map(|u| target.describe(*u)).collect();
            rows.push(item);
            if let [one] = sources.as_slice() {
                source_rows.entry(*one).or_default().push(row.line);
            }
            continue;
        };
        if let [one] = sources.as_slice() {
            if let Some(first) = seen.get(&(*one, *target_user)) {
                notes.push(format!(
                    "{}: the same two users as line {first}, listed twice; counted once",
                    at(row.line)
                ));
                continue;
            }
            seen.insert((*one, *target_user), row.line);
            source_rows.entry(*one).or_default().push(row.line);
        }
        claims[*target_user as usize].push(Claim {
            row,
            sources: Some(sources),
        });
    }
    let pairs = claims
        .iter()
        .map(|claims| decide(claims, source, from, &map.name, &source_rows, &at))
        .collect();
    MapPairing { pairs, rows, notes }
}

/// One target user's pairing from the rows that name it.
fn decide(
    claims: &[Claim<'_>],
    source: &UserTable,
    from: &str,
    map: &str,
    source_rows: &HashMap<UserId, Vec<u64>>,
    at: &dyn Fn(u64) -> String,
) -> Paired {
    let refuse = |action: Action, reason: String, claim: Option<&Claim<'_>>, candidates: &[UserId]| {
        Paired::Refused(Box::new(Refusal {
            action,
            reason,
            identity: claim.map(|c| c.row.source.clone()).filter(|s| !s.is_empty()),
            by: claim.map(|c| at(c.row.line)),
            candidates: candidates.iter().map(|u| source.describe(*u)).collect(),
        }))
    };
    let claim = match claims {
        [] => {
            return refuse(
                Action::NoPhoto,
                format!("{map} pairs this user with nobody of {from}"),
                None,
                &[],
            )
        }
        [one] => one,
        several => {
            let lines: Vec<String> = several.iter().map(|c| c.row.line.to_string()).collect();
            return Paired::Refused(Box::new(Refusal {
                action: Action::Ambiguous,
                reason: format!(
                    "named on {} lines of {map} ({}): none of them is used",
                    several.len(),
                    lines.join(", ")
                ),
                identity: None,
                by: Some(format!("{map} lines {}", lines.join(", "))),
                candidates: several.iter().map(|c| c.row.source.clone()).collect(),
            }));
        }
    };
    let Some(sources) = &claim.sources else {
        let problem = claim.row.problem().unwrap_or_default();
        return refuse(Action::InvalidRow, format!("{map}: {problem}"), Some(claim), &[]);
    };
    match sources.as_slice() {
        [] => refuse(
            Action::NoMatch,
            format!("{}: no user '{}' in {from}", at(claim.row.line), claim.row.source),
            Some(claim),
            &[],
        ),
        [one] => match source_rows.get(one).map(Vec::as_slice) {
            Some(lines) if lines.len() > 1 => refuse(
                Action::Ambiguous,
                format!(
                    "{} of {from} is named on {} lines of {map} ({}): none of them gets the photo",
                    source.describe(*one),
                    lines.len(),
                    lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
                ),
                Some(claim),
                &[],
            ),
            _ => Paired::One {
                source: *one,
                by: at(claim.row.line),
            },
        },
        several => refuse(
            Action::Ambiguous,
            format!(
                "{}: '{}' names {} users of {from} ({}): none of their photos is used",
                at(claim.row.line),
                claim.row.source,
                several.len(),
                names(source, several)
            ),
            Some(claim),
            several,
        ),
    }
}

fn names(table: &UserTable, users: &[UserId]) -> String {
    users.iter().map(|u| table.describe(*u)).collect::<Vec<_>>().join(", ")
}

/// The item of a row about no user of the target.
fn row_item(row: &MapLine, action: Action, reason: String, at: &dyn Fn(u64) -> String) -> PlanItem {
    let matched = MatchRow {
        kind: kind_of(action),
        file: None,
        user: None,
        dn: None,
        by: Some(at(row.line)),
        candidates: Vec::new(),
        others: Vec::new(),
        suggestions: Vec::new(),
        message: None,
        identity: Some(row.source.clone()).filter(|s| !s.is_empty()),
        user_id: None,
    };
    PlanItem::new(action, reason, matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[[&str; 3]]) -> UserTable {
        let mut t = UserTable::new(&["userPrincipalName", "mail", "employeeID"]);
        for r in rows {
            t.push(r.iter().map(|v| (!v.is_empty()).then(|| v.to_string())).collect(), 0);
        }
        t
    }

    fn map(text: &str) -> SyncMap {
        parse_sync_map(text.as_bytes(), "pairs.csv", None).unwrap()
    }

    fn refusal(p: &Paired) -> &Refusal {
        match p {
            Paired::Refused(r) => r,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn columns_are_named_and_excel_files_read() {
        let m = map("\u{feff}To;From\r\nbob@b;'-ann@a\r\n\r\n");
        assert_eq!(
            m.rows,
            vec![MapLine {
                line: 2,
                source: "-ann@a".into(),
                target: "bob@b".into()
            }]
        );
        let e = parse_sync_map(b"User,Path\nx,y\n", "p.csv", None).unwrap_err();
        assert!(e.message().contains("Source, From"), "{e}");
        assert!(e.message().contains("User, Path"), "{e}");
    }

    #[test]
    fn every_row_pairs_exactly_the_users_it_names_or_says_why_not() {
        let source = table(&[
            ["ann@a", "", "E1"],
            ["bob@a", "", ""],
            ["cy@a", "shared@a", ""],
            ["dee@a", "SHARED@a", ""],
            ["eve@a", "", ""],
            ["fay@a", "", ""],
        ]);
        let target = table(&[
            ["ann@b", "", ""],
            ["bob@b", "", ""],
            ["cy@b", "", ""],
            ["dee@b", "", ""],
            ["eve@b", "", ""],
            ["eve2@b", "", ""],
            ["gus@b", "", ""],
            ["hal@b", "", ""],
            ["not-listed@b", "", ""],
        ]);
        let m = map(concat!(
            "Source,Target\n",
            "E1,ann@b\n",                          // 2: by employee id
            "bob@a,bob@b\n",                       // 3
            "bob@a,bob@b\n",                       // 4: listed twice: once
            "shared@a,cy@b\n",                     // 5: two source users
            "ghost@a,dee@b\n",                     // 6: unknown source
            "eve@a,eve@b\n",                       // 7: eve named twice
            "eve@a,eve2@b\n",                      // 8
            "fay@a,gus@b\n",                       // 9: gus named twice
            "ann@a,gus@b\n",                       // 10 (ann also on line 2: named twice)
            "fay@a,nobody@b\n",                    // 11: unknown target (and fay named again)
            ",hal@b\n",                            // 12: empty source
            "=cmd|' /C calc'!A0,\\\\srv\\c$\\x\n", // 13: neither exists
        ));
        let p = pair_by_map(&m, &source, &target, "graph:a", "ldaps://b");
        let refused = |i: usize| refusal(&p.pairs[i]).clone();
        assert_eq!(
            refused(0).action,
            Action::Ambiguous,
            "ann's source is on lines 2 and 10"
        );
        assert!(refused(0).reason.contains("2, 10"), "{:?}", refused(0));
        assert_eq!(
            p.pairs[1],
            Paired::One {
                source: 1,
                by: "pairs.csv line 3".into()
            }
        );
        assert!(
            p.notes[0].contains("line 4") && p.notes[0].contains("line 3"),
            "{:?}",
            p.notes
        );
        assert_eq!(refused(2).action, Action::Ambiguous);
        assert_eq!(refused(2).candidates, ["cy@a", "dee@a"]);
        assert_eq!(refused(3).action, Action::NoMatch);
        assert!(refused(3).reason.contains("no user 'ghost@a' in graph:a"));
        for eve in [4, 5] {
            assert_eq!(refused(eve).action, Action::Ambiguous, "eve@a is named on two rows");
            assert!(refused(eve).reason.contains("7, 8"), "{:?}", refused(eve));
        }
        assert_eq!(refused(6).action, Action::Ambiguous, "gus is named on two rows");
        assert!(refused(6).reason.contains("9, 10"));
        assert_eq!(refused(7).action, Action::InvalidRow);
        assert!(refused(7).reason.contains("line 12"));
        assert_eq!(refused(8).action, Action::NoPhoto, "not in the map: left alone");
        // The rows about nobody of the target are reported, not guessed.
        assert_eq!(p.rows.len(), 2, "{:#?}", p.rows);
        assert_eq!(p.rows[0].action, Action::NoMatch);
        assert!(p.rows[0].reason.contains("line 11: no user 'nobody@b' in ldaps://b"));
        assert!(p.rows[1].reason.contains("line 13") && p.rows[1].reason.contains("nor '=cmd"));
        assert_eq!(p.rows[1].matched.identity.as_deref(), Some("=cmd|' /C calc'!A0"));
        // Nobody but bob is paired, and bob with bob.
        let paired: Vec<_> = p.pairs.iter().filter(|x| matches!(x, Paired::One { .. })).collect();
        assert_eq!(paired.len(), 1);
    }

    #[test]
    fn a_target_name_that_fits_two_users_pairs_neither() {
        let source = table(&[["ann@a", "", ""]]);
        let target = table(&[["x@b", "desk@b", ""], ["y@b", "desk@b", ""]]);
        let p = pair_by_map(&map("From,To\nann@a,desk@b\n"), &source, &target, "a", "b");
        assert!(p.pairs.iter().all(|x| refusal(x).action == Action::NoPhoto));
        assert_eq!(p.rows[0].action, Action::Ambiguous);
        assert_eq!(p.rows[0].matched.candidates, ["x@b", "y@b"]);
    }
}
