//! A Microsoft 365 tenant as a run sees it: its users (listed for matching, or looked
//! up by identity), their current photos (read in bulk, only where needed), and where
//! the new photos go. Implements the same three interfaces as an LDAP directory, so
//! `set`, the tasks and the C ABI jobs work on it unchanged.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use super::client::{batch_photo_bytes, filter_path, item_failure, photo_path, user_path, GraphClient, ItemAnswer};
use super::failure::into_target_error;
use super::options::GraphOptions;
use super::photo_cache::{PhotoCache, PhotoState};
use crate::cancel::Cancel;
use crate::cloud::CloudError;
use crate::parallel::for_each_parallel;
use crate::photo::Preset;
use crate::targets::{Current, PhotoTarget, PhotoWrite, TargetError};
use crate::tasks::{FoundUser, PhotoLookup};
use crate::users::{canonical_attribute, UserId, UserSource, UserSourceError, UserTable};

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
    /// Current photos by object id, read by `prefetch` (in the background) or as needed.
    photos: Arc<PhotoCache>,
    /// Identities already looked up, by their lower-case text.
    resolved: HashMap<String, Result<Vec<Value>, TargetError>>,
    cancel: Cancel,
}

impl GraphDirectory {
    /// Checks the options, loads the credential and signs in (bad credentials are
    /// reported here, before any work).
    pub fn connect(options: GraphOptions) -> Result<GraphDirectory, CloudError> {
        let client = GraphClient::new(&options)?;
        client.sign_in()?;
        Ok(GraphDirectory {
            client: Arc::new(client),
            options,
            photos: Arc::new(PhotoCache::default()),
            resolved: HashMap::new(),
            cancel: Cancel::default(),
        })
    }

    /// Reads and lookups stop waiting once `cancel` is set.
    pub fn set_cancel(&mut self, cancel: Cancel) {
        self.cancel = cancel;
    }

    pub fn url(&self) -> String {
        format!("{} (tenant {})", self.client.graph_url(), self.options.tenant)
    }

    pub fn client(&self) -> &GraphClient {
        &self.client
    }

    /// Reads the photos of the users not read (or being read) yet, twenty per `$batch`.
    pub fn read_photos(&self, ids: &[String]) {
        let claimed = self.photos.claim(ids);
        fetch_photos(&self.client, &self.photos, claimed, &self.cancel);
    }

    fn photo_of(&self, id: &str) -> PhotoState {
        if let Some(s) = self.photos.get(id) {
            return s;
        }
        self.read_photos(&[id.to_string()]);
        self.photos
            .get(id)
            .unwrap_or_else(|| PhotoState::Failed(TargetError::new("internal", "the photo was not read")))
    }

    /// Looks many identities up at once (object ids and UPNs directly, then mail and
    /// employee id by filter, twenty per `$batch`), and reads their photos. Later
    /// `find` calls for them are answered from what this found.
    pub fn resolve(&mut self, identities: &[String]) {
        let todo: Vec<String> = identities
            .iter()
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty() && !self.resolved.contains_key(&i.to_lowercase()))
            .collect::<std::collections::BTreeSet<_>>()
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
        self.read_photos(&ids);
    }

    fn found_user(&self, user: &Value) -> Result<FoundUser, TargetError> {
        let id = text(user, "id").ok_or_else(|| TargetError::new("invalid-response", "a user without an id"))?;
        let name = text(user, "userPrincipalName")
            .or_else(|| text(user, "displayName"))
            .unwrap_or_else(|| id.clone());
        let photos = match self.photo_of(&id) {
            PhotoState::Absent => Vec::new(),
            PhotoState::Present(p) => vec![p],
            PhotoState::Failed(e) => return Err(e),
        };
        Ok(FoundUser {
            address: id.clone(),
            key: Some(id),
            name,
            photos,
        })
    }

    fn write_one(&self, id: &str, photo: Option<&[u8]>, cancel: &Cancel) -> Result<(), TargetError> {
        let sent = match photo {
            Some(p) => self.client.put_photo(id, p, cancel),
            None => self.client.delete_photo(id, cancel),
        };
        sent.map_err(into_target_error)?;
        let state = match photo {
            Some(p) => PhotoState::Present(p.to_vec()),
            None => PhotoState::Absent,
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
fn users_of(identity: &str, answer: Result<ItemAnswer, CloudError>) -> Result<Vec<Value>, TargetError> {
    let answer = answer.map_err(into_target_error)?;
    match answer.status {
        200 => Ok(match answer.body.get("value").and_then(Value::as_array) {
            Some(list) => list.clone(),
            None => vec![answer.body],
        }),
        404 => Ok(Vec::new()),
        _ => Err(into_target_error(item_failure(&answer, &format!("look up {identity}")))),
    }
}

/// Reads `ids` (claimed in `cache`) and fills the cache with what Graph says, whatever
/// happens: a waiting planner worker must never wait for ever.
fn fetch_photos(client: &GraphClient, cache: &PhotoCache, ids: Vec<String>, cancel: &Cancel) {
    if ids.is_empty() {
        return;
    }
    let paths: Vec<String> = ids.iter().map(|id| photo_path(id)).collect();
    let answers = crate::parallel::catch_panic(|| client.batch_get(&paths, cancel))
        .unwrap_or_else(|panic| vec![Err(CloudError::new("internal", format!("internal error: {panic}"))); ids.len()]);
    let mut answers = answers.into_iter();
    for id in ids {
        let answer = answers
            .next()
            .unwrap_or_else(|| Err(CloudError::new("internal", "no answer")));
        let state = photo_state(&id, answer);
        cache.fill(&id, state);
    }
}

fn photo_state(id: &str, answer: Result<ItemAnswer, CloudError>) -> PhotoState {
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return PhotoState::Failed(into_target_error(e)),
    };
    match answer.status {
        200 => match batch_photo_bytes(&answer) {
            Ok(bytes) => PhotoState::Present(bytes),
            Err(e) => PhotoState::Failed(into_target_error(e)),
        },
        _ => {
            let e = item_failure(&answer, &format!("read the photo of {id}"));
            // 404 ImageNotFound: the user simply has no photo.
            if e.kind == "no-photo" {
                PhotoState::Absent
            } else {
                PhotoState::Failed(into_target_error(e))
            }
        }
    }
}

impl UserSource for GraphDirectory {
    fn describe(&self) -> String {
        self.url()
    }

    fn load(&mut self, required: &[String], _optional: &[String]) -> Result<UserTable, UserSourceError> {
        for attribute in required {
            let name = canonical_attribute(attribute);
            if !COLUMNS.iter().any(|(_, c)| *c == name) {
                return Err(UserSourceError {
                    kind: "missing-column",
                    message: format!(
                        "Microsoft Graph users have no attribute '{attribute}'; use {}",
                        COLUMNS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        }
        let users = self.client.list_users(&self.cancel).map_err(|e| UserSourceError {
            kind: "graph",
            message: e.message,
        })?;
        let columns: Vec<&str> = COLUMNS.iter().map(|(_, c)| *c).collect();
        let mut table = UserTable::new(&columns);
        for user in users {
            if !self.options.include_disabled && user.get("accountEnabled") == Some(&Value::Bool(false)) {
                continue;
            }
            table.push(COLUMNS.iter().map(|(p, _)| text(&user, p)).collect(), 0);
        }
        Ok(table)
    }
}

impl PhotoTarget for GraphDirectory {
    fn describe(&self) -> String {
        self.url()
    }

    fn preset(&self) -> Preset {
        Preset::Hd
    }

    fn attribute(&self) -> &str {
        PHOTO_ATTRIBUTE
    }

    fn required_attributes(&self) -> Vec<String> {
        Vec::new()
    }

    fn current(&self, table: &UserTable, user: UserId) -> Current {
        let Some(id) = table.value(user, "id") else {
            return Current::Unknown;
        };
        match self.photo_of(id) {
            PhotoState::Absent => Current::Known(Vec::new()),
            PhotoState::Present(p) => Current::Known(vec![p]),
            PhotoState::Failed(_) => Current::Unknown,
        }
    }

    /// Starts reading the photos in the background and returns: the planner converts
    /// while Graph answers, and waits only for a photo it needs that has not come yet.
    fn prefetch(&mut self, table: &UserTable, users: &[UserId]) {
        let ids: Vec<String> = users
            .iter()
            .filter_map(|u| table.value(*u, "id").map(str::to_string))
            .collect();
        let claimed = self.photos.claim(&ids);
        if claimed.is_empty() {
            return;
        }
        let (client, cache, cancel) = (self.client.clone(), self.photos.clone(), self.cancel.clone());
        let spawned = std::thread::Builder::new().name("graph-prefetch".into()).spawn({
            let claimed = claimed.clone();
            move || fetch_photos(&client, &cache, claimed, &cancel)
        });
        if spawned.is_err() {
            // No thread to spare: read them here instead.
            fetch_photos(&self.client, &self.photos, claimed, &self.cancel);
        }
    }

    fn key(&self, table: &UserTable, user: UserId) -> Option<String> {
        table.value(user, "id").map(str::to_string)
    }

    fn write(&mut self, table: &UserTable, user: UserId, photo: Option<&[u8]>) -> Result<(), TargetError> {
        let mut result = Err(TargetError::new("internal", "not attempted"));
        let write = PhotoWrite {
            index: 0,
            user,
            photo: photo.map(<[u8]>::to_vec),
        };
        let cancel = self.cancel.clone();
        self.write_all(table, vec![write], &cancel, &mut |_, r| result = r);
        result
    }

    fn write_all(
        &mut self,
        table: &UserTable,
        writes: Vec<PhotoWrite>,
        cancel: &Cancel,
        on_done: &mut dyn FnMut(usize, Result<(), TargetError>),
    ) {
        let mut jobs = Vec::with_capacity(writes.len());
        for w in writes {
            let Some(id) = table.value(w.user, "id") else {
                on_done(w.index, Err(TargetError::new("no-id", "the user has no object id")));
                continue;
            };
            // Never replace a photo that could not be read, and so not backed up.
            if let Some(PhotoState::Failed(e)) = self.photos.get(id) {
                let message = format!("the current photo could not be read to back it up first: {}", e.message);
                on_done(w.index, Err(TargetError { message, ..e.clone() }));
                continue;
            }
            jobs.push((w.index, id.to_string(), w.photo));
        }
        let this = &*self;
        for_each_parallel(
            jobs,
            this.client.workers(),
            || (),
            |_, (index, id, photo)| {
                let result = if cancel.is_cancelled() {
                    Err(TargetError::cancelled())
                } else {
                    this.write_one(&id, photo.as_deref(), cancel)
                };
                (index, result)
            },
            |(index, result)| on_done(index, result),
        );
    }

    fn finish(&mut self) -> Result<(), TargetError> {
        Ok(())
    }
}

impl PhotoLookup for GraphDirectory {
    fn describe_directory(&self) -> String {
        self.url()
    }

    fn photo_attribute(&self) -> String {
        PHOTO_ATTRIBUTE.to_string()
    }

    fn find(&mut self, identity: &str) -> Result<Vec<FoundUser>, TargetError> {
        let identity = identity.trim();
        self.resolve(&[identity.to_string()]);
        let users = self
            .resolved
            .get(&identity.to_lowercase())
            .cloned()
            .unwrap_or_else(|| Err(TargetError::new("internal", "the lookup gave no answer")))?;
        users.iter().map(|u| self.found_user(u)).collect()
    }

    fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, TargetError> {
        if !is_guid(key.trim()) {
            return Err(TargetError::new("invalid-key", format!("'{key}' is not an object id")));
        }
        let user = self
            .client
            .get_user(key.trim(), &self.cancel)
            .map_err(into_target_error)?;
        match user {
            Some(u) => Ok(vec![self.found_user(&u)?]),
            None => Ok(Vec::new()),
        }
    }

    fn set_values(&mut self, user: &FoundUser, values: Vec<Vec<u8>>) -> Result<(), TargetError> {
        let cancel = self.cancel.clone();
        self.write_one(&user.address, values.first().map(Vec::as_slice), &cancel)
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
        assert_eq!(users_of("x", Ok(denied)).unwrap_err().kind, "access-denied");
        let no_photo = ItemAnswer {
            status: 404,
            body: serde_json::json!({"error": {"code": "ImageNotFound", "message": "x"}}),
        };
        assert!(matches!(photo_state("a", Ok(no_photo)), PhotoState::Absent));
    }
}
