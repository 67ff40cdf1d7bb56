//! What the server says about itself: its naming contexts and whether it is Active
//! Directory (which decides the user filter and the stable id attribute).

use ldap3::{Ldap, Scope, SearchEntry};

use super::failure;
use adphoto_core::error::Error;

/// LDAP_CAP_ACTIVE_DIRECTORY_OID, advertised by AD and Samba AD.
const AD_CAPABILITY: &str = "1.2.840.113556.1.4.800";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootDse {
    pub default_naming_context: Option<String>,
    pub naming_contexts: Vec<String>,
    pub active_directory: bool,
}

impl RootDse {
    /// The attribute that identifies an object for good, whatever it is renamed to.
    pub fn key_attribute(&self) -> &'static str {
        if self.active_directory {
            "objectguid"
        } else {
            "entryuuid"
        }
    }

    /// The filter that selects user accounts.
    pub fn user_filter(&self, include_disabled: bool) -> String {
        if self.active_directory {
            let enabled = if include_disabled {
                ""
            } else {
                // ACCOUNTDISABLE bit of userAccountControl, tested with the bitwise-AND rule.
                "(!(userAccountControl:1.2.840.113556.1.4.803:=2))"
            };
            format!("(&(objectCategory=person)(objectClass=user){enabled})")
        } else {
            "(|(objectClass=inetOrgPerson)(objectClass=organizationalPerson))".into()
        }
    }

    pub fn default_base(&self) -> Option<&str> {
        self.default_naming_context
            .as_deref()
            .or(self.naming_contexts.first().map(String::as_str))
    }
}

pub async fn read_root_dse(ldap: &mut Ldap) -> Result<RootDse, Error> {
    let (entries, _) = ldap
        .search(
            "",
            Scope::Base,
            "(objectClass=*)",
            vec!["defaultNamingContext", "namingContexts", "supportedCapabilities"],
        )
        .await
        .and_then(|r| r.success())
        .map_err(|e| failure::from_ldap(e, "read the server's root DSE"))?;
    let entry = entries.into_iter().next().map(SearchEntry::construct);
    let values = |name: &str| -> Vec<String> {
        entry
            .as_ref()
            .and_then(|e| {
                e.attrs
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            })
            .unwrap_or_default()
    };
    Ok(RootDse {
        default_naming_context: values("defaultNamingContext").into_iter().next(),
        naming_contexts: values("namingContexts"),
        active_directory: values("supportedCapabilities").iter().any(|c| c == AD_CAPABILITY),
    })
}
