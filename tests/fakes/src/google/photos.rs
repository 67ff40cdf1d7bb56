//! users.photos get/update(patch)/delete on `/users/{userKey}/photos/thumbnail`.
//! Photos are stored byte for byte (the real service re-encodes to 96x96; see README).
//! A self-set photo, when present, is what get returns and what the user's
//! thumbnailPhotoUrl shows, whatever the admin uploads; delete removes both.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::errors::{google_error, invalid, not_found};
use super::store::{GPhoto, GUser};
use super::{websafe, GoogleState};
use crate::common::http::{json_body, Reply, Request};
use crate::common::image::ImageKind;
use crate::common::stats::bump;

fn photo_json(user: &GUser, photo: &GPhoto) -> Value {
    json!({
        "kind": "admin#directory#user#photo",
        "id": user.id,
        "etag": photo.etag,
        "primaryEmail": user.primary_email,
        "mimeType": photo.mime_type,
        "width": photo.width,
        "height": photo.height,
        "photoData": websafe::encode(&photo.bytes),
    })
}

pub fn get(state: &GoogleState, key: &str) -> Reply {
    let g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return not_found("userKey");
    };
    let user = g.users.get(idx);
    match user.effective_photo() {
        Some(p) => Reply::json(StatusCode::OK, &photo_json(user, p)),
        None => not_found("photo"),
    }
}

/// The documented names (JPEG, PNG, …) or the matching MIME types.
fn declared_kind(mime: &str) -> Option<ImageKind> {
    match mime.to_ascii_lowercase().as_str() {
        "jpeg" | "jpg" | "image/jpeg" | "image/jpg" => Some(ImageKind::Jpeg),
        "png" | "image/png" => Some(ImageKind::Png),
        "gif" | "image/gif" => Some(ImageKind::Gif),
        "bmp" | "image/bmp" => Some(ImageKind::Bmp),
        "tiff" | "image/tiff" => Some(ImageKind::Tiff),
        _ => None,
    }
}

pub fn put(state: &GoogleState, req: &Request, key: &str) -> Reply {
    let body = match json_body(req) {
        Ok(b) => b,
        Err(e) => return invalid(&format!("Invalid JSON payload received. {e}")),
    };
    let mut g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return not_found("userKey");
    };
    let Some(data) = body.get("photoData").and_then(Value::as_str) else {
        return invalid("Invalid Input: photoData is required");
    };
    let bytes = match websafe::decode(data, g.config.accept_standard_base64) {
        Ok(b) => b,
        Err(e) => {
            return invalid(&format!(
                "Invalid value at 'photo_data' (TYPE_BYTES), Base64 decoding failed: {e}"
            ))
        }
    };
    let limit = g.config.max_photo_bytes;
    if bytes.len() > limit {
        return google_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "global",
            "uploadTooLarge",
            &format!("Request payload size exceeds the limit: {limit} bytes."),
        );
    }
    let photo = match g.users.new_photo(bytes.into()) {
        Ok(p) => p,
        Err(e) => return invalid(&format!("Invalid Input: {e}")),
    };
    if let Some(mime) = body.get("mimeType").and_then(Value::as_str) {
        match declared_kind(mime) {
            None => return invalid(&format!("Invalid Input: mimeType '{mime}'")),
            Some(k) if Some(k) != photo.kind() => {
                return invalid(&format!(
                    "Invalid Input: mimeType '{mime}' does not match the photo data"
                ))
            }
            Some(_) => {}
        }
    }
    let user = g.users.get_mut(idx);
    user.admin_photo = Some(photo);
    user.version += 1;
    let shadowed = user.self_photo.is_some();
    let id = user.id.clone();
    let answer = photo_json(user, user.effective_photo().expect("just set"));
    bump(&mut g.stats.photo_puts, &id);
    if shadowed {
        bump(&mut g.stats.self_photo_kept, &id);
    }
    Reply::json(StatusCode::OK, &answer)
}

pub fn delete(state: &GoogleState, key: &str) -> Reply {
    let mut g = state.lock();
    let Some(idx) = g.users.find(key) else {
        return not_found("userKey");
    };
    let user = g.users.get_mut(idx);
    if user.admin_photo.is_none() && user.self_photo.is_none() {
        return not_found("photo");
    }
    user.admin_photo = None;
    user.self_photo = None;
    user.version += 1;
    let id = user.id.clone();
    bump(&mut g.stats.photo_deletes, &id);
    Reply::empty(StatusCode::NO_CONTENT)
}
