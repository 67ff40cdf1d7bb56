//! The `query` parameter of users.list, after
//! developers.google.com/admin-sdk/directory/v1/guides/search-users: space-separated
//! clauses ANDed together, each `field=value`, `field:value` or `field:prefix*`.
//! The fields a photo sync filters on are supported; others are refused, not ignored.

use super::store::GUser;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Exact,
    Contains,
    Prefix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Empty when the clause names no field (matches name or email).
    pub field: String,
    pub op: Op,
    pub value: String,
}

/// Split on spaces outside single or double quotes.
fn tokens(q: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in q.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (Some(qc), _) if c == qc => {
                quote = None;
                cur.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err("unterminated quote in query".into());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn unquote(v: &str) -> String {
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'\'' || b[0] == b'"') && b[b.len() - 1] == b[0] {
        v[1..v.len() - 1].to_string()
    } else {
        v.to_string()
    }
}

const FIELDS: &[&str] = &[
    "orgUnitPath",
    "email",
    "givenName",
    "familyName",
    "name",
    "isSuspended",
    "isAdmin",
    "externalId",
];

pub fn parse(q: &str) -> Result<Vec<Clause>, String> {
    let mut clauses = Vec::new();
    for tok in tokens(q)? {
        let split = tok.find(['=', ':']);
        let Some(at) = split.filter(|&i| !tok[..i].contains(['\'', '"'])) else {
            clauses.push(Clause {
                field: String::new(),
                op: Op::Contains,
                value: unquote(&tok),
            });
            continue;
        };
        let field = tok[..at].to_string();
        let Some(canonical) = FIELDS.iter().find(|f| f.eq_ignore_ascii_case(&field)) else {
            return Err(format!("Invalid Input: unsupported query field '{field}'"));
        };
        let raw_value = unquote(&tok[at + 1..]);
        let op = match (&tok[at..at + 1], raw_value.ends_with('*')) {
            ("=", _) => Op::Exact,
            (_, true) => Op::Prefix,
            _ => Op::Contains,
        };
        let value = if op == Op::Prefix {
            raw_value.trim_end_matches('*').to_string()
        } else {
            raw_value
        };
        clauses.push(Clause {
            field: canonical.to_string(),
            op,
            value,
        });
    }
    Ok(clauses)
}

fn text_matches(have: &str, op: &Op, want: &str) -> bool {
    let have = have.to_lowercase();
    let want = want.to_lowercase();
    match op {
        Op::Exact => have == want,
        Op::Contains => have.contains(&want),
        Op::Prefix => have.starts_with(&want),
    }
}

/// orgUnitPath matches the named unit and every unit under it ("/" matches all).
fn in_org_unit(user_path: &str, wanted: &str) -> bool {
    let wanted = wanted.trim_end_matches('/').to_lowercase();
    let have = user_path.to_lowercase();
    wanted.is_empty() || have == wanted || have.starts_with(&format!("{wanted}/"))
}

fn bool_matches(have: bool, want: &str) -> bool {
    want.eq_ignore_ascii_case(if have { "true" } else { "false" })
}

pub fn matches(user: &GUser, clauses: &[Clause]) -> bool {
    clauses.iter().all(|c| match c.field.as_str() {
        "" => [&user.given_name, &user.family_name, &user.primary_email]
            .iter()
            .any(|v| text_matches(v, &Op::Contains, &c.value)),
        "orgUnitPath" => in_org_unit(&user.org_unit_path, &c.value),
        "email" => text_matches(&user.primary_email, &c.op, &c.value),
        "givenName" => text_matches(&user.given_name, &c.op, &c.value),
        "familyName" => text_matches(&user.family_name, &c.op, &c.value),
        "name" => text_matches(&format!("{} {}", user.given_name, user.family_name), &c.op, &c.value),
        "isSuspended" => bool_matches(user.suspended, &c.value),
        "isAdmin" => bool_matches(user.is_admin, &c.value),
        "externalId" => user
            .external_ids
            .iter()
            .filter_map(|e| e.get("value").and_then(|v| v.as_str()))
            .any(|v| text_matches(v, &c.op, &c.value)),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_clauses() {
        let c = parse("orgUnitPath='/Staff Room' isSuspended=false email:jo*").unwrap();
        assert_eq!(c[0].field, "orgUnitPath");
        assert_eq!(c[0].value, "/Staff Room");
        assert_eq!(c[1].op, Op::Exact);
        assert_eq!(c[2].op, Op::Prefix);
        assert_eq!(c[2].value, "jo");
        assert!(parse("manager=x").is_err());
        assert!(parse("orgUnitPath='/x").is_err());
    }

    #[test]
    fn org_units_include_children() {
        assert!(in_org_unit("/Staff", "/Staff"));
        assert!(in_org_unit("/Staff/Teachers", "/Staff"));
        assert!(!in_org_unit("/Staffroom", "/Staff"));
        assert!(in_org_unit("/Students", "/"));
    }
}
