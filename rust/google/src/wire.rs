//! The Directory API's JSON, as far as photos need it
//! (developers.google.com/workspace/admin/directory/reference/rest/v1/users).

use serde::{Deserialize, Serialize};

/// One page of users.list. An empty page has no `users` member at all.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPage {
    #[serde(default)]
    pub users: Vec<ApiUser>,
    #[serde(default)]
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiUser {
    pub id: String,
    pub primary_email: String,
    #[serde(default)]
    pub name: Option<ApiName>,
    /// Google types these loosely (a custom type may carry `customType`); unknown
    /// shapes are skipped, never a reason to fail a whole page.
    #[serde(default)]
    pub external_ids: Option<serde_json::Value>,
    #[serde(default)]
    pub org_unit_path: Option<String>,
    #[serde(default)]
    pub suspended: bool,
    /// Changes whenever the photo others see changes.
    #[serde(default)]
    pub thumbnail_photo_etag: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiName {
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
}

impl ApiUser {
    /// The employee ID: what the Admin console's "Employee ID" field stores, an
    /// external id of type `organization`.
    pub fn employee_id(&self) -> Option<String> {
        let list = self.external_ids.as_ref()?.as_array()?;
        list.iter()
            .filter(|e| e.get("type").and_then(|t| t.as_str()) == Some("organization"))
            .find_map(|e| e.get("value").and_then(|v| v.as_str()))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }
}

/// users.photos.get / update answer (what a photo sync reads of it).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiPhoto {
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub photo_data: Option<String>,
}

/// users.photos.update body.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoUpdate {
    pub photo_data: String,
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// users.get with `fields=id,thumbnailPhotoEtag`: what a write left behind.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoEtag {
    #[serde(default)]
    pub thumbnail_photo_etag: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employee_id_is_the_organization_external_id() {
        let user: ApiUser = serde_json::from_str(
            r#"{"id":"1","primaryEmail":"a@x.org","externalIds":[{"value":"L1","type":"login_id"},
                {"value":" E42 ","type":"organization"},{"weird":true}]}"#,
        )
        .unwrap();
        assert_eq!(user.employee_id().as_deref(), Some("E42"));
        let page: UserPage = serde_json::from_str(r#"{"kind":"admin#directory#users","etag":"x"}"#).unwrap();
        assert!(page.users.is_empty() && page.next_page_token.is_none());
    }
}
