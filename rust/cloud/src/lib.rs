//! What every cloud directory client needs, whatever the service (Microsoft Graph,
//! Google): a verified HTTPS client, OAuth tokens cached and renewed, RS256 client
//! assertions, and retries that obey the service's throttling as one application.

mod call;
mod http;
mod jwt;
mod retry;
mod token;

pub use call::{default_classifier, request_token, retry_after, ApiClient, Classifier};
pub use http::{check_url, form_encode, HttpClient, HttpOptions, HttpRequest, HttpResponse, Method, PlainHttp};
pub use jwt::{base64url, pem_certificates, random_id, unix_now, x5t, x5t_s256, RsaSigner};
pub use retry::{parse_retry_after, sleep_unless_cancelled, Admission, RetryPolicy, Throttle, Verdict};
pub use token::{AccessToken, Lease, TokenCache, TokenSource};
