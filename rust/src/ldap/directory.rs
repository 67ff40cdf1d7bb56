//! One directory server, as the run sees it: where users come from and where their
//! photos go.

use std::sync::Arc;
use std::time::Duration;

use ldap3::{Ldap, Scope};
use tokio::runtime::Runtime;

use super::endpoint::endpoint;
use super::escape::{escape_filter_bytes, escape_filter_value};
use super::failure::LdapFailure;
use super::guid::guid_from_string;
use super::options::LdapOptions;
use super::root_dse::{read_root_dse, RootDse};
use super::search::{load_users, search_entries, UserEntry};
use super::session::Session;
use super::tls::client_config;
use super::writer::{apply_changes, Change, Concurrency};
use crate::cancel::Cancel;
use crate::photo::{Preset, AD_THUMBNAIL_LIMIT};
use crate::targets::{Current, PhotoTarget, PhotoWrite, TargetError};
use crate::tasks::{FoundUser, PhotoLookup};
use crate::users::{UserId, UserSource, UserSourceError, UserTable};

/// Attributes an identity given on the command line is looked up in.
const IDENTITY_ATTRIBUTES: [&str; 7] = [
    "sAMAccountName",
    "userPrincipalName",
    "mail",
    "uid",
    "employeeID",
    "cn",
    "displayName",
];

pub struct LdapDirectory {
    runtime: Runtime,
    session: Arc<Session>,
    ldap: Ldap,
    root: RootDse,
    options: LdapOptions,
    base: String,
    photos: Vec<Vec<Vec<u8>>>,
}

impl LdapDirectory {
    /// Connects, signs in and reads the root DSE.
    pub fn connect(options: LdapOptions) -> Result<LdapDirectory, LdapFailure> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| LdapFailure::usage(format!("cannot start the network runtime: {e}")))?;
        let endpoint = endpoint(&options.server, options.starttls, options.insecure)?;
        let tls = client_config(options.ca_cert.as_deref())?;
        let timeout = Duration::from_secs(options.timeout_secs.max(1));
        let session = Arc::new(Session::new(
            endpoint,
            tls,
            options.bind.clone(),
            options.password.clone(),
            timeout,
        )?);
        let (ldap, root) = runtime.block_on(async {
            let mut ldap = session.open().await?;
            let root = read_root_dse(&mut ldap).await?;
            Ok::<_, LdapFailure>((ldap, root))
        })?;
        let base = options
            .search_base
            .clone()
            .or_else(|| root.default_base().map(str::to_string))
            .ok_or_else(|| LdapFailure::usage("the server names no default naming context: give --search-base"))?;
        Ok(LdapDirectory {
            runtime,
            session,
            ldap,
            root,
            options,
            base,
            photos: Vec::new(),
        })
    }

    pub fn root(&self) -> &RootDse {
        &self.root
    }

    pub fn url(&self) -> &str {
        &self.session.endpoint.url
    }

    /// The users' filter: accounts (enabled ones unless asked), ANDed with --filter.
    fn user_filter(&self) -> String {
        let users = self.root.user_filter(self.options.include_disabled);
        match self.options.filter.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            Some(f) if f.starts_with('(') => format!("(&{users}{f})"),
            Some(f) => format!("(&{users}({f}))"),
            None => users,
        }
    }

    fn key_attribute(&self) -> &'static str {
        self.root.key_attribute()
    }

    /// Finds users by an identity as people type it (account name, UPN, mail, DN...).
    /// The value is escaped: `*)(uid=*` is searched for literally.
    pub fn find(&mut self, identity: &str) -> Result<Vec<FoundUser>, LdapFailure> {
        let identity = identity.trim();
        let value = escape_filter_value(identity);
        let any: String = IDENTITY_ATTRIBUTES.iter().map(|a| format!("({a}={value})")).collect();
        let filter = format!("(&{}(|{any}))", self.user_filter());
        let base = self.base.clone();
        let mut found = self.search_users(&base, &filter)?;
        if found.is_empty() && identity.contains('=') {
            // A DN: read it directly (DNs are not searchable by value in every server).
            found = self.read_dn(identity)?;
        }
        Ok(found)
    }

    /// Finds a user by the stable id a backup recorded (objectGUID or entryUUID).
    pub fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, LdapFailure> {
        let filter = if self.root.active_directory {
            let bytes = guid_from_string(key).ok_or_else(|| LdapFailure::usage(format!("'{key}' is not a GUID")))?;
            format!("(objectGUID={})", escape_filter_bytes(&bytes))
        } else {
            format!("(entryUUID={})", escape_filter_value(key))
        };
        let base = self.base.clone();
        self.search_users(&base, &filter)
    }

    fn read_dn(&mut self, dn: &str) -> Result<Vec<FoundUser>, LdapFailure> {
        match self.search_scoped(dn, Scope::Base, "(objectClass=*)") {
            Err(e) if e.code == Some(32) || e.code == Some(34) => Ok(Vec::new()),
            other => other,
        }
    }

    fn found_attributes(&self) -> Vec<String> {
        let mut a: Vec<String> = IDENTITY_ATTRIBUTES.iter().map(|s| s.to_string()).collect();
        a.push(self.key_attribute().to_string());
        a.push(self.options.attribute.clone());
        a
    }

    fn search_users(&mut self, base: &str, filter: &str) -> Result<Vec<FoundUser>, LdapFailure> {
        self.search_scoped(base, Scope::Subtree, filter)
    }

    fn search_scoped(&mut self, base: &str, scope: Scope, filter: &str) -> Result<Vec<FoundUser>, LdapFailure> {
        let attributes = self.found_attributes();
        let photo = self.options.attribute.clone();
        let key = self.key_attribute();
        let entries = self
            .runtime
            .block_on(search_entries(&mut self.ldap, base, scope, filter, attributes))?;
        Ok(entries.iter().map(|e| found_user(e, &photo, key)).collect())
    }

    /// Replaces one object's photo attribute with `values` (none: removes it).
    pub fn set_photo(&mut self, dn: &str, values: Vec<Vec<u8>>) -> Result<(), LdapFailure> {
        for v in &values {
            self.check_size(v.len())?;
        }
        let mut outcome = Err(LdapFailure::unavailable("not attempted"));
        let change = Change {
            index: 0,
            dn: dn.to_string(),
            values,
        };
        let attribute = self.options.attribute.clone();
        self.runtime.block_on(apply_changes(
            self.session.clone(),
            self.ldap.clone(),
            &attribute,
            vec![change],
            Concurrency {
                connections: 1,
                pipeline: 1,
            },
            &Cancel::default(),
            |_, r| outcome = r,
        ));
        outcome
    }

    fn check_size(&self, bytes: usize) -> Result<(), LdapFailure> {
        if self.options.attribute.eq_ignore_ascii_case("thumbnailPhoto") && bytes as u64 > AD_THUMBNAIL_LIMIT {
            return Err(LdapFailure {
                kind: "too-large",
                message: format!(
                    "the photo is {bytes} bytes; thumbnailPhoto holds at most {AD_THUMBNAIL_LIMIT} (not sent)"
                ),
                code: None,
                transient: false,
            });
        }
        Ok(())
    }
}

fn found_user(e: &UserEntry, photo: &str, key: &str) -> FoundUser {
    let name = ["samaccountname", "uid", "userprincipalname", "mail", "cn"]
        .iter()
        .find_map(|a| e.text(a))
        .unwrap_or_else(|| e.dn.clone());
    FoundUser {
        address: e.dn.clone(),
        key: e.text(key),
        name,
        photos: e.bytes(photo),
    }
}

impl UserSource for LdapDirectory {
    fn describe(&self) -> String {
        format!("{} ({})", self.url(), self.base)
    }

    fn load(&mut self, required: &[String], optional: &[String]) -> Result<UserTable, UserSourceError> {
        let mut attributes: Vec<String> = required.to_vec();
        attributes.extend(optional.iter().cloned());
        attributes.retain(|a| a != "id");
        let filter = self.user_filter();
        let photo = self.options.attribute.clone();
        let key = self.key_attribute();
        let base = self.base.clone();
        let loaded = self
            .runtime
            .block_on(load_users(&mut self.ldap, &base, &filter, &attributes, &photo, key))
            .map_err(|e| UserSourceError {
                kind: if e.kind == "usage" { "filter" } else { "ldap" },
                message: e.message,
            })?;
        for attribute in required {
            let present = loaded
                .table
                .column(attribute)
                .is_some_and(|c| loaded.table.ids().any(|u| loaded.table.get(u, c).is_some()));
            if !present && !loaded.table.is_empty() {
                return Err(UserSourceError {
                    kind: "missing-column",
                    message: format!("no user under {base} has the attribute '{attribute}'; check its spelling"),
                });
            }
        }
        self.photos = loaded.photos;
        Ok(loaded.table)
    }
}

impl PhotoTarget for LdapDirectory {
    fn describe(&self) -> String {
        self.url().to_string()
    }

    fn preset(&self) -> Preset {
        if self.options.attribute.eq_ignore_ascii_case("thumbnailPhoto") {
            Preset::Ad
        } else {
            Preset::Hd
        }
    }

    fn attribute(&self) -> &str {
        &self.options.attribute
    }

    fn required_attributes(&self) -> Vec<String> {
        Vec::new()
    }

    fn current(&self, _table: &UserTable, user: UserId) -> Current {
        Current::Known(self.photos.get(user as usize).cloned().unwrap_or_default())
    }

    fn key(&self, table: &UserTable, user: UserId) -> Option<String> {
        table.value(user, self.key_attribute()).map(str::to_string)
    }

    fn write(&mut self, table: &UserTable, user: UserId, photo: Option<&[u8]>) -> Result<(), TargetError> {
        let mut result = Err(TargetError::new("internal", "not attempted"));
        let write = PhotoWrite {
            index: 0,
            user,
            photo: photo.map(<[u8]>::to_vec),
        };
        self.write_all(table, vec![write], &Cancel::default(), &mut |_, r| result = r);
        result
    }

    fn write_all(
        &mut self,
        table: &UserTable,
        writes: Vec<PhotoWrite>,
        cancel: &Cancel,
        on_done: &mut dyn FnMut(usize, Result<(), TargetError>),
    ) {
        let mut changes = Vec::with_capacity(writes.len());
        let mut users = std::collections::HashMap::new();
        for w in writes {
            let Some(dn) = table.dn(w.user) else {
                on_done(w.index, Err(TargetError::new("no-dn", "the user has no DN")));
                continue;
            };
            if let Some(p) = &w.photo {
                // Checked here rather than left to the server: real AD answers an
                // over-size value with 19 or 21 depending on version.
                if let Err(e) = self.check_size(p.len()) {
                    on_done(w.index, Err(e.into_target_error()));
                    continue;
                }
            }
            users.insert(w.index, (w.user, w.photo.clone()));
            changes.push(Change {
                index: w.index,
                dn: dn.to_string(),
                values: w.photo.into_iter().collect(),
            });
        }
        let attribute = self.options.attribute.clone();
        let mut written = Vec::new();
        self.runtime.block_on(apply_changes(
            self.session.clone(),
            self.ldap.clone(),
            &attribute,
            changes,
            Concurrency {
                connections: self.options.connections,
                pipeline: self.options.pipeline,
            },
            cancel,
            |index, result| {
                if result.is_ok() {
                    written.push(index);
                }
                on_done(index, result.map_err(LdapFailure::into_target_error));
            },
        ));
        // Keep the view of current photos true for anything that reads it next.
        for index in written {
            if let Some((user, photo)) = users.remove(&index) {
                if let Some(slot) = self.photos.get_mut(user as usize) {
                    *slot = photo.into_iter().collect();
                }
            }
        }
    }

    fn finish(&mut self) -> Result<(), TargetError> {
        Ok(())
    }
}

impl PhotoLookup for LdapDirectory {
    fn describe_directory(&self) -> String {
        self.url().to_string()
    }

    fn photo_attribute(&self) -> String {
        self.options.attribute.clone()
    }

    fn find(&mut self, identity: &str) -> Result<Vec<FoundUser>, TargetError> {
        LdapDirectory::find(self, identity).map_err(LdapFailure::into_target_error)
    }

    fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, TargetError> {
        LdapDirectory::find_by_key(self, key).map_err(LdapFailure::into_target_error)
    }

    fn set_values(&mut self, user: &FoundUser, values: Vec<Vec<u8>>) -> Result<(), TargetError> {
        self.set_photo(&user.address, values)
            .map_err(LdapFailure::into_target_error)
    }
}
