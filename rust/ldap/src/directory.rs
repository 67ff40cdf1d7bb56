//! One directory server as every use case sees it: its users (read with their photos
//! in one search), users found by identity or by stable key, and photos written
//! concurrently.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use ldap3::{Ldap, Scope};
use tokio::runtime::Runtime;

use super::endpoint::endpoint;
use super::escape::{escape_filter_bytes, escape_filter_value};
use super::failure;
use super::guid::guid_from_string;
use super::options::LdapOptions;
use super::root_dse::{read_root_dse, RootDse};
use super::search::{load_users, search_entries, LdapEntry};
use super::session::Session;
use super::tls::client_config;
use super::writer::{apply_changes, Change, Concurrency};
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Current, Directory, Gate, PhotoWrite, Service, UserEntry, Users, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::photo::{Preset, AD_THUMBNAIL_LIMIT};
use adphoto_core::users::{UserId, UserTable};

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
    /// Every value of the photo attribute, by DN, for the users listed or found.
    photos: HashMap<String, Vec<Vec<u8>>>,
    cancel: Cancel,
}

impl LdapDirectory {
    /// Connects, signs in and reads the root DSE. Searches stop waiting once `cancel`
    /// is set.
    pub fn connect(options: LdapOptions, cancel: &Cancel) -> Result<LdapDirectory> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| failure::usage(format!("cannot start the network runtime: {e}")))?;
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
        let (ldap, root) = runtime.block_on(cancellable(cancel, async {
            let mut ldap = session.open().await?;
            let root = read_root_dse(&mut ldap).await?;
            Ok((ldap, root))
        }))?;
        let base = options
            .search_base
            .clone()
            .or_else(|| root.default_base().map(str::to_string))
            .ok_or_else(|| failure::usage("the server names no default naming context: give --search-base"))?;
        Ok(LdapDirectory {
            runtime,
            session,
            ldap,
            root,
            options,
            base,
            photos: HashMap::new(),
            cancel: cancel.clone(),
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
    fn find_one(&mut self, identity: &str) -> Result<Vec<UserEntry>> {
        let identity = identity.trim();
        if identity.is_empty() {
            return Ok(Vec::new());
        }
        let value = escape_filter_value(identity);
        let any: String = IDENTITY_ATTRIBUTES.iter().map(|a| format!("({a}={value})")).collect();
        let filter = format!("(&{}(|{any}))", self.user_filter());
        let base = self.base.clone();
        let mut found = self.search(&base, Scope::Subtree, &filter)?;
        if found.is_empty() && identity.contains('=') {
            // A DN: read it directly (DNs are not searchable by value in every server).
            found = match self.search(identity, Scope::Base, "(objectClass=*)") {
                Err(e) if matches!(e.code(), Some(32) | Some(34)) => Vec::new(),
                other => other?,
            };
        }
        Ok(found)
    }

    /// Finds a user by the stable id a backup recorded (objectGUID or entryUUID).
    fn find_key(&mut self, key: &str) -> Result<Vec<UserEntry>> {
        let filter = if self.root.active_directory {
            let bytes = guid_from_string(key)
                .ok_or_else(|| Error::new(ErrorKind::InvalidKey, format!("'{key}' is not a GUID")))?;
            format!("(objectGUID={})", escape_filter_bytes(&bytes))
        } else {
            format!("(entryUUID={})", escape_filter_value(key))
        };
        let base = self.base.clone();
        self.search(&base, Scope::Subtree, &filter)
    }

    fn search(&mut self, base: &str, scope: Scope, filter: &str) -> Result<Vec<UserEntry>> {
        let mut attributes: Vec<String> = IDENTITY_ATTRIBUTES.iter().map(|s| s.to_string()).collect();
        attributes.push(self.key_attribute().to_string());
        attributes.push(self.options.attribute.clone());
        let search = search_entries(&mut self.ldap, base, scope, filter, attributes);
        let entries = self.runtime.block_on(cancellable(&self.cancel, search))?;
        let (photo, key) = (self.options.attribute.clone(), self.key_attribute());
        Ok(entries
            .iter()
            .map(|e| {
                self.photos.insert(e.dn.clone(), e.bytes(&photo));
                found_user(e, key)
            })
            .collect())
    }

    fn check_size(&self, bytes: usize) -> Result<()> {
        if self.options.attribute.eq_ignore_ascii_case("thumbnailPhoto") && bytes as u64 > AD_THUMBNAIL_LIMIT {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!("the photo is {bytes} bytes; thumbnailPhoto holds at most {AD_THUMBNAIL_LIMIT} (not sent)"),
            ));
        }
        Ok(())
    }
}

/// Runs `work` until it ends or the run is cancelled, whichever comes first.
async fn cancellable<T>(cancel: &Cancel, work: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    let watch = async {
        while !cancel.is_cancelled() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::select! {
        done = work => done,
        () = watch => Err(Error::new(ErrorKind::Cancelled, "cancelled while waiting for the directory")),
    }
}

fn found_user(e: &LdapEntry, key: &str) -> UserEntry {
    let name = ["samaccountname", "uid", "userprincipalname", "mail", "cn"]
        .iter()
        .find_map(|a| e.text(a))
        .unwrap_or_else(|| e.dn.clone());
    UserEntry {
        address: e.dn.clone(),
        key: e.text(key),
        name,
        dn: Some(e.dn.clone()),
    }
}

fn listed_user(table: &UserTable, user: UserId, key: &str) -> UserEntry {
    let dn = table.dn(user).unwrap_or_default().to_string();
    UserEntry {
        address: dn.clone(),
        key: table.value(user, key).map(str::to_string),
        name: table.describe(user),
        dn: Some(dn),
    }
}

impl Directory for LdapDirectory {
    fn describe(&self) -> String {
        format!("{} ({})", self.url(), self.base)
    }

    fn service(&self) -> Service {
        Service::Ldap
    }

    /// The domain of the base (`DC=school,DC=org` → `school.org`), whichever OU is
    /// searched; a base without domain components names itself, with the server.
    fn home(&self) -> String {
        let domain: Vec<&str> = self
            .base
            .split(',')
            .filter_map(|rdn| rdn.trim().split_once('='))
            .filter(|(kind, _)| kind.trim().eq_ignore_ascii_case("dc"))
            .map(|(_, value)| value.trim())
            .collect();
        if domain.is_empty() {
            format!("{} {}", self.url(), self.base).to_lowercase()
        } else {
            domain.join(".").to_lowercase()
        }
    }

    fn photo_attribute(&self) -> &str {
        &self.options.attribute
    }

    fn preset(&self) -> Preset {
        Preset::for_attribute(&self.options.attribute)
    }

    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        let mut attributes: Vec<String> = wanted.required.clone();
        attributes.extend(wanted.optional.iter().cloned());
        attributes.retain(|a| a != "id");
        let filter = self.user_filter();
        let photo = self.options.attribute.clone();
        let key = self.key_attribute();
        let base = self.base.clone();
        let load = load_users(&mut self.ldap, &base, &filter, &attributes, &photo, key);
        let loaded = self.runtime.block_on(cancellable(&self.cancel, load))?;
        for attribute in &wanted.required {
            let present = loaded
                .table
                .column(attribute)
                .is_some_and(|c| loaded.table.ids().any(|u| loaded.table.get(u, c).is_some()));
            if !present && !loaded.table.is_empty() {
                return Err(Error::new(
                    ErrorKind::MissingColumn,
                    format!("no user under {base} has the attribute '{attribute}'; check its spelling"),
                ));
            }
        }
        let table = loaded.table;
        let entries: Vec<UserEntry> = table.ids().map(|u| listed_user(&table, u, key)).collect();
        self.photos = entries.iter().map(|e| e.address.clone()).zip(loaded.photos).collect();
        Ok(Users { table, entries })
    }

    fn current(&self, user: &UserEntry) -> Current {
        match self.photos.get(&user.address) {
            Some(values) => Current::from_values(values.clone()),
            // Neither listed nor found: nothing is known, so nothing may be replaced.
            None => Current::Unreadable(Error::new(
                ErrorKind::NotFound,
                format!("{} was not read from the directory", user.name),
            )),
        }
    }

    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        identities.iter().map(|i| self.find_one(i)).collect()
    }

    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        keys.iter().map(|k| self.find_key(k.trim())).collect()
    }

    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        let mut changes = Vec::with_capacity(writes.len());
        let mut photos = HashMap::new();
        for w in writes {
            if w.address.is_empty() {
                on_done(w.index, Err(Error::new(ErrorKind::NoDn, "the user has no DN")));
                continue;
            }
            // Checked here rather than left to the server: real AD answers an over-size
            // value with 19 or 21 depending on version.
            if let Some(e) = w.values.iter().find_map(|v| self.check_size(v.len()).err()) {
                on_done(w.index, Err(e));
                continue;
            }
            photos.insert(w.index, (w.address.clone(), w.values.clone()));
            changes.push(Change {
                index: w.index,
                dn: w.address,
                values: w.values,
            });
        }
        let attribute = self.options.attribute.clone();
        let mut written = Vec::new();
        let concurrency = Concurrency {
            connections: self.options.connections,
            pipeline: self.options.pipeline,
        };
        let (session, ldap) = (self.session.clone(), self.ldap.clone());
        self.runtime.block_on(apply_changes(
            session,
            ldap,
            &attribute,
            changes,
            concurrency,
            gate,
            |index, result| {
                if result.is_ok() {
                    written.push(index);
                }
                on_done(index, result);
            },
        ));
        // Keep the view of current photos true for anything that reads it next.
        for index in written {
            if let Some((dn, values)) = photos.remove(&index) {
                self.photos.insert(dn, values);
            }
        }
    }
}
