//! Who is who across two services. By default a target user is paired with the source
//! user that has the same employee id (where both have one), else the same address
//! (userPrincipalName or mail, either way round); with templates (`--pattern`) by the
//! first template both users have a value for. Nobody ever receives another user's
//! photo: a target user that fits several source users, or a source user that fits
//! several target users, is paired with nobody, and employee ids that differ are never
//! the same person whatever the addresses say.

use std::collections::HashMap;

use adphoto_core::matching::Template;
use adphoto_core::users::{UserId, UserTable};

/// How a target user fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paired {
    /// Exactly this source user, by this rule (`employeeID`, `userPrincipalName/mail`, a
    /// template).
    One { source: UserId, by: String },
    /// Nobody in the source: the user exists in the target only.
    Nobody,
    /// Several source users fit: none is used.
    Ambiguous(Vec<UserId>),
    /// The one source user that fits also fits other target users: none is used.
    Shared { source: UserId, others: usize },
    /// Nobody, for the reason a mapping CSV gives (`sync --map`).
    Refused(Box<super::map_csv::Refusal>),
}

/// The attributes pairing reads (canonical names).
pub const PAIRING_ATTRIBUTES: [&str; 3] = ["employeeid", "userprincipalname", "mail"];

/// Pairs every target user (in table order) with the source users.
pub fn pair_users(source: &UserTable, target: &UserTable, templates: &[Template]) -> Vec<Paired> {
    let chosen: Vec<Paired> = if templates.is_empty() {
        by_identity(source, target)
    } else {
        by_templates(source, target, templates)
    };
    // A source user chosen by several target users goes to none of them.
    let mut times: HashMap<UserId, usize> = HashMap::new();
    for p in &chosen {
        if let Paired::One { source, .. } = p {
            *times.entry(*source).or_default() += 1;
        }
    }
    chosen
        .into_iter()
        .map(|p| match p {
            Paired::One { source, .. } if times[&source] > 1 => Paired::Shared {
                source,
                others: times[&source] - 1,
            },
            other => other,
        })
        .collect()
}

/// An identity as compared across services: case-insensitive, nothing else folded
/// (`josé@` and `jose@` are two mailboxes, and may be two people).
fn value(table: &UserTable, user: UserId, attribute: &str) -> Option<String> {
    table
        .value(user, attribute)
        .map(|v| v.trim().to_lowercase())
        .filter(|v| !v.is_empty())
}

type Index = HashMap<String, Vec<UserId>>;

fn index(table: &UserTable, keys: impl Fn(UserId) -> Vec<String>) -> Index {
    let mut index: Index = HashMap::new();
    for user in table.ids() {
        for key in keys(user) {
            let users = index.entry(key).or_default();
            if !users.contains(&user) {
                users.push(user);
            }
        }
    }
    index
}

fn addresses(table: &UserTable, user: UserId) -> Vec<String> {
    ["userprincipalname", "mail"]
        .iter()
        .filter_map(|a| value(table, user, a))
        .collect()
}

fn by_identity(source: &UserTable, target: &UserTable) -> Vec<Paired> {
    let by_employee = index(source, |u| value(source, u, "employeeid").into_iter().collect());
    let by_address = index(source, |u| addresses(source, u));
    target
        .ids()
        .map(|t| {
            let employee = value(target, t, "employeeid");
            if let Some(found) = employee.as_ref().and_then(|e| by_employee.get(e)) {
                return decide(found.clone(), "employeeID");
            }
            let mut found: Vec<UserId> = addresses(target, t)
                .iter()
                .filter_map(|a| by_address.get(a))
                .flatten()
                .copied()
                // Two employee ids that differ are two people, whatever the address.
                .filter(|s| match (&employee, value(source, *s, "employeeid")) {
                    (Some(mine), Some(theirs)) => *mine == theirs,
                    _ => true,
                })
                .collect();
            found.sort_unstable();
            found.dedup();
            decide(found, "userPrincipalName/mail")
        })
        .collect()
}

fn by_templates(source: &UserTable, target: &UserTable, templates: &[Template]) -> Vec<Paired> {
    let prepared: Vec<_> = templates
        .iter()
        .map(|t| {
            let columns = t.columns(source);
            let index = index(source, |u| t.key(source, &columns, u).into_iter().collect());
            (t, t.columns(target), index)
        })
        .collect();
    target
        .ids()
        .map(|u| {
            for (template, columns, index) in &prepared {
                let Some(key) = template.key(target, columns, u) else {
                    continue;
                };
                if let Some(found) = index.get(&key) {
                    return decide(found.clone(), &template.text);
                }
            }
            Paired::Nobody
        })
        .collect()
}

fn decide(found: Vec<UserId>, by: &str) -> Paired {
    match found.as_slice() {
        [] => Paired::Nobody,
        [one] => Paired::One {
            source: *one,
            by: by.to_string(),
        },
        _ => Paired::Ambiguous(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[[&str; 3]]) -> UserTable {
        let mut t = UserTable::new(&PAIRING_ATTRIBUTES);
        for r in rows {
            t.push(r.iter().map(|v| (!v.is_empty()).then(|| v.to_string())).collect(), 0);
        }
        t
    }

    #[test]
    fn employee_id_first_then_either_address() {
        let source = table(&[
            ["E1", "ann@corp.example", "ann@example.org"],
            ["", "bob@corp.example", ""],
            ["E3", "cy@corp.example", ""],
        ]);
        let target = table(&[
            ["E1", "someone.else@x", ""],
            ["", "", "BOB@corp.example"],
            ["E9", "cy@corp.example", ""],
            ["", "dee@x", ""],
        ]);
        let paired = pair_users(&source, &target, &[]);
        assert_eq!(
            paired[0],
            Paired::One {
                source: 0,
                by: "employeeID".into()
            }
        );
        assert!(matches!(paired[1], Paired::One { source: 1, .. }), "{paired:?}");
        assert_eq!(paired[2], Paired::Nobody, "different employee ids: two people");
        assert_eq!(paired[3], Paired::Nobody, "in the target only");
    }

    #[test]
    fn addresses_are_compared_without_folding_accents() {
        let source = table(&[["", "josé@x", ""]]);
        let target = table(&[["", "jose@x", ""], ["", " JOSÉ@X ", ""]]);
        let paired = pair_users(&source, &target, &[]);
        assert_eq!(paired[0], Paired::Nobody, "another mailbox");
        assert!(matches!(paired[1], Paired::One { source: 0, .. }));
    }

    #[test]
    fn nobody_gets_a_photo_that_could_be_someone_elses() {
        // Two source users with one address (a shared mailbox).
        let source = table(&[["", "desk@x", ""], ["", "", "desk@x"], ["", "eve@x", ""]]);
        // Two target users that both fit eve.
        let target = table(&[["", "desk@x", ""], ["", "eve@x", ""], ["", "", "eve@x"]]);
        let paired = pair_users(&source, &target, &[]);
        assert!(matches!(&paired[0], Paired::Ambiguous(s) if s.len() == 2), "{paired:?}");
        assert!(matches!(paired[1], Paired::Shared { source: 2, others: 1 }));
        assert!(matches!(paired[2], Paired::Shared { source: 2, others: 1 }));
    }

    #[test]
    fn templates_pair_by_the_first_that_both_users_have() {
        let source = table(&[["E1", "ann@a", ""], ["", "bob@a", ""]]);
        let target = table(&[["e1", "ann@b", ""], ["", "bob@b", ""]]);
        let templates = [Template::parse("{employeeID}").unwrap()];
        let paired = pair_users(&source, &target, &templates);
        assert!(matches!(&paired[0], Paired::One { source: 0, by } if by == "{employeeID}"));
        assert_eq!(paired[1], Paired::Nobody);
    }
}
