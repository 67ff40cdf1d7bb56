//! Reading users with a paged subtree search: only the attributes the run needs, plus
//! the photo attribute, so the plan knows every current photo without one more query.

use std::collections::HashMap;

use ldap3::adapters::{Adapter, EntriesOnly, PagedResults};
use ldap3::{Ldap, Scope, SearchEntry};

use super::failure;
use super::guid::guid_to_string;
use adphoto_core::error::Error;
use adphoto_core::users::{canonical_attribute, UserTable};

/// Page sizes tried in turn: Active Directory's default MaxPageSize first (it serves
/// no more per page anyway), then smaller ones for servers that refuse a page larger
/// than their limit instead of capping it (OpenLDAP answers 11 adminLimitExceeded).
const PAGE_SIZES: [i32; 3] = [1000, 500, 100];

pub struct LoadedUsers {
    pub table: UserTable,
    /// Every value of the photo attribute, per user (empty: no photo).
    pub photos: Vec<Vec<Vec<u8>>>,
}

/// One user entry with its attributes keyed by canonical (lower-case) name.
pub struct LdapEntry {
    pub dn: String,
    pub strings: HashMap<String, Vec<String>>,
    pub binary: HashMap<String, Vec<Vec<u8>>>,
}

impl LdapEntry {
    fn from_search(entry: SearchEntry) -> LdapEntry {
        LdapEntry {
            dn: entry.dn,
            strings: entry
                .attrs
                .into_iter()
                .map(|(k, v)| (canonical_attribute(&k), v))
                .collect(),
            binary: entry
                .bin_attrs
                .into_iter()
                .map(|(k, v)| (canonical_attribute(&k), v))
                .collect(),
        }
    }

    /// All values of an attribute as bytes, whichever way the server's text decoded.
    pub fn bytes(&self, attribute: &str) -> Vec<Vec<u8>> {
        let a = canonical_attribute(attribute);
        let mut values = self.binary.get(&a).cloned().unwrap_or_default();
        if let Some(s) = self.strings.get(&a) {
            values.extend(s.iter().map(|v| v.as_bytes().to_vec()));
        }
        values
    }

    /// The first value as text; objectGUID as its usual string form.
    pub fn text(&self, attribute: &str) -> Option<String> {
        let a = canonical_attribute(attribute);
        if a == "distinguishedname" {
            return Some(self.dn.clone());
        }
        if a == "objectguid" {
            return self
                .binary
                .get(&a)
                .and_then(|v| v.first())
                .and_then(|b| guid_to_string(b));
        }
        self.strings.get(&a).and_then(|v| v.first()).cloned()
    }
}

/// Returns every entry the search finds. One plain search first: servers without a
/// size limit (Samba, OpenLDAP as administrator) answer it several times faster than
/// a paged one. When the server does limit the answer (Active Directory past 1,000
/// entries), the search is run again with the paged results control.
pub async fn search_entries(
    ldap: &mut Ldap,
    base: &str,
    scope: Scope,
    filter: &str,
    attributes: Vec<String>,
) -> Result<Vec<LdapEntry>, Error> {
    let mut result = search_once(ldap, base, scope, filter, attributes.clone(), None).await;
    for size in PAGE_SIZES {
        match &result {
            Err(e) if matches!(e.code(), Some(4) | Some(11)) => {
                result = search_once(ldap, base, scope, filter, attributes.clone(), Some(size)).await;
            }
            _ => break,
        }
    }
    result
}

async fn search_once(
    ldap: &mut Ldap,
    base: &str,
    scope: Scope,
    filter: &str,
    attributes: Vec<String>,
    page_size: Option<i32>,
) -> Result<Vec<LdapEntry>, Error> {
    let fail = |e| failure::from_ldap(e, &format!("search {base}"));
    let mut adapters: Vec<Box<dyn Adapter<_, _>>> = vec![Box::new(EntriesOnly::new())];
    if let Some(size) = page_size {
        adapters.push(Box::new(PagedResults::new(size)));
    }
    let mut stream = ldap
        .streaming_search_with(adapters, base, scope, filter, attributes)
        .await
        .map_err(fail)?;
    let mut entries = Vec::new();
    while let Some(entry) = stream.next().await.map_err(fail)? {
        entries.push(LdapEntry::from_search(SearchEntry::construct(entry)));
    }
    stream.finish().await.success().map_err(fail)?;
    Ok(entries)
}

/// Users as a table (`distinguishedname`, the key attribute, then `attributes`) and
/// their photos.
pub async fn load_users(
    ldap: &mut Ldap,
    base: &str,
    filter: &str,
    attributes: &[String],
    photo_attribute: &str,
    key_attribute: &str,
) -> Result<LoadedUsers, Error> {
    let mut columns = vec!["distinguishedname".to_string(), key_attribute.to_string()];
    for a in attributes {
        let a = canonical_attribute(a);
        if !columns.contains(&a) {
            columns.push(a);
        }
    }
    let mut requested: Vec<String> = columns.iter().filter(|c| *c != "distinguishedname").cloned().collect();
    requested.push(photo_attribute.to_string());
    let entries = search_entries(ldap, base, Scope::Subtree, filter, requested).await?;
    let mut table = UserTable::new(&columns);
    let mut photos = Vec::with_capacity(entries.len());
    for entry in entries {
        table.push(columns.iter().map(|c| entry.text(c)).collect(), 0);
        photos.push(entry.bytes(photo_attribute));
    }
    Ok(LoadedUsers { table, photos })
}
