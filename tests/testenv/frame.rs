//! LSP's `Content-Length` framing, read the simple way an editor's client would: the
//! scripted client of the language-server tests and the LSP benchmark both use it
//! (the benchmark includes this file by path), and it shares no code with the
//! server's own reader, so the two check each other.

use std::io::BufRead;

use serde_json::Value;

/// Reads one framed message; `None` at the end of the output.
pub fn read_message(out: &mut impl BufRead) -> Option<Value> {
    let mut size = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            size = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; size?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
