//! The HTTP/1.1 listener. Each fake supplies one handler; this module owns sockets,
//! a private Tokio runtime on its own thread, and hanging up on request.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::StatusCode;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{oneshot, Notify};

use super::http::{Outcome, Reply, Request};

/// Bodies past this are refused outright; the services' own limits are far lower and
/// are checked by the handlers, which need to see the body to answer like the service.
const BODY_CAP: usize = 64 * 1024 * 1024;

pub type BoxFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;
pub type Handler = Arc<dyn Fn(Request) -> BoxFuture + Send + Sync>;

/// Bind 127.0.0.1:`port` (0 picks a free port) before anything else, so the caller
/// knows the address its handler should put in links.
pub fn bind(port: u16) -> std::io::Result<StdListener> {
    let listener = StdListener::bind(("127.0.0.1", port))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// A server running on a background thread; dropping it stops the server.
pub struct ServerHandle {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ServerHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serve `listener` with `handler` on a new thread with its own runtime, so blocking
/// test clients and the binaries can both use it without an async main.
pub fn serve_in_background(listener: StdListener, handler: Handler) -> std::io::Result<ServerHandle> {
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("fake-server")
        .build()?;
    let thread = std::thread::Builder::new()
        .name(format!("fake-server-{}", addr.port()))
        .spawn(move || {
            runtime.block_on(accept_loop(listener, handler, rx));
            // Dropping the runtime cancels every connection still open.
        })?;
    Ok(ServerHandle {
        addr,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

async fn accept_loop(listener: StdListener, handler: Handler, mut shutdown: oneshot::Receiver<()>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("fake server: cannot adopt listener: {e}");
            return;
        }
    };
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve_connection(stream, handler.clone()));
                }
                Err(e) => {
                    // Usually fd exhaustion; back off a little rather than spin.
                    eprintln!("fake server: accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    }
}

/// One keep-alive connection. A handler that answers `Outcome::Drop` makes the
/// connection task return, which closes the socket with no response written.
async fn serve_connection(stream: tokio::net::TcpStream, handler: Handler) {
    let hang_up = Arc::new(Notify::new());
    let hang_up_in_service = hang_up.clone();
    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let handler = handler.clone();
        let hang_up = hang_up_in_service.clone();
        async move {
            let request = match read_request(req).await {
                Ok(r) => r,
                Err(reply) => return Ok::<_, std::convert::Infallible>(to_hyper(reply)),
            };
            match handler(request).await {
                Outcome::Reply(reply) => Ok(to_hyper(reply)),
                Outcome::Drop => {
                    hang_up.notify_one();
                    std::future::pending().await
                }
            }
        }
    });
    let conn = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = conn => {}
        _ = hang_up.notified() => {}
    }
}

async fn read_request(req: hyper::Request<hyper::body::Incoming>) -> Result<Request, Reply> {
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, BODY_CAP).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Err(Reply::bytes(
                StatusCode::PAYLOAD_TOO_LARGE,
                "text/plain",
                Bytes::from_static(b"request body too large for the fake server"),
            ))
        }
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    Ok(Request::new(parts.method, &path_and_query, parts.headers, body))
}

fn to_hyper(reply: Reply) -> hyper::Response<Full<Bytes>> {
    let mut resp = hyper::Response::new(Full::new(reply.body));
    *resp.status_mut() = reply.status;
    let headers = resp.headers_mut();
    for (name, value) in reply.headers {
        headers.append(name, value);
    }
    resp
}
