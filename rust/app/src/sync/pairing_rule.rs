//! How a run pairs users across services: by identity or templates (`--pattern`), or by
//! the rows of a mapping CSV (`--map`), never both.

use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::matching::Template;
use adphoto_core::plan::PlanItem;
use adphoto_core::users::UserTable;

use super::map_csv::{pair_by_map, read_sync_map, MapPairing, SyncMap};
use super::pairing::pair_users;
use super::request::SyncRequest;
use super::source::Source;

pub enum PairingRule {
    /// Employee id, else UPN or mail; or the templates, tried in order.
    Identities(Vec<Template>),
    Map(SyncMap),
}

impl PairingRule {
    /// The request's rule; a mapping CSV is read here, before anything is listed.
    pub fn of(request: &SyncRequest) -> Result<PairingRule> {
        if let Some(path) = &request.map {
            if !request.patterns.is_empty() {
                return Err(Error::options(
                    "give a mapping CSV (--map) or templates (--pattern), not both",
                ));
            }
            return read_sync_map(path, request.encoding.as_deref()).map(PairingRule::Map);
        }
        let templates = request
            .patterns
            .iter()
            .map(|t| Template::parse(t).map_err(|e| Error::new(ErrorKind::Pattern, e.to_string())))
            .collect::<Result<_>>()?;
        Ok(PairingRule::Identities(templates))
    }

    /// The templates whose attributes listings must read.
    pub fn templates(&self) -> &[Template] {
        match self {
            PairingRule::Identities(t) => t,
            PairingRule::Map(_) => &[],
        }
    }

    /// What reading the rule noticed (a mapping CSV's guessed encoding).
    pub fn warnings(&self) -> &[String] {
        match self {
            PairingRule::Identities(_) => &[],
            PairingRule::Map(m) => &m.warnings,
        }
    }

    /// Pairs every user of a target (named `to`) with the source's users.
    pub fn pair(&self, source: &Source, target: &UserTable, to: &str) -> MapPairing {
        match self {
            PairingRule::Identities(templates) => MapPairing {
                pairs: pair_users(&source.users.table, target, templates),
                rows: Vec::<PlanItem>::new(),
                notes: Vec::new(),
            },
            PairingRule::Map(map) => pair_by_map(map, &source.users.table, target, &source.describe, to),
        }
    }
}
