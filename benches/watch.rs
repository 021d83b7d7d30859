//! Benchmark of watch mode: on a generated workspace (default 10,000 notes), the real
//! `systemcraft watch` binary runs while this program saves one note at a time and
//! waits for the new DASHBOARD.md to land on disk (seen through the OS's own file
//! events, so the wait adds no polling delay).
//!
//! `cargo bench --bench watch [-- NOTES [EDITS [DEBOUNCE_MS]]]` (defaults 10000, 60,
//! 100). Prints, over the edits: end to end (save → new dashboard renamed into place)
//! and the watcher's own work per edit (re-read, recompute, render, write; printed by
//! `watch --verbose`), median and p95. Two series on the same watcher: saves of
//! today's log (the daily case), then saves of one story (which redo the portfolio).

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let notes = args.first().copied().unwrap_or(10_000) as usize;
    let edits = args.get(1).copied().unwrap_or(60) as usize;
    let debounce = args.get(2).copied().unwrap_or(100);
    let warmup = 5;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    common::generate(&root, notes);

    let mut child = Command::new(env!("CARGO_BIN_EXE_systemcraft"))
        .args(["watch", "--verbose", "--debounce", &debounce.to_string()])
        .current_dir(&root)
        .env("SYSTEMCRAFT_TODAY", "2026-11-25")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run systemcraft watch");
    // The watcher's lines, as they come.
    let (line_tx, lines) = mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line_tx.send(line).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    loop {
        let line = lines.recv_timeout(Duration::from_secs(120)).expect("watch did not start");
        if line.contains("DASHBOARD.md") {
            break;
        }
    }
    println!("watch ready on {notes} notes after {:.0} ms (initial full build)", started.elapsed().as_secs_f64() * 1e3);

    // Our own observer of the dashboard: the rename that puts the new one in place.
    let (ev_tx, events) = mpsc::channel();
    let mut observer = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        if let Ok(e) = e {
            if e.paths.iter().any(|p| p.ends_with("DASHBOARD.md")) && !e.kind.is_access() {
                let _ = ev_tx.send(Instant::now());
            }
        }
    })
    .unwrap();
    observer.watch(&root, RecursiveMode::NonRecursive).unwrap();

    let dashboard = root.join("DASHBOARD.md");
    println!("| notes | edits | saved | debounce | end to end median | p95 | work per edit median | p95 |");
    println!("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for (what, save) in [("today's log", save_log as fn(&Path, usize)), ("a story", save_story)] {
        let mut end_to_end = Vec::new();
        let mut work = Vec::new();
        for i in 0..edits + warmup {
            let before = std::fs::read(&dashboard).unwrap();
            // Each save changes the note so that the dashboard moves.
            save(&root, i % 7 + 1);
            let saved = Instant::now();
            let landed = loop {
                let t = events.recv_timeout(Duration::from_secs(10)).expect("no new dashboard within 10 s");
                if std::fs::read(&dashboard).unwrap() != before {
                    break t;
                }
            };
            // The watcher's line for this rebuild ends with "(N.N ms)".
            let line = lines.recv_timeout(Duration::from_secs(10)).expect("no rebuild line");
            let ms: f64 = line
                .rsplit_once('(')
                .and_then(|(_, t)| t.trim_end_matches(" ms)").parse().ok())
                .unwrap_or_else(|| panic!("no timing in {line:?}"));
            // Skip the problem lines of that rebuild, if any, and let the file system settle.
            std::thread::sleep(Duration::from_millis(debounce + 100));
            while lines.try_recv().is_ok() {}
            while events.try_recv().is_ok() {}
            if i >= warmup {
                end_to_end.push(landed.saturating_duration_since(saved));
                work.push(Duration::from_secs_f64(ms / 1000.0));
            }
        }
        let (e_med, e_p95) = common::stats(end_to_end);
        let (w_med, w_p95) = common::stats(work);
        println!(
            "| {notes} | {edits} | {what} | {debounce} ms | {} | {} | {} | {} |",
            common::ms(e_med),
            common::ms(e_p95),
            common::ms(w_med),
            common::ms(w_p95)
        );
    }
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let _ = child.wait();
}

/// Saves one story with its title and Result rewritten (`n` in 1..=7), in place: its
/// spoken length changes, and as the first ready story by name its row on the
/// dashboard shows it.
fn save_story(root: &Path, n: usize) {
    let words = "and the team kept the new design ".repeat(n * 3);
    common::write(
        root,
        "stories/story-0.md",
        &format!(
            "---\ntitle: Story 0 (take {n})\nscenario: technical-leadership\nprinciples: [ownership, dive-deep]\nstatus: ready\nhappened: 2025-01\n---\n## Situation\nCheckout slowed at peak.\n\n## Task\nI owned the latency goal.\n\n## Action\nI profiled the service and sharded the cart cache.\n\n## Result\np99 fell by {n}0% {words}\n"
        ),
    );
}

/// Saves today's log with `problems` coding problems, in place (truncate and write).
fn save_log(root: &Path, problems: usize) {
    let mut text = String::from("---\ndate: 2026-11-25\ncoding:\n");
    for p in 0..problems {
        text.push_str(&format!("  - problem: Bench {p}\n    difficulty: medium\n    minutes: 30\n    solved: true\n"));
    }
    text.push_str("---\nPractice.\n");
    common::write(root, "logs/2026-11-25.md", &text);
}
