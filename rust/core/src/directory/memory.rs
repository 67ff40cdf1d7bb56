//! A directory held in memory, for tests of the use cases and for the conformance
//! suite: users with attributes and photos, and the faults real services have (a photo
//! that cannot be read, a refused write, a server that goes away, an answer lost after
//! the change was made). Clones share one state, so a test keeps a handle to look at
//! what a run did after handing the directory over.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::{Current, Directory, Gate, PhotoWrite, Service, UserEntry, Users, Wanted};
use crate::cancel::Cancel;
use crate::error::{Error, ErrorKind, Result};
use crate::photo::Preset;
use crate::users::{canonical_attribute, UserTable};

/// One user of the in-memory directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryUser {
    /// Attributes by canonical name (`samaccountname`, `mail`, ...).
    pub attributes: BTreeMap<String, String>,
    pub photo: Vec<Vec<u8>>,
}

impl MemoryUser {
    /// A user with this account name (also their address `uid=NAME,ou=people` and
    /// stable key `key-NAME`).
    pub fn new(account: &str) -> MemoryUser {
        let mut u = MemoryUser {
            attributes: BTreeMap::new(),
            photo: Vec::new(),
        };
        u = u.with("samaccountname", account);
        u = u.with("distinguishedname", &format!("uid={account},ou=people"));
        u.with("objectguid", &format!("key-{account}"))
    }

    pub fn with(mut self, attribute: &str, value: &str) -> MemoryUser {
        self.attributes
            .insert(canonical_attribute(attribute), value.to_string());
        self
    }

    pub fn with_photo(mut self, photo: &[u8]) -> MemoryUser {
        self.photo = vec![photo.to_vec()];
        self
    }

    fn get(&self, attribute: &str) -> Option<&str> {
        self.attributes.get(attribute).map(String::as_str)
    }

    fn entry(&self) -> UserEntry {
        let dn = self.get("distinguishedname").unwrap_or_default().to_string();
        UserEntry {
            address: dn.clone(),
            key: self.get("objectguid").map(str::to_string),
            name: self.get("samaccountname").unwrap_or(&dn).to_string(),
            dn: Some(dn),
        }
    }
}

/// The ways the in-memory directory misbehaves on purpose.
#[derive(Debug, Clone)]
pub enum MemoryFault {
    /// This user's photo exists but cannot be read.
    UnreadablePhoto(String),
    /// Writes to this user are refused with this error.
    RefuseWrites(String, Error),
    /// After this many writes have been applied, the server is gone: every later call
    /// fails as unavailable.
    GoneAfter(usize),
    /// The write after this many is applied, but its answer is lost (the server dies
    /// then): it fails as unavailable, in doubt; the server is gone from then on.
    AnswerLostAfter(usize),
    /// After this many writes have been applied, this cancel is set (as a user pressing
    /// Ctrl+C in the middle of a run would).
    CancelAfter(usize, Cancel),
}

#[derive(Debug, Default)]
struct State {
    users: Vec<MemoryUser>,
    faults: Vec<MemoryFault>,
    /// Every change applied, in order: (address, photo; `None` for a removal).
    applied: Vec<(String, Option<Vec<u8>>)>,
    /// How many times users were listed and photos read in bulk.
    listings: usize,
    gone: bool,
}

#[derive(Debug, Clone)]
pub struct MemoryDirectory {
    state: Arc<Mutex<State>>,
    attribute: String,
    preset: Preset,
}

impl MemoryDirectory {
    /// An empty directory whose photos are `attribute` in the `preset` profile.
    pub fn new(attribute: &str, preset: Preset) -> MemoryDirectory {
        MemoryDirectory {
            state: Arc::new(Mutex::new(State::default())),
            attribute: attribute.to_string(),
            preset,
        }
    }

    pub fn add(&self, user: MemoryUser) -> &Self {
        self.lock().users.push(user);
        self
    }

    pub fn fault(&self, fault: MemoryFault) -> &Self {
        self.lock().faults.push(fault);
        self
    }

    /// The photo the user with this account name has now.
    pub fn photo_of(&self, account: &str) -> Vec<Vec<u8>> {
        self.lock()
            .users
            .iter()
            .find(|u| u.get("samaccountname") == Some(account))
            .map(|u| u.photo.clone())
            .unwrap_or_default()
    }

    /// Every change applied so far, in order.
    pub fn applied(&self) -> Vec<(String, Option<Vec<u8>>)> {
        self.lock().applied.clone()
    }

    /// How many times the users were listed.
    pub fn listings(&self) -> usize {
        self.lock().listings
    }

    /// Brings a server that went away back (as a restarted server would).
    pub fn revive(&self) {
        let mut s = self.lock();
        s.gone = false;
        s.faults
            .retain(|f| !matches!(f, MemoryFault::GoneAfter(_) | MemoryFault::AnswerLostAfter(_)));
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn gone_error() -> Error {
        Error::new(ErrorKind::Unavailable, "the server is gone (connection refused)")
    }

    fn check_alive(state: &State) -> Result<()> {
        if state.gone {
            Err(Self::gone_error())
        } else {
            Ok(())
        }
    }

    fn find_where(&self, test: impl Fn(&MemoryUser) -> bool) -> Result<Vec<UserEntry>> {
        let state = self.lock();
        Self::check_alive(&state)?;
        Ok(state.users.iter().filter(|u| test(u)).map(MemoryUser::entry).collect())
    }

    fn apply(&self, write: &PhotoWrite) -> Result<()> {
        let mut state = self.lock();
        Self::check_alive(&state)?;
        let done = state.applied.len();
        let Some(index) = state.users.iter().position(|u| u.entry().address == write.address) else {
            return Err(Error::new(
                ErrorKind::NoSuchObject,
                format!("no such object {}", write.address),
            ));
        };
        let name = state.users[index].entry().name;
        for fault in &state.faults {
            match fault {
                MemoryFault::RefuseWrites(who, e) if *who == name => return Err(e.clone()),
                MemoryFault::GoneAfter(n) if done >= *n => {
                    state.gone = true;
                    return Err(Self::gone_error());
                }
                _ => {}
            }
        }
        let lost = state
            .faults
            .iter()
            .any(|f| matches!(f, MemoryFault::AnswerLostAfter(n) if done == *n));
        state.users[index].photo = write.values.clone();
        state
            .applied
            .push((write.address.clone(), write.photo().map(<[u8]>::to_vec)));
        for fault in &state.faults {
            if let MemoryFault::CancelAfter(n, cancel) = fault {
                if state.applied.len() >= *n {
                    cancel.cancel();
                }
            }
        }
        if lost {
            state.gone = true;
            return Err(
                Error::new(ErrorKind::Unavailable, "the connection was lost before the answer came").in_doubt(true),
            );
        }
        Ok(())
    }
}

impl Directory for MemoryDirectory {
    fn describe(&self) -> String {
        "memory".into()
    }

    fn service(&self) -> Service {
        Service::Memory
    }

    fn photo_attribute(&self) -> &str {
        &self.attribute
    }

    fn preset(&self) -> Preset {
        self.preset
    }

    fn list_users(&mut self, wanted: &Wanted) -> Result<Users> {
        let mut state = self.lock();
        Self::check_alive(&state)?;
        state.listings += 1;
        let mut columns: Vec<String> = state.users.iter().flat_map(|u| u.attributes.keys().cloned()).collect();
        columns.sort();
        columns.dedup();
        if let Some(missing) = wanted
            .required
            .iter()
            .find(|a| !columns.contains(&canonical_attribute(a)))
        {
            return Err(Error::new(
                ErrorKind::MissingColumn,
                format!("no user has the attribute '{missing}'"),
            ));
        }
        let mut table = UserTable::new(&columns);
        let mut entries = Vec::new();
        for (line, u) in state.users.iter().enumerate() {
            let values = columns.iter().map(|c| u.get(c).map(str::to_string)).collect();
            table.push(values, line as u64 + 1);
            entries.push(u.entry());
        }
        Ok(Users { table, entries })
    }

    fn current(&self, user: &UserEntry) -> Current {
        let state = self.lock();
        if let Err(e) = Self::check_alive(&state) {
            return Current::Unreadable(e);
        }
        let Some(u) = state.users.iter().find(|u| u.entry().address == user.address) else {
            return Current::Absent;
        };
        let unreadable = state
            .faults
            .iter()
            .any(|f| matches!(f, MemoryFault::UnreadablePhoto(who) if Some(who.as_str()) == u.get("samaccountname")));
        if unreadable && !u.photo.is_empty() {
            return Current::Unreadable(Error::new(
                ErrorKind::Unavailable,
                format!("the photo of {} could not be read", user.name),
            ));
        }
        Current::from_values(u.photo.clone())
    }

    fn find(&mut self, identities: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        identities
            .iter()
            .map(|identity| {
                let wanted = identity.trim().to_lowercase();
                self.find_where(|u| {
                    crate::users::IDENTITY_ATTRIBUTES
                        .iter()
                        .filter_map(|a| u.get(a))
                        .any(|v| v.to_lowercase() == wanted)
                })
            })
            .collect()
    }

    fn find_by_key(&mut self, keys: &[String]) -> Vec<Result<Vec<UserEntry>>> {
        keys.iter()
            .map(|key| self.find_where(|u| u.get("objectguid") == Some(key.trim())))
            .collect()
    }

    fn write(&mut self, writes: Vec<PhotoWrite>, gate: &Gate, on_done: &mut dyn FnMut(usize, Result<()>)) {
        for w in writes {
            let result = gate.admit().and_then(|()| self.apply(&w));
            gate.observe(&result);
            on_done(w.index, result);
        }
    }
}
