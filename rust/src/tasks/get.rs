//! One user's photo, by identity.

use super::lookup::{FoundUser, PhotoLookup};
use crate::targets::TargetError;

/// The single user `identity` names, with a photo. Several users or none, or no
/// photo, are errors that say which.
pub fn get_photo(dir: &mut dyn PhotoLookup, identity: &str) -> Result<FoundUser, TargetError> {
    let mut found = dir.find(identity)?;
    match found.len() {
        0 => Err(TargetError::new("not-found", format!("no user '{identity}'"))),
        1 => {
            let user = found.remove(0);
            if user.photos.is_empty() {
                return Err(TargetError::new(
                    "no-photo",
                    format!("{} has no {}", user.name, dir.photo_attribute()),
                ));
            }
            Ok(user)
        }
        n => Err(TargetError::new(
            "ambiguous",
            format!(
                "'{identity}' names {n} users: {}",
                found.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}
