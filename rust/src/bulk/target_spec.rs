//! Targets named on the command line (`ldif:out.ldif`) or in a request.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::error::BulkError;
use crate::targets::{LdifTarget, PhotoTarget};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TargetSpec {
    /// An LDIF file for `ldifde -i` or `ldapmodify`.
    Ldif { path: PathBuf },
}

impl std::str::FromStr for TargetSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            Some(("ldif", path)) if !path.is_empty() => Ok(TargetSpec::Ldif { path: path.into() }),
            _ => Err(format!("unknown target '{s}' (expected ldif:FILE)")),
        }
    }
}

/// Opens the target; `attribute` is the photo attribute to write.
pub fn open_target(spec: &TargetSpec, attribute: &str) -> Result<Box<dyn PhotoTarget>, BulkError> {
    match spec {
        TargetSpec::Ldif { path } => Ok(Box::new(LdifTarget::new(path, attribute))),
    }
}
