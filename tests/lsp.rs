//! `systemcraft lsp` driven by a scripted client over standard input and output
//! (the protocol itself, through the real binary), and by Neovim's built-in client.

use serde_json::{json, Value};

use crate::testenv::lsp::{uri, Client};
use crate::testenv::Env;

/// A story with a misspelt principle (line 4) and an Action that only says "we".
const STORY: &str = "\
---
title: Moving checkout to the new queue
scenario: technical-leadership
principles: [dive-deep, ownershp]
status: draft
happened: 2025-06
---
## Situation
The checkout service dropped orders at every sales peak.
## Task
Make checkout survive the peaks.
## Action
We rewrote the consumer and we moved the queue to a managed service.
## Result
Dropped orders fell by 90% at the next peak.
";

fn codes(diags: &[Value]) -> Vec<String> {
    diags.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}

fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags.iter().find(|d| d["code"] == code).unwrap_or_else(|| panic!("no {code} in {:?}", codes(diags)))
}

fn story_uri(env: &Env, name: &str) -> String {
    uri(&env.root.canonicalize().unwrap().join("stories").join(name))
}

fn position(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

// The acceptance script of the issue, step by step, on a story never saved.
#[test]
fn a_scripted_client_gets_live_diagnostics_completion_hover_and_a_fix() {
    let env = Env::init();
    let (mut c, init) = Client::initialized(&env);
    let caps = &init["capabilities"];
    assert_eq!(init["serverInfo"]["name"], "systemcraft");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync: {caps}");
    for cap in
        ["completionProvider", "hoverProvider", "codeActionProvider", "documentSymbolProvider", "definitionProvider"]
    {
        assert!(caps.get(cap).is_some_and(|v| !v.is_null()), "{cap} missing: {caps}");
    }

    let uri = story_uri(&env, "queue.md");
    assert!(!env.exists("stories/queue.md"));
    c.open(&uri, STORY);
    let diags = c.diagnostics(&uri, Some(1));
    let principle = find(&diags, "schema/unknown-principle");
    assert_eq!(principle["range"]["start"], json!({ "line": 3, "character": 24 }));
    assert_eq!(principle["range"]["end"], json!({ "line": 3, "character": 32 }));
    assert_eq!(principle["severity"], 1);
    assert_eq!(principle["source"], "systemcraft");
    let message = principle["message"].as_str().unwrap();
    assert!(message.starts_with("unknown principle \"ownershp\"") || message.contains("ownershp"), "{message}");
    assert!(message.contains("\nhint: did you mean `ownership`?"), "{message}");
    let we = find(&diags, "star/we-not-i");
    assert_eq!(we["range"]["start"]["line"], 12);
    assert!(we["message"].as_str().unwrap().contains("the Action says \"we\" 2 times and \"I\" 0 times"), "{we}");

    // The same codes and messages as `check` gives once the file is saved.
    env.write("stories/queue.md", STORY);
    let check = env.run(&["check", "stories/queue.md", "--format", "json"]);
    let json: Value = serde_json::from_str(&check.stdout).unwrap();
    let from_check: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = match d["hint"].as_str() {
                Some(h) => format!("{}\nhint: {h}", d["message"].as_str().unwrap()),
                None => d["message"].as_str().unwrap().to_string(),
            };
            (d["code"].as_str().unwrap().to_string(), d["line"].to_string(), message)
        })
        .collect();
    let mut from_lsp: Vec<(String, String, String)> = diags
        .iter()
        .map(|d| {
            let line = d["range"]["start"]["line"].as_u64().unwrap() + 1;
            (d["code"].as_str().unwrap().to_string(), line.to_string(), d["message"].as_str().unwrap().to_string())
        })
        .collect();
    from_lsp.sort();
    let mut from_check = from_check;
    from_check.sort();
    assert_eq!(from_lsp, from_check);
    std::fs::remove_file(env.root.join("stories/queue.md")).unwrap();

    // A code action replaces the misspelt name.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": principle["range"],
            "context": { "diagnostics": [principle] },
        }),
    );
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    let edits = &action["edit"]["changes"][&uri];
    assert_eq!(edits[0]["newText"], "ownership");
    assert_eq!(edits[0]["range"], principle["range"]);

    // An edit that fixes it, without a save: the diagnostic is gone.
    c.change(&uri, 2, &STORY.replace("ownershp", "ownership"));
    let diags = c.diagnostics(&uri, Some(2));
    assert!(!codes(&diags).contains(&"schema/unknown-principle".to_string()), "{:?}", codes(&diags));
    assert!(codes(&diags).contains(&"star/we-not-i".to_string()));

    // The 16 principles inside `principles: [`.
    c.change(&uri, 3, &STORY.replace("principles: [dive-deep, ownershp]", "principles: ["));
    let items = c.request("textDocument/completion", position(&uri, 3, 13));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels.len(), 16, "{labels:?}");
    assert!(labels.contains(&"dive-deep") && labels.contains(&"success-and-scale"));
    let dive = items.as_array().unwrap().iter().find(|i| i["label"] == "dive-deep").unwrap();
    assert_eq!(dive["detail"], "Dive Deep");

    // A hover on a principle: what it asks for and how many stories back it.
    c.change(&uri, 4, STORY);
    let hover = c.request("textDocument/hover", position(&uri, 3, 16));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**Dive Deep** (`dive-deep`)"), "{text}");
    assert!(text.contains("Probed"), "{text}");
    assert!(text.contains("No story backs it yet (2 refined-or-ready stories needed)"), "{text}");

    // A clean exit.
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(0));
}

// Neovim's own client (Debian's neovim 0.7, installed by .ci/run), headless: it
// opens a story, gets the diagnostics, applies the quick fix and saves.
#[test]
fn neovim_opens_a_story_applies_the_fix_and_saves() {
    let nvim = std::process::Command::new("nvim").arg("--version").output();
    assert!(
        nvim.as_ref().is_ok_and(|o| o.status.success()),
        "this test needs Neovim: `apt-get install neovim` (.ci/run installs it)"
    );
    let env = Env::init();
    env.write("stories/queue.md", STORY);
    let out = env.root.join("nvim-result.txt");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp_test.lua");
    let root = env.root.canonicalize().unwrap();
    let run = std::process::Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&root)
        .env("HOME", &env.home)
        .env("XDG_CONFIG_HOME", env.home.join(".config"))
        .env("XDG_DATA_HOME", env.home.join(".local/share"))
        .env("XDG_STATE_HOME", env.home.join(".local/state"))
        .env("SYSTEMCRAFT_TODAY", crate::testenv::TODAY)
        .env("SC_BIN", assert_cmd::cargo::cargo_bin("systemcraft"))
        .env("SC_ROOT", &root)
        .env("SC_FILE", root.join("stories/queue.md"))
        .env("SC_OUT", &out)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run nvim");
    let seen = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(run.status.success(), "nvim failed: {seen}\n{}", String::from_utf8_lossy(&run.stderr));
    let get = |key: &str| seen.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap_or("").to_string();
    assert_eq!(get("principle_line"), "3", "{seen}");
    assert_eq!(get("principle_col"), "24", "{seen}");
    assert_eq!(get("we_not_i"), "true", "{seen}");
    assert_eq!(get("action"), "Replace \"ownershp\" with `ownership`", "{seen}");
    assert_eq!(get("line"), "principles: [dive-deep, ownership]", "{seen}");
    assert_eq!(get("fixed"), "true", "{seen}");
    assert_eq!(get("done"), "true", "{seen}");
    assert!(env.read("stories/queue.md").contains("principles: [dive-deep, ownership]"), "not saved");
}

/// A log naming a story that does not exist yet.
const LOG: &str = "\
---
date: 2026-11-24
behavioral:
  minutes: 15
  stories: [queue]
rehearsals:
  - story: queue
    rating: good
    seconds: 150
---
Told [[queue]] twice.
";

// Links to missing stories are workspace-wide: published for closed files after
// `initialized`, and refreshed when a save creates the story.
#[test]
fn workspace_diagnostics_follow_saves() {
    let env = Env::init();
    env.write("logs/2026-11-24.md", LOG);
    let (mut c, _) = Client::initialized(&env);
    let root = env.root.canonicalize().unwrap();
    let log = uri(&root.join("logs/2026-11-24.md"));
    let diags = c.diagnostics(&log, None);
    assert_eq!(codes(&diags), ["link/unknown-story", "link/unknown-story"]);
    assert_eq!(diags[0]["range"]["start"], json!({ "line": 4, "character": 12 }));
    assert_eq!(diags[0]["range"]["end"], json!({ "line": 4, "character": 17 }));

    let story = story_uri(&env, "queue.md");
    c.open(&story, STORY);
    c.diagnostics(&story, Some(1));
    env.write("stories/queue.md", STORY);
    c.notify("textDocument/didSave", json!({ "textDocument": { "uri": story } }));
    assert!(c.diagnostics(&log, None).is_empty(), "the link now resolves");

    // Hover and go-to-definition on the link, completion of links in the body.
    c.open(&log, LOG);
    c.diagnostics(&log, Some(1));
    let hover = c.request("textDocument/hover", position(&log, 10, 9));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**Moving checkout to the new queue** — `stories/queue.md`, draft"), "{text}");
    assert!(text.contains("STAR findings") && text.contains("star/we-not-i"), "{text}");
    assert!(text.contains("Last rehearsal: 2026-11-24 (1 in all); next due 2026-11-25"), "{text}");
    let def = c.request("textDocument/definition", position(&log, 10, 9));
    assert_eq!(def["uri"], story);
    c.change(&log, 2, &LOG.replace("Told [[queue]] twice.", "Told [[qu"));
    let items = c.request("textDocument/completion", position(&log, 10, 9));
    let item = items.as_array().unwrap().iter().find(|i| i["label"] == "queue").expect("queue offered");
    assert_eq!(item["detail"], "Moving checkout to the new queue");
    assert_eq!(item["textEdit"]["newText"], "queue]]");

    // The story's outline: its STAR sections.
    let symbols = c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": story } }));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Situation", "Task", "Action", "Result"]);
}

// The other quick fixes: quote a value holding `: `, add a missing STAR section from
// the template, add `happened:`; and profile values.
#[test]
fn quick_fixes_for_yaml_sections_and_dates() {
    let env = Env::init();
    let (mut c, _) = Client::initialized(&env);
    let uri = story_uri(&env, "colon.md");
    let text = STORY.replace("title: Moving checkout to the new queue", "title: Queues: the hard part");
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri, Some(1));
    let yaml = find(&diags, "yaml/syntax").clone();
    let fix = |c: &mut Client, d: &Value| {
        c.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
        )[0]["edit"]["changes"][&uri][0]
            .clone()
    };
    let edit = fix(&mut c, &yaml);
    assert_eq!(edit["newText"], "\"Queues: the hard part\"");
    assert_eq!(edit["range"]["start"], json!({ "line": 1, "character": 7 }));

    let text = STORY.replace("## Task\nMake checkout survive the peaks.\n", "").replace("happened: 2025-06\n", "");
    c.change(&uri, 2, &text);
    let diags = c.diagnostics(&uri, Some(2));
    let missing = diags
        .iter()
        .find(|d| d["code"] == "star/missing-section" && d["message"].as_str().unwrap().starts_with("no Task section"))
        .expect("no Task section");
    let edit = fix(&mut c, missing);
    assert!(edit["newText"].as_str().unwrap().starts_with("## Task\n\n<!--"), "{edit}");
    assert_eq!(edit["range"]["start"], json!({ "line": 8, "character": 0 }), "before the Action");
    let stale = find(&diags, "star/stale").clone();
    let edit = fix(&mut c, &stale);
    assert_eq!(edit["newText"], "happened: 2026-11\n");
    assert_eq!(edit["range"]["start"], json!({ "line": 5, "character": 0 }));

    // The profile: track values, and its own diagnostics from the unsaved text.
    let profile = crate::testenv::lsp::uri(&env.root.canonicalize().unwrap().join("systemcraft.yaml"));
    c.open(&profile, "name: X\ntrack: \ntarget_level: L9\n");
    let diags = c.diagnostics(&profile, Some(1));
    let level = find(&diags, "schema/unknown-value");
    assert_eq!(level["range"]["start"], json!({ "line": 2, "character": 14 }));
    let items = c.request("textDocument/completion", position(&profile, 1, 7));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["senior-to-l6", "l6-to-l7", "faang-to-amazon"]);
}

// Bad input never crashes the server: it answers with protocol errors or a
// diagnostic and carries on.
#[test]
fn bad_input_gets_errors_or_a_diagnostic_never_a_crash() {
    let env = Env::init();
    let mut c = Client::start(&env);
    // Before initialize.
    let r = c.request_raw("textDocument/hover", position("file:///x.md", 0, 0));
    assert_eq!(r["error"]["code"], -32002);
    let (mut c, _) = {
        drop(c);
        Client::initialized(&env)
    };
    // Not JSON, then a header without a length: parse errors with a null id.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let r = c.wait_for("a parse error", |m| m.get("error").is_some());
    assert_eq!((r["id"].clone(), r["error"]["code"].clone()), (Value::Null, json!(-32700)));
    c.send_raw(b"Content-Type: text\r\n\r\n");
    let r = c.wait_for("a parse error", |m| m.get("error").is_some());
    assert_eq!(r["error"]["code"], -32700);
    // An unknown method; invalid params; a document never opened.
    let r = c.request_raw("textDocument/formatting", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request_raw("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request_raw("textDocument/hover", position("file:///nowhere.md", 0, 0));
    assert_eq!(r["error"]["code"], -32602);
    // Unknown notifications are ignored.
    c.notify("$/somethingNew", json!({ "x": 1 }));

    // A document over the size cap: one diagnostic, no parse.
    let big = story_uri(&env, "big.md");
    c.open(&big, &format!("---\ntitle: x\n---\n{}", "a".repeat(10 * 1024 * 1024 + 1)));
    let diags = c.diagnostics(&big, Some(1));
    assert_eq!(codes(&diags), ["file/too-large"]);
    assert_eq!(c.request("textDocument/hover", position(&big, 1, 2)), Value::Null);

    // A file outside the workspace: one diagnostic saying so; no answers about it.
    let outside = tempfile::tempdir().unwrap();
    let other = uri(&outside.path().join("stories/x.md"));
    c.open(&other, STORY);
    let diags = c.diagnostics(&other, Some(1));
    assert_eq!(codes(&diags), ["lsp/outside-workspace"]);
    assert_eq!(c.request("textDocument/completion", position(&other, 3, 13)), Value::Null);

    // Still answering.
    let story = story_uri(&env, "queue.md");
    c.open(&story, STORY);
    assert!(!c.diagnostics(&story, Some(1)).is_empty());
    assert!(c.running());
    // Requests after shutdown are refused; exit ends with 0.
    c.request("shutdown", Value::Null);
    let r = c.request_raw("textDocument/hover", position(&story, 3, 16));
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(0));
}

// The editor going away (end of input) or an exit without shutdown ends the server.
#[test]
fn the_server_exits_when_the_editor_goes_away() {
    let env = Env::init();
    let (mut c, _) = Client::initialized(&env);
    c.close_input();
    assert_eq!(c.wait_exit().code(), Some(0));
    let (mut c, _) = Client::initialized(&env);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(1), "exit without shutdown is 1, as the protocol says");
}

// Files changed on disk behind the editor's back (a `git pull`): the server asks a
// client that can watch files to report them, and re-checks what they change.
#[test]
fn files_changed_on_disk_are_followed() {
    let env = Env::init();
    env.write("logs/2026-11-24.md", LOG);
    let mut c = Client::start(&env);
    let root = env.root.canonicalize().unwrap();
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    c.request("initialize", json!({ "processId": null, "rootUri": uri(&root), "capabilities": capabilities }));
    c.notify("initialized", json!({}));
    let register = c.wait_for("the watcher registration", |m| m["method"] == "client/registerCapability");
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(registration["registerOptions"]["watchers"][0]["globPattern"], "**/*.md");
    c.send(&json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));

    let log = uri(&root.join("logs/2026-11-24.md"));
    assert_eq!(codes(&c.diagnostics(&log, None)).len(), 2);
    env.write("stories/queue.md", STORY);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&root.join("stories/queue.md")), "type": 1 }] }),
    );
    assert!(c.diagnostics(&log, None).is_empty(), "the links now resolve");
    let story = c.diagnostics(&uri(&root.join("stories/queue.md")), None);
    assert!(codes(&story).contains(&"schema/unknown-principle".to_string()), "{:?}", codes(&story));
    // A scored field's hover says what it feeds.
    let story_uri = uri(&root.join("stories/queue.md"));
    c.open(&story_uri, STORY);
    let hover = c.request("textDocument/hover", position(&story_uri, 4, 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**`status`** — draft → refined → ready."), "{text}");
    assert!(text.contains("Feeds: scenario coverage and LP depth"), "{text}");
}
