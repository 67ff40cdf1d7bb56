//! The directory: users and their photos, in memory.

use base64::Engine;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::common::ids::{guid, sha256_hex};
use crate::common::image::{dimensions, sniff, ImageKind};

/// A stored profile photo, kept byte for byte as uploaded.
#[derive(Debug, Clone)]
pub struct Photo {
    pub bytes: Bytes,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub etag: String,
}

impl Photo {
    /// Accept JPEG or PNG whose header gives a size; anything else is not a photo.
    pub fn from_bytes(bytes: Bytes) -> Result<Photo, String> {
        let kind = sniff(&bytes).ok_or("the body is not a JPEG or PNG image")?;
        if !matches!(kind, ImageKind::Jpeg | ImageKind::Png) {
            return Err("only JPEG and PNG photos are accepted".into());
        }
        let (width, height) = dimensions(&bytes).ok_or("the image header has no readable size")?;
        Ok(Photo {
            etag: sha256_hex(&bytes)[..32].to_string(),
            content_type: kind.mime(),
            width,
            height,
            bytes,
        })
    }

    pub fn summary(&self) -> Value {
        json!({
            "bytes": self.bytes.len(),
            "sha256": sha256_hex(&self.bytes),
            "contentType": self.content_type,
            "width": self.width,
            "height": self.height,
            "etag": self.etag,
        })
    }
}

/// A user as `POST /_admin/users` seeds it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedUser {
    #[serde(default)]
    pub id: Option<String>,
    pub user_principal_name: String,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub surname: Option<String>,
    #[serde(default)]
    pub employee_id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default = "yes")]
    pub account_enabled: bool,
    /// Standard base64 of a JPEG or PNG.
    #[serde(default)]
    pub photo: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone)]
pub struct GraphUser {
    pub id: String,
    pub user_principal_name: String,
    pub mail: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub employee_id: Option<String>,
    pub display_name: Option<String>,
    pub account_enabled: bool,
    pub photo: Option<Photo>,
}

/// Properties `$select` may name. Graph knows hundreds; these are the ones a photo
/// tool plausibly asks for, and naming any other is refused as Graph refuses typos.
pub const SELECTABLE: &[&str] = &[
    "id",
    "userPrincipalName",
    "mail",
    "givenName",
    "surname",
    "employeeId",
    "displayName",
    "accountEnabled",
    "businessPhones",
    "jobTitle",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
];

/// What Graph v1.0 returns for a user when the request has no `$select`. Note that
/// `employeeId` and `accountEnabled` are not in it, as in the real service.
pub const DEFAULT_PROPERTIES: &[&str] = &[
    "businessPhones",
    "displayName",
    "givenName",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
    "id",
];

impl GraphUser {
    pub fn property(&self, name: &str) -> Value {
        let opt = |v: &Option<String>| v.clone().map(Value::String).unwrap_or(Value::Null);
        match name {
            "id" => json!(self.id),
            "userPrincipalName" => json!(self.user_principal_name),
            "mail" => opt(&self.mail),
            "givenName" => opt(&self.given_name),
            "surname" => opt(&self.surname),
            "employeeId" => opt(&self.employee_id),
            "displayName" => opt(&self.display_name),
            "accountEnabled" => json!(self.account_enabled),
            "businessPhones" => json!([]),
            _ => Value::Null,
        }
    }

    pub fn to_json(&self, properties: &[String]) -> Value {
        let mut m = Map::new();
        for p in properties {
            m.insert(p.clone(), self.property(p));
        }
        Value::Object(m)
    }
}

#[derive(Debug, Default)]
pub struct UserStore {
    users: Vec<GraphUser>,
}

impl UserStore {
    pub fn all(&self) -> &[GraphUser] {
        &self.users
    }

    /// Graph addresses a user by object id or, case-insensitively, by UPN.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.users.iter().position(|u| u.id == key).or_else(|| {
            self.users
                .iter()
                .position(|u| u.user_principal_name.eq_ignore_ascii_case(key))
        })
    }

    pub fn get(&self, idx: usize) -> &GraphUser {
        &self.users[idx]
    }

    pub fn get_mut(&mut self, idx: usize) -> &mut GraphUser {
        &mut self.users[idx]
    }

    /// Add or replace (matched by id, then UPN) a seeded user.
    pub fn upsert(&mut self, seed: SeedUser) -> Result<String, String> {
        let photo = match &seed.photo {
            Some(b64) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map_err(|e| format!("user {}: photo is not base64: {e}", seed.user_principal_name))?;
                Some(Photo::from_bytes(bytes.into()).map_err(|e| format!("user {}: {e}", seed.user_principal_name))?)
            }
            None => None,
        };
        let existing = seed
            .id
            .as_deref()
            .and_then(|id| self.users.iter().position(|u| u.id == id))
            .or_else(|| {
                self.users
                    .iter()
                    .position(|u| u.user_principal_name.eq_ignore_ascii_case(&seed.user_principal_name))
            });
        let id = seed
            .id
            .clone()
            .or_else(|| existing.map(|i| self.users[i].id.clone()))
            .unwrap_or_else(guid);
        let user = GraphUser {
            id: id.clone(),
            user_principal_name: seed.user_principal_name,
            mail: seed.mail,
            given_name: seed.given_name,
            surname: seed.surname,
            employee_id: seed.employee_id,
            display_name: seed.display_name,
            account_enabled: seed.account_enabled,
            photo,
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
