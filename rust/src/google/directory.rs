//! One Google Workspace domain, as the run sees it: where users come from (users.list)
//! and where their photos go (users.photos), with backups keyed by Google's user id.

use std::collections::{HashMap, HashSet};

use super::client::{Api, Upload};
use super::failure::GoogleFailure;
use super::ledger::Ledger;
use super::options::GoogleOptions;
use super::wire::ApiUser;
use crate::cancel::Cancel;
use crate::parallel::for_each_parallel;
use crate::photo::{Preset, GOOGLE_PHOTO_LIMIT};
use crate::targets::{Current, PhotoTarget, PhotoWrite, TargetError};
use crate::tasks::{FoundUser, PhotoLookup};
use crate::users::{canonical_attribute, UserId, UserSource, UserSourceError, UserTable};

/// What the photo is called in backups, journals and messages.
pub const PHOTO_ATTRIBUTE: &str = "googlePhoto";

/// The user attributes a Google source offers to naming templates, in table order.
/// `primaryEmail` is also offered as `mail` and `userPrincipalName`, so the default
/// templates and mapping CSVs made for Microsoft work unchanged; `username` is the
/// part of the address before the `@`.
const COLUMNS: [&str; 12] = [
    "id",
    "primaryemail",
    "userprincipalname",
    "mail",
    "givenname",
    "sn",
    "displayname",
    "fullname",
    "employeeid",
    "orgunitpath",
    "username",
    "suspended",
];

/// What is known of one user's photo before writing.
#[derive(Debug, Clone, Default)]
struct PhotoState {
    /// `thumbnailPhotoEtag` as last seen (none: no photo).
    etag: Option<String>,
    /// The photo's bytes: what ADPhoto uploaded (see the ledger), or Google's copy.
    bytes: Option<Vec<u8>>,
    /// The photo exists but could not be read, so it cannot be backed up.
    unreadable: Option<String>,
}

impl PhotoState {
    fn current(&self) -> Current {
        match (&self.etag, &self.bytes, &self.unreadable) {
            (None, _, _) => Current::Known(Vec::new()),
            (Some(_), Some(b), _) => Current::Known(vec![b.clone()]),
            (Some(_), None, _) => Current::Unknown,
        }
    }
}

pub struct GoogleDirectory {
    api: Api,
    options: GoogleOptions,
    ledger: Ledger,
    /// Per loaded user (by table position): id and photo state.
    ids: Vec<String>,
    photos: Vec<PhotoState>,
    /// Photo etags of users found one at a time (tasks), by id.
    found: HashMap<String, Option<String>>,
}

impl GoogleDirectory {
    /// Reads the key file, signs in as the subject and checks that the API answers.
    pub fn connect(options: GoogleOptions) -> Result<GoogleDirectory, GoogleFailure> {
        options.org_unit_query().map_err(GoogleFailure::usage)?;
        if !options.subject.contains('@') {
            return Err(GoogleFailure::usage(format!(
                "--subject '{}' must be an administrator's email address",
                options.subject
            )));
        }
        let api = Api::connect(&options)?;
        let ledger = Ledger::open(&api.state_folder(&options));
        Ok(GoogleDirectory {
            api,
            options,
            ledger,
            ids: Vec::new(),
            photos: Vec::new(),
            found: HashMap::new(),
        })
    }

    /// For messages: the API and what part of the domain is worked on.
    pub fn url(&self) -> String {
        self.api.base_url().to_string()
    }

    fn scope(&self) -> String {
        let who = match &self.options.domain {
            Some(d) => format!("domain {d}"),
            None => format!("customer {}", self.options.customer.as_deref().unwrap_or("my_customer")),
        };
        match &self.options.org_unit {
            Some(ou) => format!("{who}, {ou}"),
            None => who,
        }
    }

    /// The users of the options' scope, suspended ones left out unless asked.
    fn list(&self) -> Result<Vec<ApiUser>, GoogleFailure> {
        let query = self.options.org_unit_query().map_err(GoogleFailure::usage)?;
        let users = self.api.list_users(&self.options, query.as_deref())?;
        Ok(users
            .into_iter()
            .filter(|u| self.options.include_suspended || !u.suspended)
            .collect())
    }

    /// Whether a user found one at a time is in the options' scope (as a search under
    /// a base is in LDAP).
    fn in_scope(&self, user: &ApiUser) -> bool {
        let suspended_ok = self.options.include_suspended || !user.suspended;
        let unit_ok = match self
            .options
            .org_unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            None | Some("/") => true,
            Some(unit) => {
                let have = user.org_unit_path.as_deref().unwrap_or("/").to_ascii_lowercase();
                let unit = unit.trim_end_matches('/').to_ascii_lowercase();
                have == unit || have.starts_with(&format!("{unit}/"))
            }
        };
        let domain_ok = self.options.domain.as_deref().is_none_or(|d| {
            user.primary_email
                .rsplit_once('@')
                .is_some_and(|(_, ud)| ud.eq_ignore_ascii_case(d))
        });
        suspended_ok && unit_ok && domain_ok
    }

    /// What the listing tells of each user's photo: none, or (by its etag) the one
    /// ADPhoto uploaded. Other photos are read only when needed (`prefetch`).
    fn photo_states(&self, users: &[ApiUser]) -> Vec<PhotoState> {
        users
            .iter()
            .map(|u| {
                let etag = u.thumbnail_photo_etag.clone().filter(|e| !e.is_empty());
                let bytes = etag.as_deref().and_then(|e| self.ledger.uploaded(&u.id, e));
                PhotoState {
                    etag,
                    bytes,
                    unreadable: None,
                }
            })
            .collect()
    }

    fn found_user(&mut self, user: &ApiUser) -> Result<FoundUser, GoogleFailure> {
        let etag = user.thumbnail_photo_etag.clone().filter(|e| !e.is_empty());
        let photos = match &etag {
            None => Vec::new(),
            Some(e) => match self.ledger.uploaded(&user.id, e) {
                Some(bytes) => vec![bytes],
                None => self.api.get_photo(&user.id)?.into_iter().collect(),
            },
        };
        self.found.insert(user.id.clone(), etag);
        Ok(FoundUser {
            address: user.id.clone(),
            key: Some(user.id.clone()),
            name: user.primary_email.clone(),
            photos,
        })
    }

    /// Finds users by primary email, alias, Google id or employee id.
    pub fn find(&mut self, identity: &str) -> Result<Vec<FoundUser>, GoogleFailure> {
        let identity = identity.trim();
        if identity.is_empty() {
            return Ok(Vec::new());
        }
        let mut users: Vec<ApiUser> = self.api.get_user(identity)?.into_iter().collect();
        if users.is_empty() && !identity.contains('@') {
            users = self.api.find_by_external_id(&self.options, identity)?;
        }
        users.retain(|u| self.in_scope(u));
        users.iter().map(|u| self.found_user(u)).collect()
    }

    /// Finds the user a backup's key (Google's immutable user id) names.
    pub fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, GoogleFailure> {
        let key = key.trim();
        if key.is_empty() || key.contains('@') {
            return Ok(Vec::new());
        }
        let users: Vec<ApiUser> = self.api.get_user(key)?.into_iter().filter(|u| u.id == key).collect();
        users.iter().map(|u| self.found_user(u)).collect()
    }

    /// Replaces one user's photo (`None`: removes it), knowing the etag it showed.
    fn put(
        &mut self,
        id: &str,
        prior_etag: Option<&str>,
        photo: Option<&[u8]>,
    ) -> Result<Option<String>, GoogleFailure> {
        match photo {
            Some(jpeg) => {
                check_size(jpeg.len())?;
                let upload = Upload { id, jpeg, prior_etag };
                let etag = self.api.upload(&upload, &Cancel::default())?;
                self.remember(id, Some((&etag, jpeg)));
                Ok(Some(etag))
            }
            None => {
                self.api.delete_photo(id, &Cancel::default())?;
                self.remember(id, None);
                Ok(None)
            }
        }
    }

    /// Keeps the ledger true. A ledger that cannot be written only means the next run
    /// uploads this photo again, so it never fails the write that succeeded.
    fn remember(&mut self, id: &str, uploaded: Option<(&str, &[u8])>) {
        let result = match uploaded {
            Some((etag, jpeg)) => self.ledger.record(id, etag, jpeg),
            None => self.ledger.forget(id),
        };
        if let Err(e) = result {
            self.api
                .warn(format!("{e} (the next run will upload this photo again)"));
        }
    }
}

fn check_size(bytes: usize) -> Result<(), GoogleFailure> {
    if bytes as u64 > GOOGLE_PHOTO_LIMIT {
        return Err(GoogleFailure::new(
            "too-large",
            format!("the photo is {bytes} bytes; ADPhoto sends Google at most {GOOGLE_PHOTO_LIMIT} (not sent)"),
        ));
    }
    Ok(())
}

fn table_row(u: &ApiUser) -> Vec<Option<String>> {
    let name = u.name.clone().unwrap_or_default();
    let username = u.primary_email.split_once('@').map(|(local, _)| local.to_string());
    vec![
        Some(u.id.clone()),
        Some(u.primary_email.clone()),
        Some(u.primary_email.clone()),
        Some(u.primary_email.clone()),
        name.given_name,
        name.family_name,
        name.full_name.clone(),
        name.full_name,
        u.employee_id(),
        u.org_unit_path.clone(),
        username,
        Some(u.suspended.to_string()),
    ]
}

impl UserSource for GoogleDirectory {
    fn describe(&self) -> String {
        format!("Google Workspace {} ({})", self.url(), self.scope())
    }

    fn load(&mut self, required: &[String], _optional: &[String]) -> Result<UserTable, UserSourceError> {
        let offered: HashSet<&str> = COLUMNS.into_iter().collect();
        if let Some(missing) = required
            .iter()
            .find(|a| !offered.contains(canonical_attribute(a).as_str()))
        {
            return Err(UserSourceError {
                kind: "missing-column",
                message: format!(
                    "Google users have no attribute '{missing}' (there are: id, primaryEmail, mail, \
                     userPrincipalName, givenName, familyName, fullName, employeeId, orgUnitPath, username)"
                ),
            });
        }
        let users = self.list().map_err(GoogleFailure::into_source_error)?;
        self.photos = self.photo_states(&users);
        let mut table = UserTable::new(&COLUMNS);
        self.ids = users.iter().map(|u| u.id.clone()).collect();
        for u in &users {
            table.push(table_row(u), 0);
        }
        Ok(table)
    }

    fn warnings(&self) -> Vec<String> {
        self.api.warnings()
    }
}

impl PhotoTarget for GoogleDirectory {
    fn describe(&self) -> String {
        format!("Google Workspace {}", self.url())
    }

    fn preset(&self) -> Preset {
        Preset::Google
    }

    fn attribute(&self) -> &str {
        PHOTO_ATTRIBUTE
    }

    fn required_attributes(&self) -> Vec<String> {
        Vec::new()
    }

    fn current(&self, _table: &UserTable, user: UserId) -> Current {
        self.photos
            .get(user as usize)
            .map(PhotoState::current)
            .unwrap_or(Current::Unknown)
    }

    /// Reads, many at a time, the photos others set (ADPhoto's own uploads are known
    /// from the ledger): on a first run there may be thousands.
    fn prefetch(&mut self, table: &UserTable, users: &[UserId]) {
        let to_read: Vec<(usize, String)> = users
            .iter()
            .map(|&u| u as usize)
            .filter(|&u| {
                self.photos
                    .get(u)
                    .is_some_and(|s| s.etag.is_some() && s.bytes.is_none() && s.unreadable.is_none())
            })
            .filter_map(|u| Some((u, table.value(u as UserId, "id")?.to_string())))
            .collect();
        let (api, photos) = (&self.api, &mut self.photos);
        for_each_parallel(
            to_read,
            self.options.connections.clamp(1, 16),
            || (),
            |_, (u, id)| (u, api.get_photo(&id)),
            |(u, result)| {
                if let Some(state) = photos.get_mut(u) {
                    match result {
                        Ok(Some(bytes)) => state.bytes = Some(bytes),
                        // Removed between the listing and now.
                        Ok(None) => state.etag = None,
                        Err(e) => state.unreadable = Some(e.message),
                    }
                }
            },
        );
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
        let mut jobs = Vec::with_capacity(writes.len());
        for w in writes {
            let Some(id) = table.value(w.user, "id").map(str::to_string) else {
                on_done(w.index, Err(TargetError::new("no-id", "the user has no Google id")));
                continue;
            };
            let state = self.photos.get(w.user as usize).cloned().unwrap_or_default();
            if state.etag.is_some() && state.bytes.is_none() {
                // Never replace what could not be backed up.
                let why = state.unreadable.as_deref().unwrap_or("it was not read before the run");
                on_done(
                    w.index,
                    Err(TargetError::new(
                        "backup-failed",
                        format!("the current photo could not be read, so it was not replaced: {why}"),
                    )),
                );
                continue;
            }
            if let Some(p) = &w.photo {
                if let Err(e) = check_size(p.len()) {
                    on_done(w.index, Err(e.into_target_error()));
                    continue;
                }
            }
            jobs.push((w, id, state.etag));
        }
        let api = &self.api;
        let mut outcomes = Vec::new();
        for_each_parallel(
            jobs,
            self.options.connections.clamp(1, 16),
            || (),
            |_, (w, id, prior): (PhotoWrite, String, Option<String>)| {
                let result = if cancel.is_cancelled() {
                    Err(GoogleFailure::cancelled())
                } else if api.stopped() {
                    Err(GoogleFailure::unavailable(
                        "not sent: Google stopped answering; run again with the same --backup-dir (or --resume) to finish",
                    ))
                } else {
                    match &w.photo {
                        Some(jpeg) => {
                            let upload = Upload {
                                id: &id,
                                jpeg,
                                prior_etag: prior.as_deref(),
                            };
                            api.upload(&upload, cancel).map(Some)
                        }
                        None => api.delete_photo(&id, cancel).map(|()| None),
                    }
                };
                (w, id, result)
            },
            |(w, id, result)| {
                let reported = result.as_ref().map(|_| ()).map_err(|e| e.clone().into_target_error());
                on_done(w.index, reported);
                if let Ok(etag) = result {
                    outcomes.push((w, id, etag));
                }
            },
        );
        // Keep the view of current photos, and the ledger, true for what comes next.
        for (w, id, etag) in outcomes {
            self.remember(&id, etag.as_deref().zip(w.photo.as_deref()));
            if let Some(state) = self.photos.get_mut(w.user as usize) {
                *state = PhotoState {
                    etag,
                    bytes: w.photo,
                    unreadable: None,
                };
            }
        }
    }

    fn finish(&mut self) -> Result<(), TargetError> {
        Ok(())
    }
}

impl PhotoLookup for GoogleDirectory {
    fn describe_directory(&self) -> String {
        PhotoTarget::describe(self)
    }

    fn photo_attribute(&self) -> String {
        PHOTO_ATTRIBUTE.to_string()
    }

    fn find(&mut self, identity: &str) -> Result<Vec<FoundUser>, TargetError> {
        GoogleDirectory::find(self, identity).map_err(GoogleFailure::into_target_error)
    }

    fn find_by_key(&mut self, key: &str) -> Result<Vec<FoundUser>, TargetError> {
        GoogleDirectory::find_by_key(self, key).map_err(GoogleFailure::into_target_error)
    }

    fn set_values(&mut self, user: &FoundUser, values: Vec<Vec<u8>>) -> Result<(), TargetError> {
        let prior = self.found.get(&user.address).cloned().flatten();
        let photo = values.into_iter().next();
        let etag = self
            .put(&user.address, prior.as_deref(), photo.as_deref())
            .map_err(GoogleFailure::into_target_error)?;
        self.found.insert(user.address.clone(), etag);
        Ok(())
    }
}
