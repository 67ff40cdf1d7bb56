//! The directory: users, their admin-set photo and, separately, the photo a user set
//! on their own profile, which the real service shows in preference to the admin's.

use base64::Engine;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::ids::{random_bytes, sha256_hex};
use crate::common::image::{dimensions, sniff, ImageKind};

#[derive(Debug, Clone)]
pub struct GPhoto {
    pub bytes: Bytes,
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
    /// Quoted like Google's etags; new on every write, even of identical bytes.
    pub etag: String,
}

impl GPhoto {
    pub fn new(bytes: Bytes, serial: u64) -> Result<GPhoto, String> {
        let kind = sniff(&bytes).ok_or("photoData is not a JPEG, PNG, GIF, BMP or TIFF image")?;
        let (width, height) = dimensions(&bytes).unwrap_or((0, 0));
        Ok(GPhoto {
            etag: format!("\"{}/{serial}\"", &sha256_hex(&bytes)[..20]),
            mime_type: kind.mime(),
            width,
            height,
            bytes,
        })
    }

    pub fn kind(&self) -> Option<ImageKind> {
        sniff(&self.bytes)
    }

    pub fn summary(&self) -> Value {
        json!({
            "bytes": self.bytes.len(),
            "sha256": sha256_hex(&self.bytes),
            "mimeType": self.mime_type,
            "width": self.width,
            "height": self.height,
            "etag": self.etag,
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedName {
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
}

/// A user as `POST /_admin/users` seeds it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedUser {
    #[serde(default)]
    pub id: Option<String>,
    pub primary_email: String,
    #[serde(default)]
    pub name: Option<SeedName>,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
    /// Google's own shape: `[{"value": "...", "type": "organization"}]`.
    #[serde(default)]
    pub external_ids: Option<Vec<Value>>,
    /// Shorthand for one `organization` external id.
    #[serde(default)]
    pub employee_id: Option<String>,
    #[serde(default)]
    pub org_unit_path: Option<String>,
    #[serde(default)]
    pub suspended: bool,
    #[serde(default)]
    pub is_admin: bool,
    /// Standard base64 of the admin-set photo.
    #[serde(default)]
    pub photo: Option<String>,
    /// Standard base64 of a photo the user set themselves.
    #[serde(default)]
    pub self_photo: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GUser {
    pub id: String,
    pub primary_email: String,
    pub given_name: String,
    pub family_name: String,
    pub full_name: String,
    pub external_ids: Vec<Value>,
    pub org_unit_path: String,
    pub suspended: bool,
    pub is_admin: bool,
    pub admin_photo: Option<GPhoto>,
    pub self_photo: Option<GPhoto>,
    pub version: u64,
}

impl GUser {
    /// The photo everyone sees: the user's own wins over the admin's.
    pub fn effective_photo(&self) -> Option<&GPhoto> {
        self.self_photo.as_ref().or(self.admin_photo.as_ref())
    }

    pub fn to_json(&self, base: &str, customer_id: &str) -> Value {
        let mut v = json!({
            "kind": "admin#directory#user",
            "id": self.id,
            "etag": format!("\"fake-user-{}-{}\"", self.id, self.version),
            "primaryEmail": self.primary_email,
            "name": {
                "givenName": self.given_name,
                "familyName": self.family_name,
                "fullName": self.full_name,
            },
            "isAdmin": self.is_admin,
            "isDelegatedAdmin": false,
            "suspended": self.suspended,
            "archived": false,
            "orgUnitPath": self.org_unit_path,
            "customerId": customer_id,
            "isMailboxSetup": true,
            "includeInGlobalAddressList": true,
        });
        let o = v.as_object_mut().expect("object");
        if !self.external_ids.is_empty() {
            o.insert("externalIds".into(), Value::Array(self.external_ids.clone()));
        }
        if let Some(p) = self.effective_photo() {
            let tag: String = p.etag.chars().filter(char::is_ascii_alphanumeric).collect();
            o.insert(
                "thumbnailPhotoUrl".into(),
                json!(format!("{base}/_photos/{}/{tag}", self.id)),
            );
            o.insert("thumbnailPhotoEtag".into(), json!(p.etag));
        }
        v
    }
}

/// Google user ids are 21-digit numbers.
fn numeric_id() -> String {
    let digits: String = random_bytes(20).iter().map(|b| char::from(b'0' + b % 10)).collect();
    format!("1{digits}")
}

fn decode_std(b64: &str, what: &str, email: &str) -> Result<Bytes, String> {
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map(Bytes::from)
        .map_err(|e| format!("user {email}: {what} is not base64: {e}"))
}

#[derive(Debug, Default)]
pub struct UserStore {
    users: Vec<GUser>,
    /// Feeds photo etags so every write gets a new one.
    photo_serial: u64,
}

impl UserStore {
    pub fn all(&self) -> &[GUser] {
        &self.users
    }

    /// `userKey` is the immutable id or the primary email (case-insensitive).
    pub fn find(&self, key: &str) -> Option<usize> {
        self.users
            .iter()
            .position(|u| u.id == key || u.primary_email.eq_ignore_ascii_case(key))
    }

    pub fn get(&self, idx: usize) -> &GUser {
        &self.users[idx]
    }

    pub fn get_mut(&mut self, idx: usize) -> &mut GUser {
        &mut self.users[idx]
    }

    pub fn new_photo(&mut self, bytes: Bytes) -> Result<GPhoto, String> {
        self.photo_serial += 1;
        GPhoto::new(bytes, self.photo_serial)
    }

    pub fn upsert(&mut self, seed: SeedUser) -> Result<String, String> {
        let email = seed.primary_email.clone();
        let admin_photo = match &seed.photo {
            Some(b) => Some(
                self.new_photo(decode_std(b, "photo", &email)?)
                    .map_err(|e| format!("user {email}: {e}"))?,
            ),
            None => None,
        };
        let self_photo = match &seed.self_photo {
            Some(b) => Some(
                self.new_photo(decode_std(b, "selfPhoto", &email)?)
                    .map_err(|e| format!("user {email}: {e}"))?,
            ),
            None => None,
        };
        let name = seed.name.unwrap_or_default();
        let local = email.split('@').next().unwrap_or("").to_string();
        let given_name = name.given_name.or(seed.given_name).unwrap_or_else(|| local.clone());
        let family_name = name.family_name.or(seed.family_name).unwrap_or_default();
        let full_name = name
            .full_name
            .unwrap_or_else(|| format!("{given_name} {family_name}").trim().to_string());
        let mut external_ids = seed.external_ids.unwrap_or_default();
        if let Some(e) = seed.employee_id {
            external_ids.push(json!({ "value": e, "type": "organization" }));
        }
        let existing = seed
            .id
            .as_deref()
            .and_then(|id| self.users.iter().position(|u| u.id == id))
            .or_else(|| {
                self.users
                    .iter()
                    .position(|u| u.primary_email.eq_ignore_ascii_case(&email))
            });
        let id = seed
            .id
            .or_else(|| existing.map(|i| self.users[i].id.clone()))
            .unwrap_or_else(numeric_id);
        let user = GUser {
            id: id.clone(),
            primary_email: email,
            given_name,
            family_name,
            full_name,
            external_ids,
            org_unit_path: seed.org_unit_path.unwrap_or_else(|| "/".into()),
            suspended: seed.suspended,
            is_admin: seed.is_admin,
            admin_photo,
            self_photo,
            version: 1,
        };
        match existing {
            Some(i) => self.users[i] = user,
            None => self.users.push(user),
        }
        Ok(id)
    }

    pub fn clear(&mut self) {
        self.users.clear();
    }
}
