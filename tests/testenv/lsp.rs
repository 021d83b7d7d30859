//! A scripted LSP client for the language-server tests: it starts `systemcraft lsp`
//! in a test workspace, frames JSON-RPC messages on its standard input and reads
//! its answers and notifications from its standard output.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::frame::read_message;
use super::Env;

/// How long any one answer may take before the test fails (generous: "does not hang").
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A running server and what it has sent so far.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications received and not yet consumed, in order.
    pub notifications: Vec<Value>,
    next_id: i64,
}

/// A file URI for a path.
pub fn uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    /// Starts `systemcraft lsp` in the workspace (not yet initialized).
    pub fn start(env: &Env) -> Client {
        let mut child = env
            .std_cmd()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start systemcraft lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(m) = read_message(&mut out) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client { child, stdin, incoming, notifications: Vec::new(), next_id: 1 }
    }

    /// Starts the server and runs the initialize handshake with the workspace as
    /// root; returns the server and its `initialize` result.
    pub fn initialized(env: &Env) -> (Client, Value) {
        let mut c = Client::start(env);
        let root = env.root.canonicalize().unwrap();
        let result = c.request("initialize", json!({ "processId": null, "rootUri": uri(&root), "capabilities": {} }));
        c.notify("initialized", json!({}));
        (c, result)
    }

    /// Writes raw bytes to the server.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let _ = stdin.write_all(bytes);
        let _ = stdin.flush();
    }

    /// Sends one message, framed.
    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its whole response (`result` or `error`).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Waits for a message that `test` accepts; notifications seen on the way are
    /// kept in [`Client::notifications`].
    pub fn wait_for(&mut self, what: &str, test: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notifications.iter().position(&test) {
            return self.notifications.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if test(&m) => return m,
                Ok(m) => {
                    if m.get("method").is_some() {
                        self.notifications.push(m);
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {PATIENCE:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output before {what}"),
            }
        }
    }

    /// Waits for diagnostics published for `uri` (of document version `version`
    /// when given); returns them.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        });
        m["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Opens a document with its text.
    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Replaces a document's whole text (an unsaved edit).
    pub fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Closes standard input: the editor going away.
    pub fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Waits for the server to exit; panics if it does not within [`PATIENCE`].
    pub fn wait_exit(mut self) -> ExitStatus {
        self.stdin = None;
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {PATIENCE:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the server process is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
