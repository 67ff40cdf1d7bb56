//! A Microsoft 365 tenant as every use case sees it: its users (listed for matching,
//! or looked up by identity twenty per `$batch`), their current photos (read in bulk,
//! in the background while photos convert), and photo uploads at bounded concurrency.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde_json::Value;

use super::client::{batch_photo_bytes, filter_path, item_failure, photo_path, user_path, GraphClient, ItemAnswer};
use super::options::GraphOptions;
use super::photo_cache::PhotoCache;
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Current, Directory, Gate, PhotoWrite, Service, UserEntry, Users, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::parallel::for_each_parallel;
use adphoto_core::photo::Preset;
use adphoto_core::users::{canonical_attribute, UserTable};

/// Graph's user properties and the table columns (canonical names) they fill.
const COLUMNS: [(&str, &str); 7] = [
    ("id", "id"),
    ("userPrincipalName", "userprincipalname"),
    ("mail", "mail"),
    ("givenName", "givenname"),
    ("surname", "sn"),
    ("employeeId", "employeeid"),
    ("displayName", "displayname"),
];

/// The name backups and the journal file Graph photos under.
pub const PHOTO_ATTRIBUTE: &str = "photo";

pub struct GraphDirectory {
    client: Arc<GraphClient>,
    options: GraphOptions,
    /// Current photos by object id, read in the background or as needed.
    photos: Arc<PhotoCache>,
    /// Identities already looked up, by their lower-case text.
    resolved: HashMap<String, Result<Vec<Value>>>,
    cancel: Cancel,
}

impl GraphDirectory {
    /// Checks the options, loads the credential and signs in (bad credentials are
    /// reported here, before any work). Reads and lookups stop once `cancel` is set.
    pub fn connect(options: GraphOptions, cancel: &Cancel) -> Result<GraphDirectory> {
        let client = GraphClient::new(&options)?;
        client.sign_in()?;
        Ok(GraphDirectory {
            client: Arc::new(client),
            options,
            photos: Arc::new(PhotoCache::default()),
            resolved: HashMap::new(),
            cancel: cancel.clone(),
        })
    }

    pub fn url(&self) -> String {
        format!("{} (tenant {})", self.client.graph_url(), self.options.tenant)
    }

    pub fn client(&self) -> &GraphClient {
        &self.client
    }

    /// Reads the photos of the users not read (or being read) yet, twenty per `$batch`.
    fn read_now(&self, ids: &[String]) {
        let claimed = self.photos.claim(ids);
        fetch_photos(&self.client, &self.photos, claimed, &self.cancel);
    }

    /// Looks many identities up at once (object ids and UPNs directly, then mail and
    /// employee id by filter, twenty per `$batch`), and reads their photos.
    fn resolve(&mut self, identities: &[String]) {
        let todo: Vec<String> = identities
            .iter()
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty() && !self.resolved.contains_key(&i.to_lowercase()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if todo.is_empty() {
            return;
        }
        let first: Vec<String> = todo
            .iter()
            .map(|i| {
                if i.contains('@') || is_guid(i) {
                    user_path(i)
                } else {
                    filter_path("employeeId", i)
                }
            })
            .collect();
        let answers = self.client.batch_get(&first, &self.cancel);
        let mut by_mail = Vec::new();
        for (identity, answer) in todo.iter().zip(answers) {
            let found = match answer {
                Ok(a) if a.status == 404 && identity.contains('@') => {
                    by_mail.push(identity.clone());
                    continue;
                }
                other => users_of(identity, other),
            };
            self.resolved.insert(identity.to_lowercase(), found);
        }
        if !by_mail.is_empty() {
            let paths: Vec<String> = by_mail.iter().map(|m| filter_path("mail", m)).collect();
            let answers = self.client.batch_get(&paths, &self.cancel);
            for (identity, answer) in by_mail.iter().zip(answers) {
                self.resolved
                    .insert(identity.to_lowercase(), users_of(identity, answer));
            }
        }
        let include_disabled = self.options.include_disabled;
        for users in self.resolved.values_mut().flatten() {
            users.retain(|u| include_disabled || u.get("accountEnabled") != Some(&Value::Bool(false)));
        }
        let ids: Vec<String> = self
            .resolved
            .values()
            .filter_map(|r| r.as_ref().ok())
            .flatten()
            .filter_map(|u| u.get("id").and_then(Value::as_str).map(str::to_string))
            .collect();
        self.read_now(&ids);
    }

    fn resolved(&self, identity: &str) -> Result<Vec<UserEntry>> {
        let users = self
            .resolved
            .get(&identity.trim().to_lowercase())
            .cloned()
            .unwrap_or_else(|| Err(Error::internal("the lookup gave no answer")))?;
        users.iter().map(entry_of).collect()
    }

    fn write_one(&self, id: &str, photo: Option<&[u8]>, cancel: &Cancel) -> Result<()> {
        let sent = match photo {
            Some(p) => self.client.put_photo(id, p, cancel),
            None => self.client.delete_photo(id, cancel),
        };
        // A request whose answer never came may have been applied.
        sent.map_err(|e| {
            let lost = matches!(e.kind(), ErrorKind::Network | ErrorKind::Timeout);
            e.in_doubt(lost)
        })?;
        let state = match photo {
            Some(p) => Current::Photo(vec![p.to_vec()]),
            None => Current::Absent,
        };
        self.photos.fill(id, state);
        Ok(())
    }
}

fn text(user: &Value, property: &str) -> Option<String> {
    user.get(property)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn entry_of(user: &Value) -> Result<UserEntry> {
    let id = text(user, "id").ok_or_else(|| Error::new(ErrorKind::InvalidResponse, "a user without an id"))?;
    let name = text(user, "userPrincipalName")
        .or_else(|| text(user, "displayName"))
        .unwrap_or_else(|| id.clone());
    Ok(UserEntry {
        address: id.clone(),
        key: Some(id),
        name,
        dn: None,
    })
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: an object id.
fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The users an identity lookup found: one (a direct read), any number (a filter),
/// none (404).
fn users_of(identity: &str, answer: Result<ItemAnswer>) -> Result<Vec<Value>> {
    let answer = answer?;
    match answer.status {
        200 => Ok(match answer.body.get("value").and_then(Value::as_array) {
            Some(list) => list.clone(),
            None => vec![answer.body],
        }),
        404 => Ok(Vec::new()),
        _ => Err(item_failure(&answer, &format!("look up {identity}"))),
    }
}

/// Reads `ids` (claimed in `cache`) and fills the cache with what Graph says, whatever
/// happens: a waiting planner worker must never wait for ever.
fn fetch_photos(client: &GraphClient, cache: &PhotoCache, ids: Vec<String>, cancel: &Cancel) {
    if ids.is_empty() {
        return;
    }
    let paths: Vec<String> = ids.iter().map(|id| photo_path(id)).collect();
    let answers = adphoto_core::parallel::catch_panic(|| client.batch_get(&paths, cancel))
        .unwrap_or_else(|panic| vec![Err(Error::internal(format!("internal error: {panic}"))); ids.len()]);
    let mut answers = answers.into_iter();
    for id in ids {
        let answer = answers.next().unwrap_or_else(|| Err(Error::internal("no answer")));
        cache.fill(&id, photo_state(&id, answer));
    }
}

fn photo_state(id: &str, answer: Result<ItemAnswer>) -> Current {
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return Current::Unreadable(e),
    };
    match answer.status {
        200 => match batch_photo_bytes(&answer) {
            Ok(bytes) => Current::Photo(vec![bytes]),
            Err(e) => Current::Unreadable(e),
        },
        _ => {
            let e = item_failure(&answer, &format!("read the photo of {id}"));
            // 404 ImageNotFound: the user simply has no photo.
            if e.kind() == ErrorKind::NoPhoto {
                Current::Absent
            } else {
                Current::Unreadable(e)
            }
        }
    }
}

impl Directory for GraphDirectory {
    fn describe(&self) -> String {
        self.url()
    }

    fn service(&self) -> Service {
        Service::Graph
    }

    /// The tenant (its id or a verified domain, as the administrator names it).
    fn home(&self) -> String {
        self.options.tenant.trim().to_lowercase()
    }

    fn photo_attribute(&self) -> &str {
        PHOTO_ATTRIBUTE
    }

    fn preset(&self) -> Preset {
        Preset::Hd
    }

    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        for attribute in &wanted.required {
            let name = canonical_attribute(attribute);
            if !COLUMNS.iter().any(|(_, c)| *c == name) {
                return Err(Error::new(
                    ErrorKind::MissingColumn,
                    format!(
                        "Microsoft Graph users have no attribute '{attribute}'; use {}",
                        COLUMNS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
        let users = self.client.list_users(&self.cancel)?;
        let columns: Vec<&str> = COLUMNS.iter().map(|(_, c)| *c).collect();
        let mut table = UserTable::new(&columns);
        let mut entries = Vec::new();
        for user in users {
            if !self.options.include_disabled && user.get("accountEnabled") == Some(&Value::Bool(false)) {
                continue;
            }
            let Ok(entry) = entry_of(&user) else { continue };
            table.push(COLUMNS.iter().map(|(p, _)| text(&user, p)).collect(), 0);
            entries.push(entry);
        }
        Ok(Users { table, entries })
    }

    /// Starts reading the photos in the background and returns: the planner converts
    /// while Graph answers, and waits only for a photo it needs that has not come yet.
    fn read_photos(&mut self, users: &[UserEntry]) {
        let ids: Vec<String> = users.iter().map(|u| u.address.clone()).collect();
        let claimed = self.photos.claim(&ids);
        if claimed.is_empty() {
            return;
        }
        let (client, cache, cancel) = (self.client.clone(), self.photos.clone(), self.cancel.clone());
        let spawned = std::thread::Builder::new().name("graph-photos".into()).spawn({
            let claimed = claimed.clone();
            move || fetch_photos(&client, &cache, claimed, &cancel)
        });
        if spawned.is_err() {
            // No thread to spare: read them here instead.
            fetch_photos(&self.client, &self.photos, claimed, &self.cancel);
        }
    }

    fn current(&self, user: &UserEntry) -> Current {
        if let Some(state) = self.photos.get(&user.address) {
            return state;
        }
        self.read_now(std::slice::from_ref(&user.address));
        self.photos
            .get(&user.address)
            .unwrap_or_else(|| Current::Unreadable(Error::internal("the photo was not read")))
    }

    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        self.resolve(identities);
        identities.iter().map(|i| self.resolved(i)).collect()
    }

    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        let ids: Vec<String> = keys
            .iter()
            .map(|k| k.trim().to_string())
            .filter(|k| is_guid(k))
            .collect();
        self.resolve(&ids);
        keys.iter()
            .map(|key| {
                let key = key.trim();
                if !is_guid(key) {
                    return Err(Error::new(
                        ErrorKind::InvalidKey,
                        format!("'{key}' is not an object id"),
                    ));
                }
                Ok(self.resolved(key)?.into_iter().filter(|u| u.address == key).collect())
            })
            .collect()
    }

    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        let this = &*self;
        for_each_parallel(
            writes,
            this.client.workers(),
            || (),
            |_, w| {
                let result = gate
                    .admit()
                    .and_then(|()| this.write_one(&w.address, w.photo(), gate.cancel()));
                (w.index, result)
            },
            |(index, result)| {
                gate.observe(&result);
                on_done(index, result)
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_ids_are_recognised() {
        assert!(is_guid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!is_guid("0f8fad5b-d9cb-469f-a165-70867728950"));
        assert!(!is_guid("jsmith@example.org"));
    }

    #[test]
    fn lookups_read_one_user_or_a_filtered_list() {
        let one = ItemAnswer {
            status: 200,
            body: serde_json::json!({"id": "a"}),
        };
        assert_eq!(users_of("x", Ok(one)).unwrap().len(), 1);
        let list = ItemAnswer {
            status: 200,
            body: serde_json::json!({"value": [{"id": "a"}, {"id": "b"}]}),
        };
        assert_eq!(users_of("x", Ok(list)).unwrap().len(), 2);
        let none = ItemAnswer {
            status: 404,
            body: Value::Null,
        };
        assert!(users_of("x", Ok(none)).unwrap().is_empty());
        let denied = ItemAnswer {
            status: 403,
            body: serde_json::json!({"error": {"code": "Authorization_RequestDenied", "message": "no"}}),
        };
        assert_eq!(users_of("x", Ok(denied)).unwrap_err().kind(), ErrorKind::AccessDenied);
        let no_photo = ItemAnswer {
            status: 404,
            body: serde_json::json!({"error": {"code": "ImageNotFound", "message": "x"}}),
        };
        assert_eq!(photo_state("a", Ok(no_photo)), Current::Absent);
    }
}
