//! The `fields` parameter (partial response): `a,b/c,d(e,f)`. Clients use it to cut
//! users.list down to the handful of properties they need, so the fake honours it.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Selected names; `None` keeps the whole value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection(BTreeMap<String, Option<Selection>>);

impl Selection {
    fn add(&mut self, path: &[String], sub: Option<Selection>) {
        let (first, rest) = path.split_first().expect("non-empty path");
        if rest.is_empty() {
            match (self.0.get_mut(first), sub) {
                (Some(Some(existing)), Some(new)) => existing.merge(new),
                (Some(slot), None) => *slot = None,
                (Some(None), Some(_)) => {}
                (None, s) => {
                    self.0.insert(first.clone(), s);
                }
            }
        } else {
            let entry = self
                .0
                .entry(first.clone())
                .or_insert_with(|| Some(Selection::default()));
            if let Some(inner) = entry {
                inner.add(rest, sub);
            }
        }
    }

    fn merge(&mut self, other: Selection) {
        for (k, v) in other.0 {
            self.add(&[k], v);
        }
    }

    pub fn apply(&self, value: &Value) -> Value {
        match value {
            Value::Object(obj) => {
                if self.0.contains_key("*") {
                    return value.clone();
                }
                let mut out = Map::new();
                for (k, sub) in &self.0 {
                    if let Some(v) = obj.get(k) {
                        out.insert(k.clone(), sub.as_ref().map_or_else(|| v.clone(), |s| s.apply(v)));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.apply(v)).collect()),
            other => other.clone(),
        }
    }
}

pub fn parse(spec: &str) -> Result<Selection, String> {
    let chars: Vec<char> = spec.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pos = 0;
    let sel = parse_list(&chars, &mut pos)?;
    if pos != chars.len() {
        return Err(format!("Invalid field selection {spec}"));
    }
    Ok(sel)
}

fn parse_list(chars: &[char], pos: &mut usize) -> Result<Selection, String> {
    let mut sel = Selection::default();
    loop {
        let mut path = vec![];
        loop {
            let start = *pos;
            while *pos < chars.len() && !matches!(chars[*pos], ',' | '/' | '(' | ')') {
                *pos += 1;
            }
            if *pos == start {
                return Err("Invalid field selection: empty name".into());
            }
            path.push(chars[start..*pos].iter().collect::<String>());
            if *pos < chars.len() && chars[*pos] == '/' {
                *pos += 1;
                continue;
            }
            break;
        }
        let sub = if *pos < chars.len() && chars[*pos] == '(' {
            *pos += 1;
            let inner = parse_list(chars, pos)?;
            if *pos >= chars.len() || chars[*pos] != ')' {
                return Err("Invalid field selection: missing ')'".into());
            }
            *pos += 1;
            Some(inner)
        } else {
            None
        };
        sel.add(&path, sub);
        if *pos < chars.len() && chars[*pos] == ',' {
            *pos += 1;
            continue;
        }
        return Ok(sel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_nested_fields() {
        let v = json!({"kind": "k", "nextPageToken": "t", "users": [
            {"id": "1", "primaryEmail": "a@x", "name": {"givenName": "A", "familyName": "B"}, "suspended": false}
        ]});
        let sel = parse("nextPageToken,users(id,name/givenName)").unwrap();
        assert_eq!(
            sel.apply(&v),
            json!({"nextPageToken": "t", "users": [{"id": "1", "name": {"givenName": "A"}}]})
        );
        assert!(parse("users(id").is_err());
        assert!(parse("a,,b").is_err());
    }
}
