//! Fake Google Workspace Directory API (users and their photos) with Google's OAuth
//! token endpoint for service accounts using domain-wide delegation, on one port.

pub mod admin;
pub mod api;
pub mod config;
pub mod errors;
pub mod fields;
pub mod photos;
pub mod query;
pub mod service_account;
pub mod stats;
pub mod store;
pub mod token;
pub mod users;
pub mod websafe;

use rsa::RsaPublicKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use crate::common::concurrency::Concurrency;
use crate::common::faults::FaultBook;
use crate::common::http::{Outcome, Request};
use crate::common::keys::parse_public_key;
use crate::common::retry_after::RetryAfterBook;
use crate::common::server::{self, Handler, ServerHandle};
use config::{GoogleConfig, GoogleFault};
use stats::GoogleStats;
use store::UserStore;

#[derive(Debug, Clone)]
pub struct ParsedServiceAccount {
    pub private_key_id: Option<String>,
    pub key: RsaPublicKey,
}

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub client_email: String,
    pub subject: String,
    pub scopes: Vec<String>,
    pub expires: Instant,
    pub dead: bool,
}

impl TokenInfo {
    /// Throttling identity: Google's per-user quotas follow the impersonated user.
    pub fn client(&self) -> String {
        format!("{}/{}", self.client_email, self.subject)
    }
}

pub struct Inner {
    pub config: GoogleConfig,
    pub accounts: HashMap<String, ParsedServiceAccount>,
    pub faults: FaultBook<GoogleFault>,
    pub users: UserStore,
    pub tokens: HashMap<String, TokenInfo>,
    pub retry: RetryAfterBook,
    pub stats: GoogleStats,
}

impl Inner {
    pub fn apply_config(&mut self, config: GoogleConfig) -> Result<(), String> {
        let mut accounts = HashMap::new();
        for sa in &config.service_accounts {
            let key = parse_public_key(&sa.public_key_pem)
                .map_err(|e| format!("service account {}: {e}", sa.client_email))?;
            accounts.insert(
                sa.client_email.clone(),
                ParsedServiceAccount {
                    private_key_id: sa.private_key_id.clone(),
                    key,
                },
            );
        }
        self.accounts = accounts;
        self.faults = FaultBook::new(&config.faults);
        self.config = config;
        Ok(())
    }

    /// Domains `domain=` may name.
    pub fn domains(&self) -> Vec<String> {
        if !self.config.domains.is_empty() {
            return self.config.domains.iter().map(|d| d.to_ascii_lowercase()).collect();
        }
        let mut d: Vec<String> = self
            .users
            .all()
            .iter()
            .filter_map(|u| u.primary_email.split('@').nth(1))
            .map(str::to_ascii_lowercase)
            .collect();
        d.sort();
        d.dedup();
        d
    }
}

pub struct GoogleState {
    pub base_url: String,
    pub started: Instant,
    startup_config: GoogleConfig,
    pub concurrency: Concurrency,
    inner: Mutex<Inner>,
}

impl GoogleState {
    pub fn new(base_url: String, config: GoogleConfig) -> Result<Self, String> {
        let started = Instant::now();
        let mut inner = Inner {
            config: GoogleConfig::default(),
            accounts: HashMap::new(),
            faults: FaultBook::new(&[]),
            users: UserStore::default(),
            tokens: HashMap::new(),
            retry: RetryAfterBook::new(started),
            stats: GoogleStats::default(),
        };
        inner.apply_config(config.clone())?;
        Ok(GoogleState {
            base_url,
            started,
            startup_config: config,
            concurrency: Concurrency::default(),
            inner: Mutex::new(inner),
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn startup_config(&self) -> &GoogleConfig {
        &self.startup_config
    }

    /// Where clients should send token requests: what `token_uri` says and `aud` must be.
    pub fn token_uri(&self) -> String {
        format!("{}/token", self.base_url)
    }
}

pub struct GoogleServer {
    handle: ServerHandle,
    pub state: Arc<GoogleState>,
}

impl GoogleServer {
    pub fn url(&self) -> String {
        self.handle.url()
    }

    pub fn port(&self) -> u16 {
        self.handle.addr().port()
    }
}

/// Start the Google fake on 127.0.0.1:`port` (0 = any free port).
pub fn spawn(config: GoogleConfig, port: u16) -> std::io::Result<GoogleServer> {
    let listener = server::bind(port)?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let state = Arc::new(
        GoogleState::new(base_url, config).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?,
    );
    let for_handler = state.clone();
    let handler: Handler = Arc::new(move |req| {
        let state = for_handler.clone();
        Box::pin(async move { dispatch(state, req).await })
    });
    let handle = server::serve_in_background(listener, handler)?;
    Ok(GoogleServer { handle, state })
}

/// Seed users from a JSON array (or `{"users": [...]}`).
pub fn seed(state: &GoogleState, body: serde_json::Value) -> Result<Vec<String>, String> {
    let list = body.get("users").cloned().unwrap_or(body);
    let seeds: Vec<store::SeedUser> = serde_json::from_value(list).map_err(|e| format!("users: {e}"))?;
    let mut g = state.lock();
    seeds.into_iter().map(|s| g.users.upsert(s)).collect()
}

async fn dispatch(state: Arc<GoogleState>, req: Request) -> Outcome {
    if req.path == "/_admin" || req.path.starts_with("/_admin/") || req.path.starts_with("/_photos/") {
        return admin::handle(&state, &req).into();
    }
    let outcome = if req.path == "/token" {
        token::handle(state.clone(), req).await
    } else if req.path.starts_with(api::PREFIX) {
        api::handle(state.clone(), req).await
    } else {
        errors::not_found(&req.path).into()
    };
    let mut g = state.lock();
    match &outcome {
        Outcome::Reply(r) => g.stats.status(r.status.as_u16()),
        Outcome::Drop => g.stats.dropped_connections += 1,
    }
    outcome
}
