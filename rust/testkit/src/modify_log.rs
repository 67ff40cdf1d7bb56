//! What slapd's own stats log says about modify operations: which succeeded, and which
//! it received but never answered because it was killed while they were in hand.
//!
//! slapd logs `conn=C op=O MOD dn="…"` when a modify arrives (before the database is
//! touched) and `conn=C op=O RESULT tag=103 err=N` after the answer was sent. A
//! server killed between the two leaves a MOD without a RESULT: that modify may or
//! may not have been applied, and only the data can tell. Connection numbers start
//! again at every start of the server, so each life (from `slapd starting`) is read
//! on its own.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ModifyLog {
    /// Modifies answered with success, per DN (lower case), over every life.
    pub succeeded: HashMap<String, usize>,
    /// DNs (lower case) with a modify the server received but never answered.
    pub cut_off: HashSet<String>,
    /// DNs (lower case) with any modify received, answered or not.
    pub received: HashSet<String>,
}

impl ModifyLog {
    pub fn parse(log: &str) -> ModifyLog {
        let mut out = ModifyLog::default();
        let mut pending: HashMap<String, String> = HashMap::new();
        for line in log.lines() {
            if line.ends_with(" slapd starting") {
                out.cut_off.extend(pending.drain().map(|(_, dn)| dn));
                continue;
            }
            let Some(at) = line.find("conn=") else { continue };
            let rest = &line[at..];
            let mut words = rest.split_whitespace();
            let (Some(conn), Some(op)) = (words.next(), words.next()) else {
                continue;
            };
            let id = format!("{conn} {op}");
            let Some(tail) = rest.get(conn.len() + op.len() + 2..) else {
                continue;
            };
            if let Some(dn) = tail.strip_prefix("MOD dn=\"") {
                let dn = dn.trim_end_matches('"').to_ascii_lowercase();
                out.received.insert(dn.clone());
                pending.insert(id, dn);
            } else if tail.starts_with("RESULT tag=103 ") {
                if let Some(dn) = pending.remove(&id) {
                    if tail.starts_with("RESULT tag=103 err=0 ") {
                        *out.succeeded.entry(dn).or_insert(0) += 1;
                    }
                }
            }
        }
        // The current life's unanswered modifies are still in hand, not cut off.
        out
    }

    /// Successful modifies of `dn`.
    pub fn succeeded(&self, dn: &str) -> usize {
        self.succeeded.get(&dn.to_ascii_lowercase()).copied().unwrap_or(0)
    }

    pub fn was_cut_off(&self, dn: &str) -> bool {
        self.cut_off.contains(&dn.to_ascii_lowercase())
    }

    pub fn was_received(&self, dn: &str) -> bool {
        self.received.contains(&dn.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modify_without_its_result_is_cut_off_only_when_the_server_started_again() {
        let log = "\
x slapd starting
x conn=1000 op=1 MOD dn=\"uid=a,dc=x\"
x conn=1000 op=1 MOD attr=thumbnailPhoto
x conn=1000 op=1 RESULT tag=103 err=0 qtime=0 etime=0 text=
x conn=1000 op=2 MOD dn=\"uid=b,dc=x\"
x conn=1000 op=3 MOD dn=\"uid=c,dc=x\"
x conn=1000 op=3 RESULT tag=103 err=19 qtime=0 etime=0 text=
x slapd starting
x conn=1000 op=2 MOD dn=\"uid=d,dc=x\"
x conn=1000 op=2 RESULT tag=103 err=0 qtime=0 etime=0 text=
x conn=1000 op=3 MOD dn=\"uid=e,dc=x\"
";
        let m = ModifyLog::parse(log);
        assert_eq!(m.succeeded("uid=a,dc=x"), 1);
        assert_eq!(m.succeeded("uid=c,dc=x"), 0, "refused");
        assert_eq!(
            m.succeeded("uid=D,dc=x"),
            1,
            "the same ids in the next life are other operations"
        );
        assert!(m.was_cut_off("uid=b,dc=x"));
        assert!(!m.was_cut_off("uid=d,dc=x"));
        assert!(!m.was_cut_off("uid=e,dc=x"), "still in hand");
        assert!(m.was_received("uid=e,dc=x") && m.was_received("uid=c,dc=x"));
    }
}
