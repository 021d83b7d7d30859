//! Benchmark of the language server: on a generated workspace (default 1,000 notes),
//! the real `systemcraft lsp` binary runs while this program plays the editor over
//! its standard input and output. It opens one story and changes it, unsaved, one
//! edit at a time, timing each change from the moment it is written to the pipe to
//! the arrival of the diagnostics for that version; then saves it, timing the
//! workspace-wide refresh (re-read, model, `check` on every note, publication)
//! until a request sent after the save is answered.
//!
//! `cargo bench --bench lsp [-- NOTES [EDITS]]` (defaults 1000, 200).

mod common;
#[path = "../tests/testenv/frame.rs"]
mod frame;

use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let notes = args.first().copied().unwrap_or(1_000) as usize;
    let edits = args.get(1).copied().unwrap_or(200) as usize;
    let warmup = 10;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    common::generate(&root, notes);

    let mut child = Command::new(env!("CARGO_BIN_EXE_systemcraft"))
        .arg("lsp")
        .current_dir(&root)
        .env("SYSTEMCRAFT_TODAY", "2026-11-25")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run systemcraft lsp");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<(Instant, Value)>();
    std::thread::spawn(move || {
        let mut out = BufReader::new(stdout);
        while let Some(m) = frame::read_message(&mut out) {
            if tx.send((Instant::now(), m)).is_err() {
                break;
            }
        }
    });
    let mut send = |m: Value| {
        let body = m.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
        Instant::now()
    };
    let wait = |test: &dyn Fn(&Value) -> bool| loop {
        let (at, m) = rx.recv_timeout(Duration::from_secs(120)).expect("no answer within 120 s");
        if test(&m) {
            return at;
        }
    };

    let root_uri = format!("file://{}", root.display());
    let started = send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "processId": null, "rootUri": root_uri, "capabilities": {} } }));
    let ready = wait(&|m| m["id"] == 1);
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    println!("initialize on {notes} notes: {:.0} ms (load, model, check)", (ready - started).as_secs_f64() * 1e3);

    let rel = "stories/story-0.md";
    let uri = format!("{root_uri}/{rel}");
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } } }));
    wait(&|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);

    // Each change types a few words into the Action, alternately with a misspelt
    // principle: a ranged (incremental) change, as editors send them.
    let mut latencies = Vec::new();
    for i in 0..edits + warmup {
        let version = i as i64 + 2;
        let line = text.lines().position(|l| l.starts_with("## Action")).map_or(8, |l| l + 1);
        let words = if i % 2 == 0 { "I measured it again. " } else { "We argued. " };
        let sent = send(json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } }, "text": words }] } }));
        let got = wait(&|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version);
        if i >= warmup {
            latencies.push(got - sent);
        }
    }
    let max = latencies.iter().max().copied().unwrap_or_default();
    let (med, p95) = common::stats(latencies);
    println!("| notes | edits | change → diagnostics median | p95 | max |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    println!("| {notes} | {edits} | {} | {} | {} |", common::ms(med), common::ms(p95), common::ms(max));

    // Saves: the workspace-wide refresh, until a request behind it is answered.
    let mut saves = Vec::new();
    for i in 0..12 {
        common::write(&root, rel, &text.replace("## Result", &format!("## Result\nSaved {i} times.")));
        let sent = send(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didSave", "params": { "textDocument": { "uri": uri } } }),
        );
        let id = 100 + i;
        send(
            json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": uri } } }),
        );
        let got = wait(&|m| m["id"] == id);
        if i >= 2 {
            saves.push(got - sent);
        }
    }
    let (med, p95) = common::stats(saves);
    println!(
        "save → workspace refreshed and published: median {}, p95 {} (10 saves)",
        common::ms(med),
        common::ms(p95)
    );

    send(json!({ "jsonrpc": "2.0", "id": 9, "method": "shutdown" }));
    wait(&|m| m["id"] == 9);
    send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let _ = child.wait();
}
