//! A blocking HTTPS client for the cloud directories: rustls with the ring provider,
//! certificates verified against the system's roots (plus an extra CA when given),
//! connections kept alive and shared by every worker thread. Plain `http://` is
//! refused except for a test server on this machine, or when asked for by name.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use ureq::tls::{Certificate, RootCerts, TlsConfig, TlsProvider};

use adphoto_core::error::{Error, ErrorKind};

/// Most bytes read from one response: a `$batch` of 20 photos of 4 MB, base64-encoded,
/// stays below this.
const MAX_RESPONSE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether plain HTTP may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlainHttp {
    /// Only to this machine (`127.0.0.1`, `::1`, `localhost`): local test servers.
    #[default]
    LoopbackOnly,
    /// Anywhere: tokens and photos cross the network unencrypted.
    Allowed,
}

#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Whole-call limit (connect, send, receive).
    pub timeout: Duration,
    /// A CA trusted in addition to the system's roots (a TLS-inspecting proxy).
    pub ca_cert: Option<PathBuf>,
    pub plain_http: PlainHttp,
    /// Connections kept open per host; at least the number of workers.
    pub connections: usize,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            timeout: Duration::from_secs(60),
            ca_cert: None,
            plain_http: PlainHttp::LoopbackOnly,
            connections: 8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// A request. Its `Debug` shows neither headers nor body: they carry bearer tokens and
/// client secrets.
#[derive(Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HttpRequest({})", self.describe())
    }
}

impl HttpRequest {
    pub fn new(method: Method, url: impl Into<String>) -> HttpRequest {
        HttpRequest {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> HttpRequest {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn body(mut self, content_type: &str, body: Vec<u8>) -> HttpRequest {
        self.headers.push(("Content-Type".into(), content_type.to_string()));
        self.body = Some(body);
        self
    }

    pub fn json(self, value: &serde_json::Value) -> HttpRequest {
        let body = serde_json::to_vec(value).unwrap_or_default();
        self.body("application/json", body)
    }

    /// `application/x-www-form-urlencoded`, as OAuth token endpoints take.
    pub fn form(self, fields: &[(&str, &str)]) -> HttpRequest {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
            .collect();
        self.body("application/x-www-form-urlencoded", body.join("&").into_bytes())
    }

    /// For messages: the method and the URL without its query (which may be long).
    pub fn describe(&self) -> String {
        let url = self.url.split('?').next().unwrap_or_default();
        format!("{} {url}", self.method.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Percent-encodes a form or query value (RFC 3986 unreserved characters stay).
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Checks a base URL before anything is sent to it: `https://`, or `http://` to this
/// machine (or anywhere with `PlainHttp::Allowed`). Returns it without a trailing `/`.
pub fn check_url(url: &str, plain: PlainHttp) -> Result<String, Error> {
    let url = url.trim().trim_end_matches('/');
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(Error::options(format!("'{url}' is not a URL (https://...)")));
    };
    let host = host_of(rest);
    if host.is_empty() {
        return Err(Error::options(format!("'{url}' names no host")));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(url.to_string()),
        "http" if plain == PlainHttp::Allowed || is_loopback(&host) => Ok(url.to_string()),
        "http" => Err(Error::options(format!(
            "'{url}' is not encrypted: use https://, or allow plain HTTP with --insecure (\"insecure\": true in a request); tokens and photos would then cross the network in the clear"
        ))),
        other => Err(Error::options(format!("'{url}': unsupported scheme '{other}'"))),
    }
}

fn host_of(rest: &str) -> String {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or_default();
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or_default().to_string();
    }
    authority.split(':').next().unwrap_or_default().to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

/// One client for a whole run; cheap to clone, safe to share between threads.
#[derive(Clone)]
pub struct HttpClient {
    agent: ureq::Agent,
    plain: PlainHttp,
}

impl HttpClient {
    pub fn new(options: &HttpOptions) -> Result<HttpClient, Error> {
        let roots = root_certificates(options.ca_cert.as_deref())?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(provider)
            .root_certs(RootCerts::new_with_certs(&roots))
            .build();
        let timeout = options.timeout.max(Duration::from_secs(1));
        let config = ureq::Agent::config_builder()
            .tls_config(tls)
            // Error statuses are answers to interpret (Graph's code and message), not
            // transport failures.
            .http_status_as_error(false)
            // The clouds' APIs used here do not redirect; following one could carry a
            // bearer token somewhere unexpected.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(15))))
            .max_idle_connections(options.connections.max(1) * 2)
            .max_idle_connections_per_host(options.connections.max(1))
            .user_agent(concat!("ADPhoto/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(HttpClient {
            agent: config.new_agent(),
            plain: options.plain_http,
        })
    }

    /// Sends one request and reads the whole answer. Error statuses are answers
    /// (`Ok`); only a request that got no answer is an `Err` (transient unless the
    /// URL or TLS set-up is at fault).
    pub fn send(&self, request: &HttpRequest) -> Result<HttpResponse, Error> {
        check_url(&request.url, self.plain)?;
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(&request.url);
        for (k, v) in &request.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let what = request.describe();
        let bad = |e: ureq::http::Error| Error::options(format!("{what}: invalid request: {e}"));
        let sent = match &request.body {
            Some(body) => self.agent.run(builder.body(body.as_slice()).map_err(bad)?),
            None => self.agent.run(builder.body(()).map_err(bad)?),
        };
        let mut response = sent.map_err(|e| transport_error(&what, e))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_ascii_lowercase(), v.to_str().ok()?.to_string())))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_vec()
            .map_err(|e| transport_error(&what, e))?;
        Ok(HttpResponse { status, headers, body })
    }
}

fn transport_error(what: &str, e: ureq::Error) -> Error {
    match e {
        ureq::Error::Timeout(t) => Error::retryable(ErrorKind::Timeout, format!("{what}: no answer in time ({t})")),
        ureq::Error::HostNotFound => Error::new(ErrorKind::Network, format!("{what}: host not found")),
        ureq::Error::Tls(m) => Error::new(ErrorKind::Tls, format!("{what}: TLS failed: {m}")),
        ureq::Error::Rustls(r) => Error::new(ErrorKind::Tls, format!("{what}: TLS failed: {r}")),
        ureq::Error::BadUri(m) => Error::options(format!("{what}: bad URL: {m}")),
        ureq::Error::BodyExceedsLimit(n) => Error::new(
            ErrorKind::InvalidResponse,
            format!("{what}: the answer is larger than {n} bytes"),
        ),
        other => Error::retryable(ErrorKind::Network, format!("{what}: the connection failed ({other})")),
    }
}

/// The system's roots, plus `extra` when given.
fn root_certificates(extra: Option<&Path>) -> Result<Vec<Certificate<'static>>, Error> {
    let mut roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
        .certs
        .into_iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    if let Some(path) = extra {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .map_err(|e| Error::options(format!("cannot read the CA certificate {}: {e}", path.display())))?
            .collect::<Result<_, _>>()
            .map_err(|e| Error::options(format!("{} is not a PEM certificate: {e}", path.display())))?;
        if certs.is_empty() {
            return Err(Error::options(format!("{} holds no PEM certificate", path.display())));
        }
        roots.extend(certs.iter().map(|c| Certificate::from_der(c.as_ref()).to_owned()));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_may_be_plain() {
        let loopback = PlainHttp::LoopbackOnly;
        assert_eq!(
            check_url("https://graph.microsoft.com/", loopback).unwrap(),
            "https://graph.microsoft.com"
        );
        assert!(check_url("http://127.0.0.1:8080", loopback).is_ok());
        assert!(check_url("http://[::1]:8080/x", loopback).is_ok());
        assert!(check_url("http://localhost/x", loopback).is_ok());
        assert!(check_url("http://graph.example.com", loopback).is_err());
        assert!(check_url("http://127.0.0.1.evil.com", loopback).is_err());
        assert!(check_url("http://graph.example.com", PlainHttp::Allowed).is_ok());
        assert!(check_url("ftp://x", PlainHttp::Allowed).is_err());
        assert!(check_url("graph.microsoft.com", loopback).is_err());
    }

    #[test]
    fn forms_are_percent_encoded() {
        assert_eq!(form_encode("a b+c/=~"), "a%20b%2Bc%2F%3D~");
        let r = HttpRequest::new(Method::Post, "https://x/t?q=1").form(&[("scope", "https://g/.default")]);
        assert_eq!(r.body.as_deref(), Some(&b"scope=https%3A%2F%2Fg%2F.default"[..]));
        assert_eq!(r.describe(), "POST https://x/t");
    }
}
