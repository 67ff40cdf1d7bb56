//! One authorised API call, done right for a throttled cloud service: every try waits
//! its turn at the shared `Throttle`, carries a cached token, renews that token once
//! when it is refused (401), obeys `Retry-After`, and backs off on network trouble.
//! Service-specific meaning (which statuses are throttling, what an error body says)
//! stays with the caller: it passes a classifier and reads the final answer.

use std::time::{Duration, SystemTime};

use super::http::{HttpClient, HttpRequest, HttpResponse};
use super::retry::{parse_retry_after, sleep_unless_cancelled, RetryPolicy, Throttle, Verdict};
use super::token::{TokenCache, TokenSource};
use adphoto_core::cancel::Cancel;
use adphoto_core::error::{Error, ErrorKind};
use adphoto_core::notice::notice;

/// Which answers mean what. The default: 429 and 503 are throttling (honour
/// `Retry-After`), 500/502/504 transient, everything else final.
pub type Classifier = fn(&HttpResponse) -> Verdict;

pub fn default_classifier(response: &HttpResponse) -> Verdict {
    match response.status {
        429 | 503 => Verdict::Throttled {
            retry_after: retry_after(response),
        },
        500 | 502 | 504 => Verdict::Transient,
        _ => Verdict::Final,
    }
}

/// The answer's `Retry-After`, as a wait from now.
pub fn retry_after(response: &HttpResponse) -> Option<Duration> {
    parse_retry_after(response.header("retry-after")?, SystemTime::now())
}

/// Everything a run's workers share to call one service.
pub struct ApiClient<S: TokenSource> {
    pub http: HttpClient,
    pub tokens: TokenCache<S>,
    pub throttle: Throttle,
    pub policy: RetryPolicy,
    pub classify: Classifier,
}

impl<S: TokenSource> ApiClient<S> {
    /// `concurrency`: requests in flight at most (the service's per-app limit).
    pub fn new(http: HttpClient, source: S, concurrency: usize, policy: RetryPolicy) -> ApiClient<S> {
        ApiClient {
            http,
            tokens: TokenCache::new(source),
            throttle: Throttle::new(concurrency),
            policy,
            classify: default_classifier,
        }
    }

    /// Sends `request` with a bearer token until it gets a final answer, which is
    /// returned whatever its status (a refusal's body is the caller's to read). After
    /// the last try a throttling answer is returned as it is. `Err` means no usable
    /// answer: the token could not be had, the network failed every time, or `cancel`
    /// was set before the request could be (re)sent.
    pub fn call(&self, request: &HttpRequest, cancel: &Cancel) -> Result<HttpResponse, Error> {
        let mut renewed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let lease = self.tokens.get()?;
            let Some(admission) = self.throttle.enter(cancel) else {
                return Err(Error::cancelled());
            };
            let mut sent = request.clone();
            sent.headers
                .push(("Authorization".into(), format!("Bearer {}", lease.token.expose())));
            let backoff = self.policy.backoff(attempt);
            match self.http.send(&sent) {
                Err(e) if e.is_transient() && attempt < self.policy.attempts => {
                    self.throttle.leave(admission, Verdict::Transient, backoff);
                    if !sleep_unless_cancelled(backoff, cancel) {
                        return Err(Error::cancelled());
                    }
                }
                Err(e) => {
                    self.throttle.leave(admission, Verdict::Final, backoff);
                    return Err(e);
                }
                // A refused token is renewed once; a second refusal is the answer.
                Ok(r) if r.status == 401 && !renewed => {
                    self.throttle.leave(admission, Verdict::Final, backoff);
                    self.tokens.refused(lease.generation);
                    renewed = true;
                    attempt -= 1;
                }
                Ok(r) => match (self.classify)(&r) {
                    Verdict::Final => {
                        self.throttle.leave(admission, Verdict::Final, backoff);
                        return Ok(r);
                    }
                    Verdict::Throttled { retry_after } => {
                        let too_long = retry_after.is_some_and(|d| d > self.policy.max_retry_after);
                        // The gate now holds every worker until the wait is over.
                        self.throttle
                            .leave(admission, Verdict::Throttled { retry_after }, backoff);
                        if too_long || attempt >= self.policy.attempts {
                            return Ok(r);
                        }
                    }
                    Verdict::Transient => {
                        self.throttle.leave(admission, Verdict::Transient, backoff);
                        if attempt >= self.policy.attempts {
                            return Ok(r);
                        }
                        if !sleep_unless_cancelled(backoff, cancel) {
                            return Err(Error::cancelled());
                        }
                    }
                },
            }
        }
    }
}

/// Asks an OAuth 2.0 token endpoint for a token (the request carries the client's
/// credentials), retrying what a busy endpoint answers and naming its refusal
/// (RFC 6749 §5.2 `error` and `error_description`, never the request) otherwise.
pub fn request_token(
    http: &HttpClient,
    request: &HttpRequest,
    policy: &RetryPolicy,
) -> Result<super::token::AccessToken, Error> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let backoff = policy.backoff(attempt);
        let (wait, trouble) = match http.send(request) {
            Ok(r) if r.is_success() => {
                let body = r
                    .json()
                    .ok_or_else(|| Error::new(ErrorKind::InvalidResponse, "the token endpoint did not answer JSON"))?;
                return super::token::AccessToken::from_oauth_json(&body);
            }
            Ok(r) => match default_classifier(&r) {
                Verdict::Throttled { retry_after } if attempt < policy.attempts => {
                    let wait = retry_after.unwrap_or(backoff);
                    if wait > policy.max_retry_after {
                        return Err(token_refusal(&r));
                    }
                    (wait, format!("answered HTTP {} (busy)", r.status))
                }
                Verdict::Transient if attempt < policy.attempts => (backoff, format!("answered HTTP {}", r.status)),
                _ => return Err(token_refusal(&r)),
            },
            Err(e) if e.is_transient() && attempt < policy.attempts => {
                (backoff, format!("could not be reached ({})", e.message()))
            }
            Err(e) => return Err(e),
        };
        // Tries add up to about a minute: the person waiting is told what for.
        notice(&format!(
            "signing in: the token endpoint {trouble}; trying again in {:.1} s (try {} of {})",
            wait.as_secs_f64(),
            attempt + 1,
            policy.attempts
        ));
        std::thread::sleep(wait);
    }
}

/// What the token endpoint said, in words: `invalid_client: AADSTS7000215: Invalid
/// client secret provided...` (the description never holds the credential itself).
fn token_refusal(r: &HttpResponse) -> Error {
    let body = r.json().unwrap_or_default();
    let error = body.get("error").and_then(|v| v.as_str()).unwrap_or("error");
    let description = body
        .get("error_description")
        .and_then(|v| v.as_str())
        .map(|d| d.lines().next().unwrap_or_default().to_string())
        .unwrap_or_else(|| format!("HTTP {}", r.status));
    let kind = match r.status {
        400 | 401 | 403 => ErrorKind::Auth,
        429 | 503 => ErrorKind::Throttled,
        _ => ErrorKind::Http,
    };
    Error::new(kind, format!("the sign-in was refused: {error}: {description}"))
        .transient(matches!(r.status, 429 | 500..=599))
        .with_code(r.status)
        .with_service_code(error)
}
