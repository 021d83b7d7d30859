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
