//! `google-fake`: the fake Google Directory API + OAuth token endpoint as a process.
//! Prints `LISTENING http://127.0.0.1:PORT` once ready; exits when stdin closes.

use clap::Parser;
use std::path::PathBuf;

use adphoto_fakes::common::faults::FaultRule;
use adphoto_fakes::common::lifecycle;
use adphoto_fakes::common::patch::merge;
use adphoto_fakes::google::config::{GoogleConfig, GoogleFault};
use adphoto_fakes::google::service_account;

#[derive(Parser, Debug)]
#[command(
    name = "google-fake",
    about = "Local fake of the Google Directory API (users, photos) and its OAuth token endpoint"
)]
struct Args {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, env = "GOOGLE_FAKE_PORT", default_value_t = 0)]
    port: u16,
    /// JSON file with a full or partial config (same shape as GET /_admin/config).
    #[arg(long, env = "GOOGLE_FAKE_CONFIG")]
    config: Option<PathBuf>,
    #[arg(long, env = "GOOGLE_FAKE_CUSTOMER_ID")]
    customer_id: Option<String>,
    /// Domain that `domain=` may name (repeatable; default: the users' domains).
    #[arg(long = "domain")]
    domains: Vec<String>,
    /// User the service account may impersonate (repeatable; default admin@example.com).
    #[arg(long = "admin", env = "GOOGLE_FAKE_ADMINS", value_delimiter = ',')]
    admins: Vec<String>,
    /// Trust this service-account JSON key file (repeatable).
    #[arg(long = "service-account")]
    service_accounts: Vec<PathBuf>,
    /// Generate a service account, trust it, and write its JSON key file here
    /// (token_uri points at this server) before announcing LISTENING.
    #[arg(long, env = "GOOGLE_FAKE_WRITE_SERVICE_ACCOUNT")]
    write_service_account: Option<PathBuf>,
    #[arg(long, env = "GOOGLE_FAKE_TOKEN_LIFETIME_SECS")]
    token_lifetime_secs: Option<u64>,
    #[arg(long, env = "GOOGLE_FAKE_LATENCY_MS")]
    latency_ms: Option<u64>,
    /// Concurrent requests per client before 403 quotaExceeded (0 = unlimited).
    #[arg(long, env = "GOOGLE_FAKE_MAX_CONCURRENT")]
    max_concurrent: Option<u32>,
    /// KIND:EVERY[:SCOPE[:RETRY_AFTER_SECS]], KIND one of userRateLimitExceeded,
    /// quotaExceeded, rateLimitExceeded, backendError, internalError, drop. Repeatable.
    #[arg(long = "fault", env = "GOOGLE_FAKE_FAULTS", value_delimiter = ',')]
    faults: Vec<FaultRule<GoogleFault>>,
    #[arg(long)]
    no_enforce_retry_after: bool,
    #[arg(long, env = "GOOGLE_FAKE_EXPIRE_NEXT_TOKEN_USES")]
    expire_next_token_uses: Option<u64>,
    #[arg(long, env = "GOOGLE_FAKE_MAX_PHOTO_BYTES")]
    max_photo_bytes: Option<usize>,
    /// Accept '+' and '/' in photoData (the documented alphabet has '-' and '_').
    #[arg(long)]
    accept_standard_base64: bool,
    /// JSON file with users to seed (same shape as POST /_admin/users).
    #[arg(long, env = "GOOGLE_FAKE_USERS")]
    users: Option<PathBuf>,
    #[arg(long)]
    no_stdin_watch: bool,
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_json(path: &PathBuf) -> Result<serde_json::Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn build_config(args: &Args) -> Result<GoogleConfig, String> {
    let mut config = GoogleConfig::default();
    if let Some(path) = &args.config {
        config = merge(&config, &read_json(path)?)?;
    }
    if let Some(c) = &args.customer_id {
        config.customer_id = c.clone();
    }
    if !args.domains.is_empty() {
        config.domains = args.domains.clone();
    }
    if !args.admins.is_empty() {
        config.admins = args.admins.clone();
    }
    for path in &args.service_accounts {
        let cred = service_account::credential_from_key_file(&read_json(path)?)?;
        config.service_accounts.retain(|s| s.client_email != cred.client_email);
        config.service_accounts.push(cred);
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
    set!(max_concurrent, args.max_concurrent);
    set!(expire_next_token_uses, args.expire_next_token_uses);
    set!(max_photo_bytes, args.max_photo_bytes);
    if !args.faults.is_empty() {
        config.faults = args.faults.clone();
    }
    if args.no_enforce_retry_after {
        config.enforce_retry_after = false;
    }
    if args.accept_standard_base64 {
        config.accept_standard_base64 = true;
    }
    Ok(config)
}

fn fail(what: &str, e: impl std::fmt::Display, code: i32) -> ! {
    eprintln!("google-fake: {what}: {e}");
    std::process::exit(code);
}

fn main() {
    let args = Args::parse();
    let config = build_config(&args).unwrap_or_else(|e| fail("config", e, 2));
    let server = adphoto_fakes::google::spawn(config, args.port).unwrap_or_else(|e| fail("cannot start", e, 1));
    if let Some(path) = &args.users {
        if let Err(e) = read_json(path).and_then(|b| adphoto_fakes::google::seed(&server.state, b)) {
            fail("seeding users", e, 2);
        }
    }
    if let Some(path) = &args.write_service_account {
        let written = service_account::generate(&server.state.token_uri(), None, None).and_then(|(file, cred)| {
            adphoto_fakes::google::admin::trust(&server.state, cred)?;
            let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
        });
        if let Err(e) = written {
            fail("writing service account", e, 2);
        }
    }
    lifecycle::announce(&server.url());
    if args.no_stdin_watch {
        lifecycle::wait_forever();
    }
    lifecycle::wait_for_stdin_eof();
}
