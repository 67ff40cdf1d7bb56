//! Command-line options turned into the library's requests.

use adphoto::bulk::MatchRequest;

use crate::cli::PhotoSourceArgs;

pub fn match_request(photos: &PhotoSourceArgs) -> MatchRequest {
    MatchRequest {
        photos: photos.photos.clone(),
        map: photos.map.clone(),
        patterns: photos.patterns.clone(),
        encoding: photos.encoding.clone(),
        pairs: Vec::new(),
        required_attributes: Vec::new(),
    }
}
