//! A buffered request/response model. Every handler sees the whole body at once, which
//! keeps them simple and lets `$batch` items run through the same code as real requests.

use bytes::Bytes;
use hyper::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use hyper::{Method, StatusCode};
use serde_json::Value;

/// One HTTP request, fully read.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// Percent-decoded path, so `%24value` and `$value` route the same way.
    pub path: String,
    /// Decoded query pairs in arrival order.
    pub query: Vec<(String, String)>,
    /// The query string as sent, for messages that echo it.
    pub raw_query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Request {
    pub fn new(method: Method, path_and_query: &str, headers: HeaderMap, body: Bytes) -> Self {
        let (raw_path, raw_query) = match path_and_query.split_once('?') {
            Some((p, q)) => (p, q),
            None => (path_and_query, ""),
        };
        let path = percent_encoding::percent_decode_str(raw_path)
            .decode_utf8_lossy()
            .into_owned();
        let query = form_urlencoded::parse(raw_query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Request {
            method,
            path,
            query,
            raw_query: raw_query.to_string(),
            headers,
            body,
        }
    }

    /// First value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The bearer token, if the Authorization header carries one.
    pub fn bearer_token(&self) -> Option<&str> {
        let value = self.header("authorization")?;
        let (scheme, token) = value.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then_some(token.trim())
            .filter(|t| !t.is_empty())
    }

    /// Media type without parameters, lower-cased.
    pub fn content_type(&self) -> Option<String> {
        self.header("content-type")
            .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
    }

    /// Body decoded as `application/x-www-form-urlencoded`, later duplicates ignored.
    pub fn form(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(&self.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// Scheme and authority the client used, from its Host header; links and token
    /// audiences are built from it so they match whatever address the client dialled.
    pub fn base_url(&self, fallback: &str) -> String {
        match self.header("host") {
            Some(host) if !host.is_empty() => format!("http://{host}"),
            _ => fallback.to_string(),
        }
    }
}

/// Look a key up in decoded form pairs.
pub fn form_value<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// One response, fully built.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
}

impl Reply {
    pub fn empty(status: StatusCode) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }

    pub fn json(status: StatusCode, value: &Value) -> Self {
        let body = serde_json::to_vec(value).expect("JSON values always serialise");
        Reply::bytes(status, "application/json; charset=utf-8", body.into())
    }

    pub fn bytes(status: StatusCode, content_type: &str, body: Bytes) -> Self {
        Reply::empty(status)
            .with_header(CONTENT_TYPE.as_str(), content_type)
            .with_body(body)
    }

    pub fn with_body(mut self, body: Bytes) -> Self {
        self.body = body;
        self
    }

    /// Adds a header; values we build ourselves are always valid header text.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("static header name");
        let value = HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static("invalid-header-value"));
        self.headers.push((name, value));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.as_str().eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.to_str().ok())
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }
}

/// What a handler decided: answer, or hang up without a word (fault injection).
#[derive(Debug)]
pub enum Outcome {
    Reply(Reply),
    Drop,
}

impl From<Reply> for Outcome {
    fn from(r: Reply) -> Self {
        Outcome::Reply(r)
    }
}

/// Parse a JSON body, or say why not.
pub fn json_body(req: &Request) -> Result<Value, String> {
    serde_json::from_slice(&req.body).map_err(|e| format!("body is not valid JSON: {e}"))
}

/// Query pairs re-encoded, for building `nextLink`s that carry the caller's options.
pub fn encode_query(pairs: &[(String, String)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        ser.append_pair(k, v);
    }
    ser.finish()
}
