//! Microsoft Graph v1.0 as ADPhoto uses it: users listed page by page, looked up and
//! their photos read twenty at a time with `$batch`, photos written one request each.
//! Every request goes through the shared `ApiClient` (token, throttling, retries).

use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};

use super::auth::EntraSignIn;
use super::credential::Credential;
use super::failure::{failure_from_parts, graph_failure};
use super::options::GraphOptions;
use adphoto_cloud::{
    check_url, parse_retry_after, ApiClient, HttpClient, HttpOptions, HttpRequest, Method, PlainHttp, RetryPolicy,
};
use adphoto_core::cancel::Cancel;
use adphoto_core::error::{Error, ErrorKind};
use adphoto_core::parallel::for_each_parallel;

/// Graph's limit for a profile photo (profilephoto-update: "limited to 4 MB").
pub const GRAPH_PHOTO_LIMIT: u64 = 4 * 1024 * 1024;

/// Graph's documented maximum of requests in one `$batch`.
pub const BATCH_SIZE: usize = 20;
/// Graph's largest page of users.
const PAGE_SIZE: usize = 999;

/// The user properties read: identities for matching, names, and whether the account
/// is enabled.
pub const USER_PROPERTIES: [&str; 8] = [
    "id",
    "userPrincipalName",
    "mail",
    "givenName",
    "surname",
    "employeeId",
    "displayName",
    "accountEnabled",
];

/// One `$batch` item's answer.
#[derive(Debug, Clone)]
pub struct ItemAnswer {
    pub status: u16,
    pub body: Value,
}

pub struct GraphClient {
    api: ApiClient<EntraSignIn>,
    /// `{graph}/v1.0`
    base: String,
    graph: String,
    workers: usize,
}

impl GraphClient {
    /// Checks the options and loads the credential; signs in on first use.
    pub fn new(options: &GraphOptions) -> Result<GraphClient, Error> {
        for (what, value) in [("tenant", &options.tenant), ("client id", &options.client_id)] {
            if value.trim().is_empty() || value.contains(['/', '?', '#', ' ']) {
                return Err(Error::options(format!("the {what} '{value}' is not valid")));
            }
        }
        let plain = if options.insecure {
            PlainHttp::Allowed
        } else {
            PlainHttp::LoopbackOnly
        };
        let login = check_url(&options.login_base(), plain)?;
        let graph = check_url(&options.graph_base(), plain)?;
        let credential = match (&options.client_secret, &options.certificate) {
            (Some(_), Some(_)) => return Err(Error::options("give a client secret or a certificate, not both")),
            (Some(s), None) if !s.is_empty() => Credential::Secret(s.clone()),
            (None, Some(path)) => Credential::certificate(
                path,
                options.certificate_key.as_deref(),
                options.certificate_password.as_ref(),
            )?,
            _ => {
                return Err(Error::options(
                    "no credential: give a client secret (from an environment variable or a file) or a certificate",
                ))
            }
        };
        let workers = options.connections.clamp(1, 32);
        let http = HttpClient::new(&HttpOptions {
            timeout: Duration::from_secs(options.timeout_secs.max(1)),
            ca_cert: options.ca_cert.clone(),
            plain_http: plain,
            connections: workers,
        })?;
        let policy = RetryPolicy::default();
        let sign_in = EntraSignIn {
            http: http.clone(),
            token_url: format!("{login}/{}/oauth2/v2.0/token", options.tenant.trim()),
            client_id: options.client_id.trim().to_string(),
            scope: format!("{graph}/.default"),
            credential,
            policy,
        };
        Ok(GraphClient {
            api: ApiClient::new(http, sign_in, workers, policy),
            base: format!("{graph}/v1.0"),
            graph,
            workers,
        })
    }

    /// Signs in now, so that bad credentials are reported before any work.
    pub fn sign_in(&self) -> Result<(), Error> {
        self.api.tokens.get().map(|_| ())
    }

    pub fn graph_url(&self) -> &str {
        &self.graph
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Throttling answers seen (429/503), tokens fetched: for reports and tests.
    pub fn throttled(&self) -> u64 {
        self.api.throttle.throttled()
    }

    pub fn tokens_fetched(&self) -> u64 {
        self.api.tokens.fetched()
    }

    /// Every user of the tenant (the properties in `USER_PROPERTIES`), page by page.
    pub fn list_users(&self, cancel: &Cancel) -> Result<Vec<Value>, Error> {
        let mut url = format!(
            "{}/users?$select={}&$top={PAGE_SIZE}",
            self.base,
            USER_PROPERTIES.join(",")
        );
        let mut users = Vec::new();
        loop {
            let r = self.api.call(&HttpRequest::new(Method::Get, &url), cancel)?;
            if !r.is_success() {
                return Err(graph_failure(&r, "list the users"));
            }
            let body = r
                .json()
                .ok_or_else(|| Error::new(ErrorKind::InvalidResponse, "list the users: the answer is not JSON"))?;
            if let Some(page) = body.get("value").and_then(Value::as_array) {
                users.extend(page.iter().cloned());
            }
            match body.get("@odata.nextLink").and_then(Value::as_str) {
                // The token goes only where the users came from.
                Some(next) if next.starts_with(&format!("{}/", self.base)) => url = next.to_string(),
                Some(next) => {
                    return Err(Error::new(
                        ErrorKind::InvalidResponse,
                        format!("list the users: the next page is at another address ({next}); not followed"),
                    ))
                }
                None => return Ok(users),
            }
        }
    }

    /// GETs many Graph paths (relative to `/v1.0`), twenty per `$batch`, batches in
    /// parallel; answers in the order asked. Items the service throttles are sent
    /// again (after every worker has paused as long as Graph said).
    pub fn batch_get(&self, paths: &[String], cancel: &Cancel) -> Vec<Result<ItemAnswer, Error>> {
        let chunks: Vec<(usize, Vec<String>)> = paths
            .chunks(BATCH_SIZE)
            .enumerate()
            .map(|(i, c)| (i * BATCH_SIZE, c.to_vec()))
            .collect();
        let mut answers: Vec<Option<Result<ItemAnswer, Error>>> = vec![None; paths.len()];
        for_each_parallel(
            chunks,
            self.workers,
            || (),
            |_, (start, chunk)| (start, self.run_batch(&chunk, cancel)),
            |(start, results)| {
                for (i, r) in results.into_iter().enumerate() {
                    if let Some(slot) = answers.get_mut(start + i) {
                        *slot = Some(r);
                    }
                }
            },
        );
        answers
            .into_iter()
            .map(|a| a.unwrap_or_else(|| Err(Error::new(ErrorKind::Internal, "no answer"))))
            .collect()
    }

    fn run_batch(&self, paths: &[String], cancel: &Cancel) -> Vec<Result<ItemAnswer, Error>> {
        let mut results: Vec<Option<Result<ItemAnswer, Error>>> = vec![None; paths.len()];
        let mut pending: Vec<usize> = (0..paths.len()).collect();
        let policy = self.api.policy;
        // Rounds in a row in which no item got a final answer. Once Graph throttles an
        // item it refuses the rest of the batch too, so a round that settles some items
        // is progress, not a failed attempt.
        let mut attempt = 0;
        while !pending.is_empty() {
            attempt += 1;
            let requests: Vec<Value> = pending
                .iter()
                .map(|&i| json!({"id": i.to_string(), "method": "GET", "url": paths[i]}))
                .collect();
            let request =
                HttpRequest::new(Method::Post, format!("{}/$batch", self.base)).json(&json!({ "requests": requests }));
            let answer = self.api.call(&request, cancel).and_then(|r| {
                if r.is_success() {
                    r.json()
                        .ok_or_else(|| Error::new(ErrorKind::InvalidResponse, "$batch: the answer is not JSON"))
                } else {
                    Err(graph_failure(&r, "$batch"))
                }
            });
            let body = match answer {
                Ok(b) => b,
                Err(e) => {
                    for &i in &pending {
                        results[i] = Some(Err(e.clone()));
                    }
                    break;
                }
            };
            let mut again = Vec::new();
            let mut wait: Option<Duration> = None;
            for item in body.get("responses").and_then(Value::as_array).into_iter().flatten() {
                let Some(i) = item
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<usize>().ok())
                    .filter(|i| pending.contains(i))
                else {
                    continue;
                };
                let status = item.get("status").and_then(Value::as_u64).unwrap_or(0) as u16;
                let answer = ItemAnswer {
                    status,
                    body: item.get("body").cloned().unwrap_or(Value::Null),
                };
                if matches!(status, 429 | 503) && attempt < policy.attempts {
                    let after = item
                        .get("headers")
                        .and_then(|h| h.as_object())
                        .and_then(|h| h.iter().find(|(k, _)| k.eq_ignore_ascii_case("retry-after")))
                        .and_then(|(_, v)| v.as_str())
                        .and_then(|v| parse_retry_after(v, std::time::SystemTime::now()));
                    let this = after.unwrap_or_else(|| policy.backoff(attempt));
                    wait = Some(wait.map_or(this, |w| w.max(this)));
                    again.push(i);
                    continue;
                }
                results[i] = Some(Ok(answer));
            }
            for &i in &pending {
                if results[i].is_none() && !again.contains(&i) {
                    results[i] = Some(Err(Error::new(
                        ErrorKind::InvalidResponse,
                        "$batch: no answer for a request",
                    )));
                }
            }
            if again.len() < pending.len() {
                attempt = 0;
            }
            if let Some(w) = wait {
                // Throttled items pause every worker, as a throttled request would.
                self.api.throttle.slow_down(w);
            }
            pending = again;
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(Error::cancelled())))
            .collect()
    }

    /// The user's photo (`None`: the user has none).
    pub fn get_photo(&self, id: &str, cancel: &Cancel) -> Result<Option<Vec<u8>>, Error> {
        let url = format!("{}/users/{}/photo/$value", self.base, path_segment(id));
        let r = self.api.call(&HttpRequest::new(Method::Get, url), cancel)?;
        match r.status {
            200 => Ok(Some(r.body)),
            _ => {
                let e = graph_failure(&r, &format!("read the photo of {id}"));
                if e.kind() == ErrorKind::NoPhoto {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Replaces the user's photo (`PUT /users/{id}/photo/$value`, image/jpeg).
    pub fn put_photo(&self, id: &str, jpeg: &[u8], cancel: &Cancel) -> Result<(), Error> {
        if jpeg.len() as u64 > GRAPH_PHOTO_LIMIT {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the photo is {} bytes; Graph takes at most {GRAPH_PHOTO_LIMIT} (not sent)",
                    jpeg.len()
                ),
            ));
        }
        let url = format!("{}/users/{}/photo/$value", self.base, path_segment(id));
        let request = HttpRequest::new(Method::Put, url).body("image/jpeg", jpeg.to_vec());
        let r = self.api.call(&request, cancel)?;
        if r.is_success() {
            Ok(())
        } else {
            Err(graph_failure(&r, "upload the photo"))
        }
    }

    /// Removes the user's photo; one that is already gone is what was asked.
    pub fn delete_photo(&self, id: &str, cancel: &Cancel) -> Result<(), Error> {
        let url = format!("{}/users/{}/photo/$value", self.base, path_segment(id));
        let r = self.api.call(&HttpRequest::new(Method::Delete, url), cancel)?;
        if r.is_success() {
            return Ok(());
        }
        match graph_failure(&r, "remove the photo") {
            e if e.kind() == ErrorKind::NoPhoto => Ok(()),
            e => Err(e),
        }
    }

    /// One user by object id or UPN (`None`: no such user).
    pub fn get_user(&self, id: &str, cancel: &Cancel) -> Result<Option<Value>, Error> {
        let url = format!("{}{}", self.base, user_path(id));
        let r = self.api.call(&HttpRequest::new(Method::Get, url), cancel)?;
        match r.status {
            200 => Ok(r.json()),
            404 => Ok(None),
            _ => Err(graph_failure(&r, &format!("look up {id}"))),
        }
    }
}

/// `/users/{id}?$select=...` for a `$batch` item or a request.
pub fn user_path(id_or_upn: &str) -> String {
    format!(
        "/users/{}?$select={}",
        path_segment(id_or_upn),
        USER_PROPERTIES.join(",")
    )
}

/// `/users?$filter=prop eq 'value'&$select=...`: OData doubles a quote in a literal.
pub fn filter_path(property: &str, value: &str) -> String {
    let literal = format!("'{}'", value.replace('\'', "''"));
    format!(
        "/users?$filter={}&$select={}",
        adphoto_cloud::form_encode(&format!("{property} eq {literal}")),
        USER_PROPERTIES.join(",")
    )
}

/// `/users/{id}/photo/$value`
pub fn photo_path(id: &str) -> String {
    format!("/users/{}/photo/$value", path_segment(id))
}

/// A path segment percent-encoded (a guest's UPN holds `#`), `@` kept as Graph shows it.
pub fn path_segment(value: &str) -> String {
    adphoto_cloud::form_encode(value).replace("%40", "@")
}

/// The bytes of a `$batch` photo answer (base64 text).
pub fn batch_photo_bytes(answer: &ItemAnswer) -> Result<Vec<u8>, Error> {
    let text = answer
        .body
        .as_str()
        .ok_or_else(|| Error::new(ErrorKind::InvalidResponse, "$batch: the photo is not base64 text"))?;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| Error::new(ErrorKind::InvalidResponse, "$batch: the photo is not valid base64"))
}

/// An item's refusal, in the words of `failure_from_parts`.
pub fn item_failure(answer: &ItemAnswer, what: &str) -> Error {
    failure_from_parts(answer.status, &answer.body, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded() {
        assert_eq!(
            path_segment("jo#EXT#@x.onmicrosoft.com"),
            "jo%23EXT%23@x.onmicrosoft.com"
        );
        assert_eq!(photo_path("a b"), "/users/a%20b/photo/$value");
        assert!(filter_path("mail", "o'neil@x.org")
            .starts_with("/users?$filter=mail%20eq%20%27o%27%27neil%40x.org%27&$select=id,"));
    }
}
