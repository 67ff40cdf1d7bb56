//! `get`: one user's photo, by identity.

use super::outcome::{TaskItem, TaskStatus};
use crate::sink::{Event, Sink};
use adphoto_core::directory::{Current, Directory, UserEntry};
use adphoto_core::error::{Error, ErrorKind, Result};

/// The single user `identity` names: several users or none are errors that say which.
pub fn find_one(dir: &mut dyn Directory, identity: &str) -> Result<UserEntry> {
    let found = dir
        .find(&[identity.to_string()])
        .pop()
        .unwrap_or_else(|| Err(Error::internal("the lookup gave no answer")));
    only_user(identity, found)
}

/// The one user of a lookup's answer.
pub fn only_user(identity: &str, found: Result<Vec<UserEntry>>) -> Result<UserEntry> {
    let mut found = found?;
    match found.len() {
        0 => Err(Error::new(ErrorKind::NotFound, format!("no user '{identity}'"))),
        1 => Ok(found.remove(0)),
        n => Err(Error::new(
            ErrorKind::Ambiguous,
            format!(
                "'{identity}' names {n} users: {}",
                found.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

/// The user's photo (the first value when there are several). No photo, or one that
/// cannot be read, is an error that says so.
pub fn photo_of(dir: &dyn Directory, user: UserEntry) -> Result<(UserEntry, Vec<u8>)> {
    match dir.current(&user) {
        Current::Photo(mut values) if !values.is_empty() => Ok((user, values.swap_remove(0))),
        Current::Unreadable(e) => Err(e),
        _ => Err(Error::new(
            ErrorKind::NoPhoto,
            format!("{} has no {}", user.name, dir.photo_attribute()),
        )),
    }
}

/// `get` for many identities (looked up together where the directory batches): each
/// photo goes to the sink. Returns how many failed.
pub fn get_photos(dir: &mut dyn Directory, identities: &[String], sink: &mut dyn Sink) -> usize {
    // One lookup for all: a cloud directory answers them twenty per request.
    let answers = dir.find(identities);
    let mut failed = 0;
    for (identity, found) in identities.iter().zip(answers) {
        match only_user(identity, found).and_then(|user| photo_of(dir, user)) {
            Ok((user, photo)) => {
                let mut item = TaskItem::new(&user.name, TaskStatus::Done, "photo read");
                item.dn = Some(user.dn.clone().unwrap_or(user.address.clone()));
                item.key = user.key.clone();
                item.bytes = Some(photo.len() as u64);
                sink.emit(Event::Got {
                    identity,
                    item: &item,
                    photo: &photo,
                });
            }
            Err(e) => {
                failed += 1;
                sink.emit(Event::Task(&TaskItem::failed(identity, e)));
            }
        }
    }
    failed
}
