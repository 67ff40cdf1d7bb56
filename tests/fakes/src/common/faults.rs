//! Deterministic fault injection. A rule fires on every Nth request of the classes in
//! its scope, so a test knows exactly which request will fail and can assert on it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// What a request does, coarse enough for rules and throttling windows to target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequestClass {
    Token,
    Users,
    PhotoRead,
    PhotoWrite,
    Batch,
}

impl RequestClass {
    pub const ALL: [RequestClass; 5] = [
        RequestClass::Token,
        RequestClass::Users,
        RequestClass::PhotoRead,
        RequestClass::PhotoWrite,
        RequestClass::Batch,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RequestClass::Token => "token",
            RequestClass::Users => "users",
            RequestClass::PhotoRead => "photo_read",
            RequestClass::PhotoWrite => "photo_write",
            RequestClass::Batch => "batch",
        }
    }

    /// The resource a Retry-After applies to. Reads and writes of a photo share one:
    /// a client told to wait on photos should not hammer them with another verb.
    pub fn resource(self) -> &'static str {
        match self {
            RequestClass::Token => "token",
            RequestClass::Users => "users",
            RequestClass::PhotoRead | RequestClass::PhotoWrite => "photo",
            RequestClass::Batch => "batch",
        }
    }
}

/// A set of request classes, written `photo`, `users+photo_write`, `api` or `all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    classes: Vec<RequestClass>,
    text: String,
}

impl Scope {
    pub fn contains(&self, class: RequestClass) -> bool {
        self.classes.contains(&class)
    }

    /// Everything except the token endpoint: the default for rules.
    pub fn api() -> Scope {
        "api".parse().expect("built-in scope")
    }
}

impl FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut classes = Vec::new();
        for part in s.split(['+', ',', '|']).map(str::trim).filter(|p| !p.is_empty()) {
            let add: &[RequestClass] = match part {
                "token" => &[RequestClass::Token],
                "users" => &[RequestClass::Users],
                "photo_read" => &[RequestClass::PhotoRead],
                "photo_write" => &[RequestClass::PhotoWrite],
                "photo" => &[RequestClass::PhotoRead, RequestClass::PhotoWrite],
                "batch" => &[RequestClass::Batch],
                "api" => &[
                    RequestClass::Users,
                    RequestClass::PhotoRead,
                    RequestClass::PhotoWrite,
                    RequestClass::Batch,
                ],
                "all" => &RequestClass::ALL,
                other => {
                    return Err(format!(
                        "unknown scope '{other}' (use token, users, photo, photo_read, photo_write, batch, api, all)"
                    ))
                }
            };
            for c in add {
                if !classes.contains(c) {
                    classes.push(*c);
                }
            }
        }
        if classes.is_empty() {
            return Err("empty scope".into());
        }
        Ok(Scope {
            classes,
            text: s.to_string(),
        })
    }
}

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One rule: `kind` happens on every `every`th request in `scope`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule<K> {
    pub kind: K,
    /// Fire on request N, 2N, 3N… of the scope; 0 disables the rule.
    pub every: u64,
    #[serde(default = "Scope::api")]
    pub scope: Scope,
    /// Seconds for the Retry-After header, where the kind sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    /// Stop after firing this many times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
}

impl<K: FromStr<Err = String>> FromStr for FaultRule<K> {
    type Err = String;
    /// `KIND:EVERY[:SCOPE[:RETRY_AFTER_SECS]]`, the command-line form.
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() < 2 || parts.len() > 4 {
            return Err(format!(
                "fault '{s}' should look like KIND:EVERY[:SCOPE[:RETRY_AFTER_SECS]]"
            ));
        }
        let kind = parts[0].parse::<K>()?;
        let every = parts[1]
            .parse::<u64>()
            .map_err(|_| format!("fault '{s}': EVERY must be a whole number"))?;
        let scope = match parts.get(2) {
            Some(p) if !p.is_empty() => p.parse()?,
            _ => Scope::api(),
        };
        let retry_after_secs = match parts.get(3) {
            Some(p) if !p.is_empty() => Some(
                p.parse::<u64>()
                    .map_err(|_| format!("fault '{s}': RETRY_AFTER_SECS must be a whole number"))?,
            ),
            _ => None,
        };
        Ok(FaultRule {
            kind,
            every,
            scope,
            retry_after_secs,
            times: None,
        })
    }
}

/// Counters kept beside each rule.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RuleCounters {
    pub seen: u64,
    pub fired: u64,
    /// A rule limited by `times` that was due while another rule decided the request
    /// fires on the next one it covers, so how requests interleave never skips it.
    #[serde(skip)]
    pub pending: bool,
}

/// A rule that fired for this request.
#[derive(Debug, Clone)]
pub struct Fired<K> {
    pub kind: K,
    pub retry_after_secs: Option<u64>,
}

/// The rules in force and how far each has counted.
#[derive(Debug, Clone)]
pub struct FaultBook<K> {
    rules: Vec<(FaultRule<K>, RuleCounters)>,
}

impl<K: Clone + Serialize> FaultBook<K> {
    pub fn new(rules: &[FaultRule<K>]) -> Self {
        FaultBook {
            rules: rules.iter().cloned().map(|r| (r, RuleCounters::default())).collect(),
        }
    }

    /// Count this request against every rule whose scope and `eligible` filter cover it;
    /// the first rule that fires decides. Every matching rule counts, so each keeps
    /// its own simple "every Nth" rhythm regardless of the others.
    pub fn decide(&mut self, class: RequestClass, eligible: impl Fn(&K) -> bool) -> Option<Fired<K>> {
        let mut chosen = None;
        for (rule, counters) in &mut self.rules {
            if !rule.scope.contains(class) || !eligible(&rule.kind) {
                continue;
            }
            counters.seen += 1;
            let exhausted = rule.times.is_some_and(|t| counters.fired >= t);
            let due = rule.every > 0 && (counters.seen % rule.every == 0 || counters.pending);
            if due && !exhausted && chosen.is_some() && rule.times.is_some() {
                counters.pending = true;
            }
            if chosen.is_none() && due && !exhausted {
                counters.pending = false;
                counters.fired += 1;
                chosen = Some(Fired {
                    kind: rule.kind.clone(),
                    retry_after_secs: rule.retry_after_secs,
                });
            }
        }
        chosen
    }

    /// Rules with their counters, for the stats endpoint.
    pub fn report(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.rules
                .iter()
                .map(|(rule, c)| {
                    let mut v = serde_json::to_value(rule).unwrap_or_default();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("seen".into(), c.seen.into());
                        o.insert("fired".into(), c.fired.into());
                    }
                    v
                })
                .collect(),
        )
    }
}

/// Kinds are written in snake_case on the command line and in JSON alike.
pub fn parse_kind<K: for<'de> Deserialize<'de>>(s: &str) -> Result<K, String> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| format!("unknown fault kind '{s}'"))
}

impl fmt::Display for RequestClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Boom,
        Drop,
    }
    impl FromStr for Kind {
        type Err = String;
        fn from_str(s: &str) -> Result<Self, String> {
            parse_kind(s)
        }
    }

    #[test]
    fn every_nth_in_scope() {
        let rule: FaultRule<Kind> = "boom:3:photo:5".parse().unwrap();
        assert_eq!(rule.retry_after_secs, Some(5));
        let mut book = FaultBook::new(&[rule]);
        let mut fired = Vec::new();
        for i in 1..=7 {
            // Users requests are out of scope and must not advance the count.
            assert!(book.decide(RequestClass::Users, |_| true).is_none());
            if book.decide(RequestClass::PhotoWrite, |_| true).is_some() {
                fired.push(i);
            }
        }
        assert_eq!(fired, vec![3, 6]);
    }

    #[test]
    fn a_limited_rule_due_under_another_fires_on_the_next_request() {
        let mut first: FaultRule<Kind> = "boom:2:all".parse().unwrap();
        first.times = Some(1);
        let mut second: FaultRule<Kind> = "drop:2:all".parse().unwrap();
        second.times = Some(1);
        let mut book = FaultBook::new(&[first, second]);
        let fired: Vec<Option<Kind>> = (0..4)
            .map(|_| book.decide(RequestClass::PhotoWrite, |_| true).map(|f| f.kind))
            .collect();
        assert_eq!(fired, vec![None, Some(Kind::Boom), Some(Kind::Drop), None]);
    }

    #[test]
    fn times_limits_firing_and_filters_apply() {
        let mut rule: FaultRule<Kind> = "drop:1:all".parse().unwrap();
        rule.times = Some(2);
        let mut book = FaultBook::new(&[rule]);
        assert!(book.decide(RequestClass::Token, |k| *k != Kind::Drop).is_none());
        assert!(book.decide(RequestClass::Token, |_| true).is_some());
        assert!(book.decide(RequestClass::Token, |_| true).is_some());
        assert!(book.decide(RequestClass::Token, |_| true).is_none());
        assert!("nope:1".parse::<FaultRule<Kind>>().is_err());
        assert!("boom:1:bogus".parse::<FaultRule<Kind>>().is_err());
    }
}
