//! One Google Workspace domain, as the run sees it: where users come from (users.list)
//! and where their photos go (users.photos), with backups keyed by Google's user id.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use super::client::{Api, Upload};
use super::failure::usage;
use super::ledger::Ledger;
use super::options::GoogleOptions;
use super::wire::ApiUser;
use adphoto_core::cancel::Cancel;
use adphoto_core::directory::{Current, Directory, Gate, PhotoWrite, Service, UserEntry, Users, Wanted};
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::parallel::for_each_parallel;
use adphoto_core::photo::{Preset, GOOGLE_PHOTO_LIMIT};
use adphoto_core::users::{canonical_attribute, UserTable};

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
    unreadable: Option<Error>,
}

impl PhotoState {
    fn current(&self) -> Current {
        match (&self.etag, &self.bytes, &self.unreadable) {
            (None, _, _) => Current::Absent,
            (Some(_), Some(b), _) => Current::Photo(vec![b.clone()]),
            (Some(_), None, Some(e)) => Current::Unreadable(e.clone()),
            (Some(_), None, None) => Current::Unreadable(Error::internal("the photo was not read")),
        }
    }

    fn needs_reading(&self) -> bool {
        self.etag.is_some() && self.bytes.is_none() && self.unreadable.is_none()
    }
}

pub struct GoogleDirectory {
    api: Api,
    options: GoogleOptions,
    ledger: Mutex<Ledger>,
    /// What is known of each user's photo, by Google id.
    photos: Mutex<HashMap<String, PhotoState>>,
    cancel: Cancel,
}

impl GoogleDirectory {
    /// Reads the key file, signs in as the subject and checks that the API answers.
    pub fn connect(options: GoogleOptions, cancel: &Cancel) -> Result<GoogleDirectory> {
        options.org_unit_query().map_err(usage)?;
        if !options.subject.contains('@') {
            return Err(usage(format!(
                "--subject '{}' must be an administrator's email address",
                options.subject
            )));
        }
        let api = Api::connect(&options)?;
        let ledger = Ledger::open(&api.state_folder(&options));
        Ok(GoogleDirectory {
            api,
            options,
            ledger: Mutex::new(ledger),
            photos: Mutex::new(HashMap::new()),
            cancel: cancel.clone(),
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

    fn photos(&self) -> MutexGuard<'_, HashMap<String, PhotoState>> {
        self.photos.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The users of the options' scope, suspended ones left out unless asked.
    fn list(&self) -> Result<Vec<ApiUser>> {
        let query = self.options.org_unit_query().map_err(usage)?;
        let users = self.api.list_users(&self.options, query.as_deref(), &self.cancel)?;
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

    /// Records what a listing or lookup tells of a user's photo: none, or (by its etag)
    /// the one ADPhoto uploaded. Other photos are read when needed.
    fn note(&self, user: &ApiUser) -> UserEntry {
        let etag = user.thumbnail_photo_etag.clone().filter(|e| !e.is_empty());
        let bytes = etag.as_deref().and_then(|e| self.ledger().uploaded(&user.id, e));
        self.photos().insert(
            user.id.clone(),
            PhotoState {
                etag,
                bytes,
                unreadable: None,
            },
        );
        UserEntry {
            address: user.id.clone(),
            key: Some(user.id.clone()),
            name: user.primary_email.clone(),
            dn: None,
        }
    }

    /// Reads, many at a time, the photos of these ids that others set.
    fn read(&self, ids: Vec<String>) {
        let to_read: Vec<String> = {
            let photos = self.photos();
            ids.into_iter()
                .filter(|id| photos.get(id).is_some_and(PhotoState::needs_reading))
                .collect()
        };
        let api = &self.api;
        for_each_parallel(
            to_read,
            self.options.connections.clamp(1, 16),
            || (),
            |_, id| {
                let result = api.get_photo(&id, &self.cancel);
                (id, result)
            },
            |(id, result)| {
                if let Some(state) = self.photos().get_mut(&id) {
                    match result {
                        Ok(Some(bytes)) => state.bytes = Some(bytes),
                        // Removed between the listing and now.
                        Ok(None) => state.etag = None,
                        Err(e) => state.unreadable = Some(e),
                    }
                }
            },
        );
    }

    /// Finds users by primary email, alias, Google id or employee id.
    fn find_one(&self, identity: &str) -> Result<Vec<UserEntry>> {
        let identity = identity.trim();
        if identity.is_empty() {
            return Ok(Vec::new());
        }
        let mut users: Vec<ApiUser> = self.api.get_user(identity, &self.cancel)?.into_iter().collect();
        if users.is_empty() && !identity.contains('@') {
            users = self.api.find_by_external_id(&self.options, identity, &self.cancel)?;
        }
        users.retain(|u| self.in_scope(u));
        Ok(users.iter().map(|u| self.note(u)).collect())
    }

    /// Finds the user a backup's key (Google's immutable user id) names.
    fn find_key(&self, key: &str) -> Result<Vec<UserEntry>> {
        let key = key.trim();
        if key.is_empty() || key.contains('@') {
            return Ok(Vec::new());
        }
        let users: Vec<ApiUser> = self
            .api
            .get_user(key, &self.cancel)?
            .into_iter()
            .filter(|u| u.id == key)
            .collect();
        Ok(users.iter().map(|u| self.note(u)).collect())
    }

    /// Replaces one user's photo (`None`: removes it), knowing the etag it showed;
    /// returns the etag after.
    fn put(&self, id: &str, photo: Option<&[u8]>, cancel: &Cancel) -> Result<Option<String>> {
        let prior = self.photos().get(id).and_then(|s| s.etag.clone());
        let sent = match photo {
            Some(jpeg) => {
                check_size(jpeg.len())?;
                let upload = Upload {
                    id,
                    jpeg,
                    prior_etag: prior.as_deref(),
                };
                self.api.upload(&upload, cancel).map(Some)
            }
            None => self.api.delete_photo(id, cancel).map(|()| None),
        };
        // A request whose answer never came may have been applied.
        sent.map_err(|e| {
            let lost = matches!(e.kind(), ErrorKind::Network | ErrorKind::Timeout);
            e.in_doubt(lost)
        })
    }

    /// Keeps the view of current photos, and the ledger, true for what comes next. A
    /// ledger that cannot be written only means the next run uploads this photo again,
    /// so it never fails the write that succeeded.
    fn remember(&self, id: &str, etag: Option<String>, photo: Option<Vec<u8>>) {
        let result = match (&etag, &photo) {
            (Some(etag), Some(jpeg)) => self.ledger().record(id, etag, jpeg),
            _ => self.ledger().forget(id),
        };
        if let Err(e) = result {
            self.api
                .warn(format!("{e} (the next run will upload this photo again)"));
        }
        self.photos().insert(
            id.to_string(),
            PhotoState {
                etag,
                bytes: photo,
                unreadable: None,
            },
        );
    }
}

fn check_size(bytes: usize) -> Result<()> {
    if bytes as u64 > GOOGLE_PHOTO_LIMIT {
        return Err(Error::new(
            ErrorKind::TooLarge,
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

impl Directory for GoogleDirectory {
    fn describe(&self) -> String {
        format!("Google Workspace {} ({})", self.url(), self.scope())
    }

    fn service(&self) -> Service {
        Service::Google
    }

    /// The Google customer: its id when given, else the domain of the administrator
    /// signing in (whose customer `my_customer` means), whichever domain is listed.
    fn home(&self) -> String {
        match self
            .options
            .customer
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(customer) => customer.to_lowercase(),
            None => {
                let subject = self.options.subject.trim();
                subject.rsplit_once('@').map_or(subject, |(_, d)| d).to_lowercase()
            }
        }
    }

    fn photo_attribute(&self) -> &str {
        PHOTO_ATTRIBUTE
    }

    fn preset(&self) -> Preset {
        Preset::Google
    }

    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        let offered: HashSet<&str> = COLUMNS.into_iter().collect();
        if let Some(missing) = wanted
            .required
            .iter()
            .find(|a| !offered.contains(canonical_attribute(a).as_str()))
        {
            return Err(Error::new(
                ErrorKind::MissingColumn,
                format!(
                    "Google users have no attribute '{missing}' (there are: id, primaryEmail, mail, \
                     userPrincipalName, givenName, familyName, fullName, employeeId, orgUnitPath, username)"
                ),
            ));
        }
        let users = self.list()?;
        let mut table = UserTable::new(&COLUMNS);
        let mut entries = Vec::with_capacity(users.len());
        for u in &users {
            table.push(table_row(u), 0);
            entries.push(self.note(u));
        }
        Ok(Users { table, entries })
    }

    /// Reads, many at a time, the photos others set (ADPhoto's own uploads are known
    /// from the ledger): on a first run there may be thousands.
    fn read_photos(&mut self, users: &[UserEntry]) {
        self.read(users.iter().map(|u| u.address.clone()).collect());
    }

    fn current(&self, user: &UserEntry) -> Current {
        let needs_reading = self.photos().get(&user.address).map(PhotoState::needs_reading);
        match needs_reading {
            None => Current::Unreadable(Error::new(
                ErrorKind::NotFound,
                format!("{} was not read from Google", user.name),
            )),
            Some(true) => {
                self.read(vec![user.address.clone()]);
                self.photos()
                    .get(&user.address)
                    .map(PhotoState::current)
                    .unwrap_or(Current::Absent)
            }
            Some(false) => self
                .photos()
                .get(&user.address)
                .map(PhotoState::current)
                .unwrap_or(Current::Absent),
        }
    }

    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        identities.iter().map(|i| self.find_one(i)).collect()
    }

    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        keys.iter().map(|k| self.find_key(k)).collect()
    }

    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        let this = &*self;
        for_each_parallel(
            writes,
            self.options.connections.clamp(1, 16),
            || (),
            |_, w: PhotoWrite| {
                let result = gate
                    .admit()
                    .and_then(|()| this.put(&w.address, w.photo(), gate.cancel()));
                (w, result)
            },
            |(w, result)| {
                let reported = result.as_ref().map(|_| ()).map_err(Clone::clone);
                gate.observe(&reported);
                if let Ok(etag) = result {
                    this.remember(&w.address, etag, w.photo().map(<[u8]>::to_vec));
                }
                on_done(w.index, reported);
            },
        );
    }

    fn warnings(&self) -> Vec<String> {
        self.api.warnings()
    }
}
