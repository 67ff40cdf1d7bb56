//! Command-line options turned into the library's requests.

use adphoto::bulk::{MatchRequest, UsersSpec};

use crate::cli::{PhotoSourceArgs, UsersArgs};

pub fn match_request(users: &UsersArgs, photos: &PhotoSourceArgs) -> MatchRequest {
    MatchRequest {
        users: users.users.as_ref().map(|p| UsersSpec::Csv { path: p.clone() }),
        photos: photos.photos.clone(),
        map: photos.map.clone(),
        patterns: photos.patterns.clone(),
        required_attributes: Vec::new(),
    }
}
