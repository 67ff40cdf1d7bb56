//! OAuth access tokens shared by every worker of a run: fetched once, reused, renewed
//! shortly before they expire, and renewed at once (by one worker only) when the
//! service refuses one with 401.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use adphoto_core::error::{Error, ErrorKind};
use adphoto_core::secret::Secret;

/// A bearer token and when it stops working.
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub value: Secret,
    pub expires_at: Instant,
}

impl AccessToken {
    /// A token from an OAuth answer's `access_token` and `expires_in` (seconds).
    pub fn new(value: Secret, expires_in: Duration) -> AccessToken {
        AccessToken {
            value,
            expires_at: Instant::now() + expires_in,
        }
    }

    /// The token from a standard OAuth 2.0 token answer (RFC 6749 §5.1). An answer
    /// without `expires_in` is taken to last an hour (what Entra and Google issue).
    pub fn from_oauth_json(body: &serde_json::Value) -> Result<AccessToken, Error> {
        let value = body
            .get("access_token")
            .and_then(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidResponse,
                    "the token endpoint answered without an access_token",
                )
            })?;
        let secs = match body.get("expires_in") {
            Some(serde_json::Value::Number(n)) => n.as_u64().unwrap_or(3600),
            // Some endpoints send it as a string.
            Some(serde_json::Value::String(s)) => s.parse().unwrap_or(3600),
            _ => 3600,
        };
        Ok(AccessToken::new(Secret::new(value), Duration::from_secs(secs)))
    }
}

/// Whatever obtains a new token (client secret, signed assertion, ...).
pub trait TokenSource: Send + Sync {
    fn fetch(&self) -> Result<AccessToken, Error>;
}

/// The longest a token is renewed ahead of its expiry; short-lived tokens are renewed
/// when a tenth of their life remains.
const RENEW_AHEAD: Duration = Duration::from_secs(300);

struct Cached {
    token: Option<AccessToken>,
    /// How many tokens were fetched, so a 401 renews the rejected token only once.
    generation: u64,
    lifetime: Duration,
}

/// A token cache; `Sync`, so every worker thread shares one.
pub struct TokenCache<S: TokenSource> {
    source: S,
    cached: Mutex<Cached>,
}

/// A token handed out, with the generation to name when it is refused.
#[derive(Debug, Clone)]
pub struct Lease {
    pub token: Secret,
    pub generation: u64,
}

impl<S: TokenSource> TokenCache<S> {
    pub fn new(source: S) -> TokenCache<S> {
        TokenCache {
            source,
            cached: Mutex::new(Cached {
                token: None,
                generation: 0,
                lifetime: Duration::ZERO,
            }),
        }
    }

    pub fn source(&self) -> &S {
        &self.source
    }

    fn lock(&self) -> MutexGuard<'_, Cached> {
        self.cached.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A token good for a while yet, fetching a new one if needed. Workers wait for
    /// one fetch rather than each fetching their own.
    pub fn get(&self) -> Result<Lease, Error> {
        let mut c = self.lock();
        let now = Instant::now();
        let fresh = c.token.as_ref().filter(|t| {
            let ahead = RENEW_AHEAD.min(c.lifetime / 10);
            t.expires_at > now + ahead
        });
        if let Some(t) = fresh {
            return Ok(Lease {
                token: t.value.clone(),
                generation: c.generation,
            });
        }
        let token = self.source.fetch()?;
        c.lifetime = token.expires_at.saturating_duration_since(now);
        c.generation += 1;
        let lease = Lease {
            token: token.value.clone(),
            generation: c.generation,
        };
        c.token = Some(token);
        Ok(lease)
    }

    /// The service refused the token of `generation` (401): forget it, unless another
    /// worker already replaced it.
    pub fn refused(&self, generation: u64) {
        let mut c = self.lock();
        if c.generation == generation {
            c.token = None;
        }
    }

    /// Tokens fetched so far.
    pub fn fetched(&self) -> u64 {
        self.lock().generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    struct Counting(AtomicU32, Duration);

    impl TokenSource for Counting {
        fn fetch(&self) -> Result<AccessToken, Error> {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            Ok(AccessToken::new(Secret::new(format!("t{n}")), self.1))
        }
    }

    #[test]
    fn reuses_and_renews_once_per_refusal() {
        let cache = TokenCache::new(Counting(AtomicU32::new(0), Duration::from_secs(3600)));
        let a = cache.get().unwrap();
        assert_eq!(a.token.expose(), "t0");
        assert_eq!(cache.get().unwrap().token.expose(), "t0");
        cache.refused(a.generation);
        cache.refused(a.generation); // a second worker saw the same 401
        let b = cache.get().unwrap();
        assert_eq!(b.token.expose(), "t1");
        cache.refused(a.generation); // late report about the old token: ignored
        assert_eq!(cache.get().unwrap().token.expose(), "t1");
        assert_eq!(cache.fetched(), 2);
    }

    #[test]
    fn renews_before_expiry() {
        let cache = TokenCache::new(Counting(AtomicU32::new(0), Duration::from_millis(500)));
        assert_eq!(cache.get().unwrap().token.expose(), "t0");
        std::thread::sleep(Duration::from_millis(460)); // inside the last tenth
        assert_eq!(cache.get().unwrap().token.expose(), "t1");
    }

    #[test]
    fn oauth_answers() {
        let t = AccessToken::from_oauth_json(&serde_json::json!({"access_token": "x", "expires_in": "60"})).unwrap();
        assert!(t.expires_at <= Instant::now() + Duration::from_secs(60));
        assert!(AccessToken::from_oauth_json(&serde_json::json!({"token_type": "Bearer"})).is_err());
    }
}
