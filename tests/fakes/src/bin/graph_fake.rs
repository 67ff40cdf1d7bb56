//! `graph-fake`: the fake Microsoft Graph + Entra ID token endpoint as a process.
//! Prints `LISTENING http://127.0.0.1:PORT` once ready; exits when stdin closes.

use clap::Parser;
use std::path::PathBuf;

use adphoto_fakes::common::faults::FaultRule;
use adphoto_fakes::common::lifecycle;
use adphoto_fakes::graph::config::{merge, AppCredential, GraphConfig, GraphFault};

#[derive(Parser, Debug)]
#[command(
    name = "graph-fake",
    about = "Local fake of Microsoft Graph (users, photos, $batch) and its token endpoint"
)]
struct Args {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, env = "GRAPH_FAKE_PORT", default_value_t = 0)]
    port: u16,
    /// JSON file with a full or partial config (same shape as GET /_admin/config).
    #[arg(long, env = "GRAPH_FAKE_CONFIG")]
    config: Option<PathBuf>,
    /// Only this tenant id/domain is served (default: any).
    #[arg(long, env = "GRAPH_FAKE_TENANT")]
    tenant: Option<String>,
    /// Client id of the app registration (replaces the built-in default app).
    #[arg(long, env = "GRAPH_FAKE_CLIENT_ID")]
    client_id: Option<String>,
    #[arg(long, env = "GRAPH_FAKE_CLIENT_SECRET")]
    client_secret: Option<String>,
    /// PEM public key (SPKI or PKCS#1) that verifies client assertions.
    #[arg(long, env = "GRAPH_FAKE_CLIENT_PUBLIC_KEY")]
    client_public_key: Option<PathBuf>,
    /// PEM X.509 certificate; assertions must then name it by x5t or x5t#S256.
    #[arg(long, env = "GRAPH_FAKE_CLIENT_CERTIFICATE")]
    client_certificate: Option<PathBuf>,
    #[arg(long, env = "GRAPH_FAKE_TOKEN_LIFETIME_SECS")]
    token_lifetime_secs: Option<u64>,
    #[arg(long, env = "GRAPH_FAKE_LATENCY_MS")]
    latency_ms: Option<u64>,
    /// Concurrent requests per app before 429 (0 = unlimited; default 4).
    #[arg(long, env = "GRAPH_FAKE_MAX_CONCURRENT")]
    max_concurrent: Option<u32>,
    #[arg(long, env = "GRAPH_FAKE_CONCURRENCY_RETRY_AFTER_SECS")]
    concurrency_retry_after_secs: Option<u64>,
    /// Retry-After of throttle rules that give none (default 1).
    #[arg(long, env = "GRAPH_FAKE_DEFAULT_RETRY_AFTER_SECS")]
    default_retry_after_secs: Option<u64>,
    /// KIND:EVERY[:SCOPE[:RETRY_AFTER_SECS]], KIND one of throttle, unavailable, drop;
    /// SCOPE like photo, users+photo, api (default), all. Repeatable.
    #[arg(long = "fault", env = "GRAPH_FAKE_FAULTS", value_delimiter = ',')]
    faults: Vec<FaultRule<GraphFault>>,
    /// Count Retry-After violations but serve them normally.
    #[arg(long)]
    no_enforce_retry_after: bool,
    #[arg(long, env = "GRAPH_FAKE_EXPIRE_NEXT_TOKEN_USES")]
    expire_next_token_uses: Option<u64>,
    #[arg(long, env = "GRAPH_FAKE_MAX_PHOTO_BYTES")]
    max_photo_bytes: Option<usize>,
    /// JSON file with users to seed (same shape as POST /_admin/users).
    #[arg(long, env = "GRAPH_FAKE_USERS")]
    users: Option<PathBuf>,
    /// Keep serving when stdin closes (for running by hand in the background).
    #[arg(long)]
    no_stdin_watch: bool,
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn build_config(args: &Args) -> Result<GraphConfig, String> {
    let mut config = GraphConfig::default();
    if let Some(path) = &args.config {
        let patch: serde_json::Value =
            serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        config = merge(&config, &patch)?;
    }
    if args.client_id.is_some()
        || args.client_secret.is_some()
        || args.client_public_key.is_some()
        || args.client_certificate.is_some()
    {
        let base = config.apps.first().cloned();
        let app = AppCredential {
            client_id: args
                .client_id
                .clone()
                .or_else(|| base.as_ref().map(|a| a.client_id.clone()))
                .unwrap_or_default(),
            client_secret: args
                .client_secret
                .clone()
                .or_else(|| base.as_ref().and_then(|a| a.client_secret.clone())),
            public_key_pem: args.client_public_key.as_ref().map(read).transpose()?,
            certificate_pem: args.client_certificate.as_ref().map(read).transpose()?,
        };
        config.apps = vec![app];
    }
    if args.tenant.is_some() {
        config.tenant = args.tenant.clone();
    }
    macro_rules! set {
        ($field:ident, $arg:expr) => {
            if let Some(v) = $arg {
                config.$field = v;
            }
        };
    }
    set!(token_lifetime_secs, args.token_lifetime_secs);
    set!(latency_ms, args.latency_ms);
    set!(max_concurrent_per_app, args.max_concurrent);
    set!(concurrency_retry_after_secs, args.concurrency_retry_after_secs);
    set!(default_retry_after_secs, args.default_retry_after_secs);
    set!(expire_next_token_uses, args.expire_next_token_uses);
    set!(max_photo_bytes, args.max_photo_bytes);
    if !args.faults.is_empty() {
        config.faults = args.faults.clone();
    }
    if args.no_enforce_retry_after {
        config.enforce_retry_after = false;
    }
    Ok(config)
}

fn main() {
    let args = Args::parse();
    let config = build_config(&args).unwrap_or_else(|e| {
        eprintln!("graph-fake: {e}");
        std::process::exit(2);
    });
    let server = adphoto_fakes::graph::spawn(config, args.port).unwrap_or_else(|e| {
        eprintln!("graph-fake: cannot start: {e}");
        std::process::exit(1);
    });
    if let Some(path) = &args.users {
        let seeded = read(path).and_then(|text| {
            let body: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            adphoto_fakes::graph::seed(&server.state, body)
        });
        if let Err(e) = seeded {
            eprintln!("graph-fake: seeding users: {e}");
            std::process::exit(2);
        }
    }
    lifecycle::announce(&server.url());
    if args.no_stdin_watch {
        lifecycle::wait_forever();
    }
    lifecycle::wait_for_stdin_eof();
}
