//! Naming templates such as `{givenName}.{sn}`: literal text and attribute names.

use thiserror::Error;

use crate::text::match_key_into;
use crate::users::{canonical_attribute, UserId, UserTable};

/// Tried in this order when the administrator names none: the account name first
/// (the most common convention and unique by construction), then the other unique
/// identities, then the human name.
pub const DEFAULT_TEMPLATES: [&str; 5] = [
    "{sAMAccountName}",
    "{userPrincipalName}",
    "{mail}",
    "{employeeID}",
    "{givenName}.{sn}",
];

#[derive(Debug, Error, PartialEq, Eq)]
#[error("invalid pattern '{pattern}': {reason}")]
pub struct TemplateError {
    pub pattern: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Attribute(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub text: String,
    parts: Vec<Part>,
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let fail = |reason: &str| TemplateError {
            pattern: text.to_string(),
            reason: reason.to_string(),
        };
        let mut parts = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                Some(i) if rest.as_bytes()[i] == b'}' => return Err(fail("'}' without '{'")),
                Some(i) => {
                    if i > 0 {
                        parts.push(Part::Literal(rest[..i].to_string()));
                    }
                    let close = rest[i..].find('}').ok_or_else(|| fail("'{' without '}'"))? + i;
                    let name = rest[i + 1..close].trim();
                    if name.is_empty() || name.contains('{') {
                        return Err(fail("empty or nested attribute name"));
                    }
                    parts.push(Part::Attribute(canonical_attribute(name)));
                    rest = &rest[close + 1..];
                }
                None => {
                    parts.push(Part::Literal(rest.to_string()));
                    rest = "";
                }
            }
        }
        if !parts.iter().any(|p| matches!(p, Part::Attribute(_))) {
            return Err(fail(
                "it names no attribute; write e.g. {sAMAccountName} or {givenName}.{sn}",
            ));
        }
        Ok(Template {
            text: text.trim().to_string(),
            parts,
        })
    }

    /// The attributes the template reads (canonical names).
    pub fn attributes(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Attribute(a) => Some(a.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// The user's key under this template; `None` when an attribute is missing (a
    /// user without a surname cannot be named `{givenName}.{sn}`).
    pub fn key(&self, table: &UserTable, columns: &[Option<usize>], user: UserId) -> Option<String> {
        let (mut text, mut key) = (String::new(), String::new());
        self.key_into(table, columns, user, &mut text, &mut key).then_some(key)
    }

    /// `key` into reused buffers; false when the user has no key under this template.
    pub fn key_into(
        &self,
        table: &UserTable,
        columns: &[Option<usize>],
        user: UserId,
        text: &mut String,
        key: &mut String,
    ) -> bool {
        text.clear();
        let mut attribute = 0;
        for part in &self.parts {
            match part {
                Part::Literal(l) => text.push_str(l),
                Part::Attribute(_) => {
                    let Some(value) = columns[attribute].and_then(|c| table.get(user, c)) else {
                        return false;
                    };
                    text.push_str(value);
                    attribute += 1;
                }
            }
        }
        match_key_into(text, key);
        !key.is_empty()
    }

    /// The table columns of the template's attributes, in order (`None` if absent).
    pub fn columns(&self, table: &UserTable) -> Vec<Option<usize>> {
        self.attributes().map(|a| table.column(a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_literals_and_attributes() {
        let t = Template::parse("{sn}_{GivenName}").unwrap();
        assert_eq!(t.attributes().collect::<Vec<_>>(), ["sn", "givenname"]);
        let mut table = UserTable::new(&["Surname", "GivenName"]);
        let u = table.push(vec![Some("García".into()), Some("José".into())], 2);
        assert_eq!(t.key(&table, &t.columns(&table), u).as_deref(), Some("garcia_jose"));
        let v = table.push(vec![Some("Nobody".into()), None], 3);
        assert_eq!(t.key(&table, &t.columns(&table), v), None);
    }

    #[test]
    fn rejects_malformed_patterns() {
        for bad in ["jsmith", "{sn", "sn}", "{}", "{{sn}}", ""] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
        assert!(Template::parse("photo-{employeeID}").is_ok());
    }
}
