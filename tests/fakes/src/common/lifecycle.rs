//! How the binaries tell a test they are ready and notice the test has gone.

use std::io::{Read, Write};

/// The one line a test waits for before talking to the server.
pub fn announce(url: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "LISTENING {url}");
    let _ = out.flush();
}

/// Block until stdin reaches end of file. A test that spawns the fake holds the other
/// end of the pipe; when the test process dies the pipe closes and the fake exits with
/// it instead of lingering.
pub fn wait_for_stdin_eof() {
    let mut stdin = std::io::stdin().lock();
    let mut buf = [0u8; 1024];
    loop {
        match stdin.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return,
        }
    }
}

/// Serve until killed: park the main thread forever.
pub fn wait_forever() -> ! {
    loop {
        std::thread::park();
    }
}
