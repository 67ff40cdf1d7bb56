//! Profile photo endpoints, after learn.microsoft.com/graph/api/profilephoto-get,
//! -update and -delete: metadata, `$value` bytes, PUT/PATCH (4 MB limit) and DELETE.

use hyper::StatusCode;
use serde_json::json;

use super::errors::{bad_request, graph_error, image_not_found, user_not_found};
use super::store::Photo;
use super::GraphState;
use crate::common::http::{Reply, Request};
use crate::common::stats::bump;

pub fn meta(state: &GraphState, key: &str, base: &str) -> Reply {
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return user_not_found(key);
    };
    let user = g.users.get(idx);
    let Some(photo) = &user.photo else {
        return image_not_found();
    };
    Reply::json(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{base}/v1.0/$metadata#users('{}')/photo/$entity", user.id),
            "@odata.mediaContentType": photo.content_type,
            "@odata.mediaEtag": format!("W/\"{}\"", photo.etag),
            "id": format!("{}X{}", photo.width, photo.height),
            "width": photo.width,
            "height": photo.height,
        }),
    )
}

pub fn value(state: &GraphState, key: &str) -> Reply {
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return user_not_found(key);
    };
    let Some(photo) = &g.users.get(idx).photo else {
        return image_not_found();
    };
    Reply::bytes(StatusCode::OK, photo.content_type, photo.bytes.clone())
        .with_header("etag", &format!("W/\"{}\"", photo.etag))
}

pub fn put(state: &GraphState, req: &Request, key: &str) -> Reply {
    let mut g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return user_not_found(key);
    };
    let limit = g.config.max_photo_bytes;
    if req.body.len() > limit {
        return graph_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            &format!(
                "The photo is {} bytes; the maximum size of a profile photo is {limit} bytes (4 MB).",
                req.body.len()
            ),
        );
    }
    let declared = req.content_type().unwrap_or_default();
    if declared != "image/jpeg" && declared != "image/png" {
        return bad_request(
            "BadRequest",
            &format!("Unsupported Content-Type '{declared}' for a photo; send image/jpeg (or image/png)."),
        );
    }
    if req.body.is_empty() {
        return bad_request("BadRequest", "The request body is empty; it must contain the photo.");
    }
    let photo = match Photo::from_bytes(req.body.clone()) {
        Ok(p) => p,
        Err(why) => return bad_request("ImageNotValid", &format!("The photo could not be read: {why}.")),
    };
    if photo.content_type != declared {
        return bad_request(
            "ImageNotValid",
            &format!("The body is {} but Content-Type says {declared}.", photo.content_type),
        );
    }
    let id = g.users.get(idx).id.clone();
    g.users.get_mut(idx).photo = Some(photo);
    bump(&mut g.stats.photo_puts, &id);
    Reply::empty(StatusCode::OK)
}

pub fn delete(state: &GraphState, key: &str) -> Reply {
    let mut g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return user_not_found(key);
    };
    if g.users.get(idx).photo.is_none() {
        return image_not_found();
    }
    let id = g.users.get(idx).id.clone();
    g.users.get_mut(idx).photo = None;
    bump(&mut g.stats.photo_deletes, &id);
    Reply::empty(StatusCode::NO_CONTENT)
}
