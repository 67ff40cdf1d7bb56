//! Fake Microsoft Graph: the Entra ID token endpoint and the user/photo/`$batch` parts
//! of Graph v1.0, on one port.

pub mod admin;
pub mod api;
pub mod batch;
pub mod config;
pub mod errors;
pub mod photo;
pub mod stats;
pub mod store;
pub mod token;
pub mod users;

use rsa::RsaPublicKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use crate::common::concurrency::Concurrency;
use crate::common::faults::FaultBook;
use crate::common::http::{Outcome, Request};
use crate::common::keys::{parse_certificate, parse_public_key, CertificateInfo};
use crate::common::retry_after::RetryAfterBook;
use crate::common::server::{self, Handler, ServerHandle};
use config::{GraphConfig, GraphFault};
use stats::GraphStats;
use store::UserStore;

/// An app registration with its credentials decoded.
#[derive(Debug, Clone)]
pub struct ParsedApp {
    pub secret: Option<String>,
    pub key: Option<RsaPublicKey>,
    pub cert: Option<CertificateInfo>,
}

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub client_id: String,
    pub expires: Instant,
    /// Killed by a forced expiry; stays dead like a real expired token.
    pub dead: bool,
}

/// Mutable state behind one lock; handlers never hold it across an await.
pub struct Inner {
    pub config: GraphConfig,
    pub apps: HashMap<String, ParsedApp>,
    pub faults: FaultBook<GraphFault>,
    pub users: UserStore,
    pub tokens: HashMap<String, TokenInfo>,
    pub retry: RetryAfterBook,
    pub stats: GraphStats,
}

impl Inner {
    /// Install a new configuration; fault counters restart with the new rules.
    pub fn apply_config(&mut self, config: GraphConfig) -> Result<(), String> {
        self.apps = parse_apps(&config)?;
        self.faults = FaultBook::new(&config.faults);
        self.config = config;
        Ok(())
    }
}

fn parse_apps(config: &GraphConfig) -> Result<HashMap<String, ParsedApp>, String> {
    let mut apps = HashMap::new();
    for app in &config.apps {
        let cert = app
            .certificate_pem
            .as_deref()
            .map(parse_certificate)
            .transpose()
            .map_err(|e| format!("app {}: {e}", app.client_id))?;
        let key = match (&cert, &app.public_key_pem) {
            (Some(c), _) => Some(c.public_key.clone()),
            (None, Some(pem)) => Some(parse_public_key(pem).map_err(|e| format!("app {}: {e}", app.client_id))?),
            (None, None) => None,
        };
        apps.insert(
            app.client_id.clone(),
            ParsedApp {
                secret: app.client_secret.clone(),
                key,
                cert,
            },
        );
    }
    Ok(apps)
}

pub struct GraphState {
    /// Where this server listens, for links when a request has no Host header.
    pub base_url: String,
    pub started: Instant,
    startup_config: GraphConfig,
    pub concurrency: Concurrency,
    inner: Mutex<Inner>,
}

impl GraphState {
    pub fn new(base_url: String, config: GraphConfig) -> Result<Self, String> {
        let started = Instant::now();
        let mut inner = Inner {
            config: GraphConfig::default(),
            apps: HashMap::new(),
            faults: FaultBook::new(&[]),
            users: UserStore::default(),
            tokens: HashMap::new(),
            retry: RetryAfterBook::new(started),
            stats: GraphStats::default(),
        };
        inner.apply_config(config.clone())?;
        Ok(GraphState {
            base_url,
            started,
            startup_config: config,
            concurrency: Concurrency::default(),
            inner: Mutex::new(inner),
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic in a handler must not take the whole fake down with a poisoned lock.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn startup_config(&self) -> &GraphConfig {
        &self.startup_config
    }
}

/// A running Graph fake; dropping it stops the server.
pub struct GraphServer {
    handle: ServerHandle,
    pub state: Arc<GraphState>,
}

impl GraphServer {
    pub fn url(&self) -> String {
        self.handle.url()
    }

    pub fn port(&self) -> u16 {
        self.handle.addr().port()
    }
}

/// Start the Graph fake on 127.0.0.1:`port` (0 = any free port).
pub fn spawn(config: GraphConfig, port: u16) -> std::io::Result<GraphServer> {
    let listener = server::bind(port)?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let state = Arc::new(
        GraphState::new(base_url, config).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?,
    );
    let for_handler = state.clone();
    let handler: Handler = Arc::new(move |req| {
        let state = for_handler.clone();
        Box::pin(async move { dispatch(state, req).await })
    });
    let handle = server::serve_in_background(listener, handler)?;
    Ok(GraphServer { handle, state })
}

/// Seed users from a JSON array (or `{"users": [...]}`), as `POST /_admin/users` does.
pub fn seed(state: &GraphState, body: serde_json::Value) -> Result<Vec<String>, String> {
    let list = body.get("users").cloned().unwrap_or(body);
    let seeds: Vec<store::SeedUser> = serde_json::from_value(list).map_err(|e| format!("users: {e}"))?;
    let mut g = state.lock();
    seeds.into_iter().map(|s| g.users.upsert(s)).collect()
}

async fn dispatch(state: Arc<GraphState>, req: Request) -> Outcome {
    if req.path == "/_admin" || req.path.starts_with("/_admin/") {
        return admin::handle(&state, &req).into();
    }
    let outcome = if token::is_token_path(&req.path) {
        token::handle(state.clone(), req).await
    } else if req.path == "/v1.0" || req.path.starts_with("/v1.0/") {
        api::handle(state.clone(), req).await
    } else {
        errors::graph_error(
            hyper::StatusCode::NOT_FOUND,
            "NotFound",
            "The fake serves only /v1.0, /{tenant}/oauth2/v2.0/token and /_admin/.",
        )
        .into()
    };
    let mut g = state.lock();
    match &outcome {
        Outcome::Reply(r) => g.stats.status(r.status.as_u16()),
        Outcome::Drop => g.stats.dropped_connections += 1,
    }
    outcome
}
