//! The Directory API calls ADPhoto makes, over the shared cloud client: one HTTPS
//! client, one token cache and one throttle for every worker of a run.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::failure::{classify, from_response, usage};
use super::key_file::ServiceAccountKey;
use super::options::{GoogleOptions, SCOPE};
use super::websafe;
use super::wire::{ApiPhoto, ApiUser, PhotoEtag, PhotoUpdate, UserPage};
use adphoto_cloud::{
    check_url, form_encode, request_token, retry_after, AccessToken, ApiClient, HttpClient, HttpOptions, HttpRequest,
    HttpResponse, Method, PlainHttp, RetryPolicy, RsaSigner, TokenSource, Verdict,
};
use adphoto_core::cancel::Cancel;
use adphoto_core::digest::sha256_hex;
use adphoto_core::error::{Error, ErrorKind, Result};
use adphoto_core::photo::{jpeg_dimensions, GOOGLE_SIZE};

const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// Google accepts assertions valid for at most an hour.
const ASSERTION_LIFETIME_SECS: u64 = 3600;
/// users.list's largest page.
const PAGE_SIZE: u32 = 500;
const USER_FIELDS: &str = "id,primaryEmail,name(givenName,familyName,fullName),externalIds,orgUnitPath,suspended,\
                           thumbnailPhotoEtag";

/// A service account's signed assertion (RFC 7523), exchanged for a token that acts
/// as the subject: Google's domain-wide delegation.
struct Assertion {
    http: HttpClient,
    signer: RsaSigner,
    client_email: String,
    key_id: Option<String>,
    subject: String,
    token_url: String,
    policy: RetryPolicy,
}

impl TokenSource for Assertion {
    fn fetch(&self) -> Result<AccessToken> {
        let now = adphoto_cloud::unix_now();
        let claims = serde_json::json!({
            "iss": self.client_email,
            "sub": self.subject,
            "scope": SCOPE,
            "aud": self.token_url,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME_SECS,
        });
        let header = match &self.key_id {
            Some(kid) => serde_json::json!({ "kid": kid }),
            None => serde_json::json!({}),
        };
        let assertion = self.signer.sign(&header, &claims)?;
        let request = HttpRequest::new(Method::Post, self.token_url.clone())
            .form(&[("grant_type", GRANT_TYPE), ("assertion", &assertion)]);
        request_token(&self.http, &request, &self.policy)
    }
}

/// Google's throttling is a 403 with a usage-limit reason (sometimes a 429), to be
/// met with exponential backoff by the whole application, not just the one request;
/// its 5xx errors are retried per request.
fn google_verdict(response: &HttpResponse) -> Verdict {
    let reason = response.json().and_then(|b| {
        b.pointer("/error/errors/0/reason")
            .and_then(|r| r.as_str())
            .map(str::to_string)
    });
    match classify(response.status, reason.as_deref()) {
        (ErrorKind::Throttled, true, _) => Verdict::Throttled {
            retry_after: retry_after(response),
        },
        (ErrorKind::Unavailable, true, _) => Verdict::Transient,
        _ => Verdict::Final,
    }
}

/// One photo to upload, and the `thumbnailPhotoEtag` the user showed before.
pub struct Upload<'a> {
    pub id: &'a str,
    pub jpeg: &'a [u8],
    pub prior_etag: Option<&'a str>,
}

pub struct Api {
    client: ApiClient<Assertion>,
    base: String,
    subject: String,
    warnings: Mutex<Vec<String>>,
}

/// A sign-in refusal with what to fix in Google's consoles.
fn with_advice(e: Error, subject: &str) -> Error {
    let mut message = e.message().to_string();
    if e.kind() == ErrorKind::Auth {
        match e.service_code() {
            Some("unauthorized_client") => message.push_str(&format!(
                "; in the Admin console (Security > API controls > Domain-wide delegation) the service \
                 account's client ID must be allowed the scope {SCOPE}, and {subject} must be an administrator"
            )),
            Some("invalid_grant") => message.push_str(
                "; check that the key file is current (not deleted in the Cloud console) and this computer's clock",
            ),
            _ => {}
        }
    }
    e.with_message(message)
}

/// A path segment: everything but unreserved characters and `@` escaped, so an
/// identity such as `../x?y` names nothing but itself.
fn segment(key: &str) -> String {
    form_encode(key).replace("%40", "@")
}

impl Api {
    /// Reads the key file and signs in (a token is fetched now, so a wrong key or a
    /// missing delegation is reported before any work).
    pub fn connect(options: &GoogleOptions) -> Result<Api> {
        let subject = options.subject.trim().to_string();
        let key = ServiceAccountKey::read(&options.key_file)?;
        let token_url = options
            .token_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .unwrap_or(&key.token_uri);
        let plain = if options.insecure {
            PlainHttp::Allowed
        } else {
            PlainHttp::LoopbackOnly
        };
        let token_url = check_url(token_url, plain).map_err(|e| with_advice(e, &subject))?;
        let base = check_url(&options.api_url(), plain).map_err(|e| with_advice(e, &subject))?;
        let connections = options.connections.clamp(1, 16);
        let http = HttpClient::new(&HttpOptions {
            timeout: Duration::from_secs(options.timeout_secs.max(1)),
            connections,
            ca_cert: options.ca_cert.clone(),
            plain_http: plain,
        })
        .map_err(|e| with_advice(e, &subject))?;
        let signer = RsaSigner::from_pem(key.private_key.expose().as_bytes()).map_err(|e| {
            usage(format!(
                "{}: the key file's private_key: {}",
                options.key_file.display(),
                e.message()
            ))
        })?;
        let policy = RetryPolicy::default();
        let source = Assertion {
            http: http.clone(),
            signer,
            client_email: key.client_email,
            key_id: key.private_key_id,
            subject: subject.clone(),
            token_url,
            policy,
        };
        let mut client = ApiClient::new(http, source, connections, policy);
        client.classify = google_verdict;
        client.tokens.get().map_err(|e| with_advice(e, &subject))?;
        Ok(Api {
            client,
            base,
            subject,
            warnings: Mutex::new(Vec::new()),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Where the record of this domain's uploads lives.
    pub fn state_folder(&self, options: &GoogleOptions) -> PathBuf {
        if let Some(dir) = &options.state_dir {
            return dir.clone();
        }
        let subject_domain = options
            .subject
            .rsplit('@')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let identity = format!(
            "{}|{}|{}|{subject_domain}",
            self.base,
            options.customer.as_deref().unwrap_or("my_customer"),
            options.domain.as_deref().unwrap_or("")
        );
        adphoto_core::backup::data_folder()
            .join("google")
            .join(&sha256_hex(identity.as_bytes())[..16])
    }

    pub fn warn(&self, message: String) {
        self.warnings.lock().unwrap_or_else(|p| p.into_inner()).push(message);
    }

    pub fn warnings(&self) -> Vec<String> {
        self.warnings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn url(&self, path: &str) -> String {
        format!("{}/admin/directory/v1/{path}", self.base)
    }

    fn send(&self, request: &HttpRequest, what: &str, cancel: &Cancel) -> Result<HttpResponse> {
        self.client.call(request, cancel).map_err(|e| {
            let e = with_advice(e, &self.subject);
            if e.message().starts_with(what) || e.is_cancelled() {
                e
            } else {
                e.context(what)
            }
        })
    }

    /// The JSON answer of a successful call; `None` for 404 when `missing_ok`.
    fn json<T: DeserializeOwned>(
        &self,
        request: &HttpRequest,
        what: &str,
        missing_ok: bool,
        cancel: &Cancel,
    ) -> Result<Option<T>> {
        let r = self.send(request, what, cancel)?;
        if r.status == 404 && missing_ok {
            return Ok(None);
        }
        if !r.is_success() {
            return Err(from_response(r.status, &r.body, what));
        }
        serde_json::from_slice(&r.body).map(Some).map_err(|e| {
            Error::new(
                ErrorKind::InvalidResponse,
                format!("{what}: unexpected answer from Google ({e})"),
            )
        })
    }

    /// Every user of the customer (or domain), page by page, optionally narrowed by
    /// a users.list `query`.
    pub fn list_users(&self, options: &GoogleOptions, query: Option<&str>, cancel: &Cancel) -> Result<Vec<ApiUser>> {
        let scope = match options.domain.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(domain) => format!("domain={}", form_encode(domain)),
            None => format!(
                "customer={}",
                form_encode(options.customer.as_deref().map(str::trim).unwrap_or("my_customer"))
            ),
        };
        let mut url = format!(
            "{}?{scope}&maxResults={PAGE_SIZE}&fields={}",
            self.url("users"),
            form_encode(&format!("nextPageToken,users({USER_FIELDS})"))
        );
        if let Some(q) = query {
            url.push_str(&format!("&query={}", form_encode(q)));
        }
        let mut users = Vec::new();
        let mut page_token: Option<String> = None;
        loop {
            let page_url = match &page_token {
                Some(t) => format!("{url}&pageToken={}", form_encode(t)),
                None => url.clone(),
            };
            let page: UserPage = self
                .json(&HttpRequest::new(Method::Get, page_url), "list users", false, cancel)?
                .unwrap_or_default();
            users.extend(page.users);
            match page.next_page_token.filter(|t| !t.is_empty()) {
                // A server that hands back the same cursor would page forever.
                Some(t) if page_token.as_deref() != Some(t.as_str()) => page_token = Some(t),
                _ => break,
            }
        }
        Ok(users)
    }

    /// One user by primary email, alias or id.
    pub fn get_user(&self, key: &str, cancel: &Cancel) -> Result<Option<ApiUser>> {
        let url = format!(
            "{}?fields={}",
            self.url(&format!("users/{}", segment(key))),
            form_encode(USER_FIELDS)
        );
        self.json(&HttpRequest::new(Method::Get, url), "read user", true, cancel)
    }

    /// Users whose external id (employee id) is `value`.
    pub fn find_by_external_id(&self, options: &GoogleOptions, value: &str, cancel: &Cancel) -> Result<Vec<ApiUser>> {
        // Google's search has no escape character: a value with a quote cannot be
        // searched for exactly, so it finds nobody rather than something else.
        if value.contains(['\'', '"', '\\']) {
            return Ok(Vec::new());
        }
        let users = self.list_users(options, Some(&format!("externalId='{value}'")), cancel)?;
        Ok(users
            .into_iter()
            .filter(|u| u.employee_id().is_some_and(|e| e.eq_ignore_ascii_case(value)))
            .collect())
    }

    /// The photo others see (Google's copy), or `None` when the user has none.
    pub fn get_photo(&self, id: &str, cancel: &Cancel) -> Result<Option<Vec<u8>>> {
        let url = self.url(&format!("users/{}/photos/thumbnail", segment(id)));
        let photo: Option<ApiPhoto> = self.json(&HttpRequest::new(Method::Get, url), "read photo", true, cancel)?;
        match photo.and_then(|p| p.photo_data) {
            None => Ok(None),
            Some(data) => websafe::decode(&data)
                .map(Some)
                .map_err(|e| Error::new(ErrorKind::InvalidResponse, format!("read photo: {e}"))),
        }
    }

    fn photo_etag(&self, id: &str, cancel: &Cancel) -> Result<Option<String>> {
        let url = format!(
            "{}?fields=thumbnailPhotoEtag",
            self.url(&format!("users/{}", segment(id)))
        );
        let user: Option<PhotoEtag> =
            self.json(&HttpRequest::new(Method::Get, url), "read photo etag", false, cancel)?;
        Ok(user.and_then(|u| u.thumbnail_photo_etag).filter(|e| !e.is_empty()))
    }

    fn put_photo(&self, id: &str, jpeg: &[u8], cancel: &Cancel) -> Result<ApiPhoto> {
        let (width, height) = jpeg_dimensions(jpeg).unwrap_or((GOOGLE_SIZE, GOOGLE_SIZE));
        let body = PhotoUpdate {
            photo_data: websafe::encode(jpeg),
            mime_type: "JPEG",
            width,
            height,
        };
        let body =
            serde_json::to_vec(&body).map_err(|e| Error::internal(format!("cannot encode the photo request: {e}")))?;
        let url = self.url(&format!("users/{}/photos/thumbnail", segment(id)));
        let request = HttpRequest::new(Method::Put, url).body("application/json", body);
        Ok(self.json(&request, "update photo", false, cancel)?.unwrap_or_default())
    }

    /// Removes the user's photo, the one they set themselves included. Already gone
    /// is what was asked.
    pub fn delete_photo(&self, id: &str, cancel: &Cancel) -> Result<()> {
        let url = self.url(&format!("users/{}/photos/thumbnail", segment(id)));
        let r = self.send(&HttpRequest::new(Method::Delete, url), "delete photo", cancel)?;
        if r.is_success() || r.status == 404 {
            Ok(())
        } else {
            Err(from_response(r.status, &r.body, "delete photo"))
        }
    }

    /// Uploads a photo and makes sure it is the one others see; returns the user's
    /// `thumbnailPhotoEtag` afterwards.
    ///
    /// A photo the user set on their own profile is shown instead of one an
    /// administrator uploads, and the upload still succeeds. That shows as an etag
    /// that did not change; the user's photo is then deleted (which removes both) and
    /// ours uploaded again.
    pub fn upload(&self, u: &Upload<'_>, cancel: &Cancel) -> Result<String> {
        let answer = self.put_photo(u.id, u.jpeg, cancel)?;
        // Sent: what follows belongs to this write, which finishes even if the run is
        // cancelled now. Cancelling stops a run between writes, never inside one: a
        // write reported cancelled here would say Google lacks a photo it has.
        let finishing = Cancel::default();
        let after = self.photo_etag(u.id, &finishing)?;
        let shadowed = u.prior_etag.is_some() && after.as_deref() == u.prior_etag;
        if !shadowed {
            return Ok(after.or(answer.etag).unwrap_or_default());
        }
        self.delete_photo(u.id, &finishing)?;
        let answer = self.put_photo(u.id, u.jpeg, &finishing)?;
        let after = self.photo_etag(u.id, &finishing)?;
        if after.as_deref() == u.prior_etag {
            return Err(Error::new(
                ErrorKind::SelfPhoto,
                "the photo the user set on their own profile still shows after it was removed and ours uploaded",
            ));
        }
        Ok(after.or(answer.etag).unwrap_or_default())
    }
}
